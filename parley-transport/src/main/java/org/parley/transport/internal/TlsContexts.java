package org.parley.transport.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.parley.transport.tls.ClientAuth;
import org.parley.transport.tls.KeyMaterial;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.tls.TlsProvider;
import org.parley.transport.tls.TrustMaterial;

/**
 * The Netty SSL contexts of one {@link TlsConfig}: the server's (one per SNI name, RFC 6066 §3) and
 * the client's, on OpenSSL (BoringSSL) or the JDK's TLS, with TLS 1.2/1.3 only and certificates
 * checked by {@link SipTrustManager} (RFC 5922 §7). Built once when the layer starts; immutable and
 * thread-safe afterwards (SSL contexts are shared by all connections).
 */
public final class TlsContexts {
    private final SslProvider provider;
    private final Optional<SslContext> server;
    private final Map<String, SslContext> byServerName;
    private final SslContext client;

    private TlsContexts(SslProvider provider, Optional<SslContext> server, Map<String, SslContext> byServerName,
            SslContext client) {
        this.provider = provider;
        this.server = server;
        this.byServerName = byServerName;
        this.client = client;
    }

    /**
     * Builds the contexts.
     *
     * @throws IllegalStateException when OpenSSL is demanded but does not load, or a context cannot be built
     */
    public static TlsContexts of(TlsConfig config) {
        SslProvider provider = provider(config.provider());
        SipTrustManager trust = new SipTrustManager(anchors(config.trust()), config.trust().origin(),
                config.skipNameCheckForNumericTargets());
        try {
            Optional<SslContext> server = Optional.empty();
            Map<String, SslContext> byName = new HashMap<>();
            if (config.identity().isPresent()) {
                server = Optional.of(serverContext(config, config.identity().get(), provider, trust));
                for (var e : config.serverNames().entrySet()) {
                    byName.put(e.getKey(), serverContext(config, e.getValue(), provider, trust));
                }
            }
            SslContextBuilder clientBuilder = SslContextBuilder.forClient().sslProvider(provider)
                    .protocols(config.protocols()).trustManager(trust)
                    // SipTrustManager checks the name as RFC 5922 says, not as HTTPS does (RFC 2818).
                    .endpointIdentificationAlgorithm(null);
            config.identity().ifPresent(id -> clientBuilder.keyManager(id.key(), id.chain()));
            return new TlsContexts(provider, server, Map.copyOf(byName), clientBuilder.build());
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS with " + provider + ": " + e.getMessage(), e);
        }
    }

    private static SslContext serverContext(TlsConfig config, KeyMaterial identity, SslProvider provider,
            TrustManager trust) throws SSLException {
        return SslContextBuilder.forServer(identity.key(), identity.chain()).sslProvider(provider)
                .protocols(config.protocols()).trustManager(trust).clientAuth(clientAuth(config.clientAuth()))
                .build();
    }

    private static io.netty.handler.ssl.ClientAuth clientAuth(ClientAuth auth) {
        return switch (auth) {
            case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
            case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
        };
    }

    private static SslProvider provider(TlsProvider wanted) {
        return switch (wanted) {
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("TLS provider OPENSSL requested but OpenSSL does not load: "
                            + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
        };
    }

    private static X509TrustManager anchors(TrustMaterial trust) {
        try {
            KeyStore store = null;
            if (!trust.isJdkDefault()) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate c : trust.anchors()) {
                    store.setCertificateEntry("anchor-" + i++, c);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot load trust anchors from " + trust.origin() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The provider in use, "OPENSSL" or "JDK". */
    public String providerName() {
        return provider.name();
    }

    /** True when a listener can present an identity. */
    public boolean canServe() {
        return server.isPresent();
    }

    /**
     * The first handler of an accepted TLS connection: an SslHandler, or, with SNI identities, a
     * SniHandler that picks the context by the name the client asks for (RFC 6066 §3).
     */
    public ChannelHandler serverHandler(ByteBufAllocator alloc) {
        SslContext fallback = server.orElseThrow(() -> new IllegalStateException("no TLS identity configured"));
        if (byServerName.isEmpty()) {
            return fallback.newHandler(alloc);
        }
        return new SniHandler(name -> name == null ? fallback
                : byServerName.getOrDefault(name.toLowerCase(Locale.ROOT), fallback));
    }

    /**
     * The SslHandler of a connection to {@code host}: the engine carries the host for the RFC 5922
     * name check and sends it in SNI unless it is an IP address (RFC 6066 §3 allows host names only).
     */
    public SslHandler clientHandler(ByteBufAllocator alloc, String host, int port) {
        SslHandler handler = client.newHandler(alloc, host, port);
        if (!SipDomainNames.isIpLiteral(host)) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
                engine.setSSLParameters(parameters);
            } catch (IllegalArgumentException e) {
                // Not a name SNI can carry (RFC 6066 §3); the certificate is still checked against it.
            }
        }
        return handler;
    }

    /**
     * Why a handshake failed, for a send's exception: the certificate refusal when there was one
     * (untrusted, name mismatch), else the TLS error (protocol version, cipher, alert from the peer).
     */
    public static String describeFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TlsRejection r) {
                return r.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException h) {
                return "TLS handshake failed (protocol or peer alert): " + h.getMessage();
            }
        }
        return "TLS handshake failed: " + failure;
    }
}
