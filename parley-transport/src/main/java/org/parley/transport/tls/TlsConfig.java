package org.parley.transport.tls;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The TLS configuration of a transport layer (RFC 3261 §26.2, RFC 5922): the identity its TLS
 * listeners present (and, for mutual TLS, its outbound connections), further identities chosen by
 * the server name a client asks for (SNI, RFC 6066 §3), the trust anchors peers' certificates must
 * chain to, whether clients must present a certificate, the protocol versions and the provider.
 * Immutable; checked when built.
 *
 * <p>Outbound connections verify the server's certificate against {@link #trust()} and its name
 * against the target's host name as RFC 5922 §7 says (subjectAltName {@code sip:} URI or DNS
 * entries, CN only without them, no wildcards). A target given as an IP address is matched against
 * the certificate's iPAddress entries, unless {@link #skipNameCheckForNumericTargets()} is set.
 *
 * @param identity the key and certificate chain listeners present and outbound connections offer
 *        as client certificate; empty for a client-only layer that presents none
 * @param serverNames further identities by the lower-case host name a client sends in SNI
 * @param trust the anchors a peer's certificate must chain to
 * @param clientAuth whether listeners ask for a client certificate
 * @param protocols the enabled protocol versions, a non-empty subset of {@link #ALLOWED_PROTOCOLS}
 * @param provider the TLS implementation
 * @param skipNameCheckForNumericTargets when true, a target whose host is an IP address is not
 *        name-checked (the chain is still verified): for peers configured by address whose
 *        certificates do not list it; off by default
 */
public record TlsConfig(Optional<KeyMaterial> identity, Map<String, KeyMaterial> serverNames, TrustMaterial trust,
        ClientAuth clientAuth, List<String> protocols, TlsProvider provider, boolean skipNameCheckForNumericTargets) {

    /** TLS 1.2 (RFC 5246) and TLS 1.3 (RFC 8446); older versions are refused (RFC 8996). */
    public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    /** Both allowed versions, TLS 1.3 preferred. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Checks the values and copies the collections. */
    public TlsConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(provider, "provider");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must name TLSv1.2 and/or TLSv1.3, was empty");
        }
        for (String p : protocols) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("protocols may be TLSv1.2 and TLSv1.3 only (RFC 8996), was " + p);
            }
        }
        Map<String, KeyMaterial> names = new LinkedHashMap<>();
        serverNames.forEach((name, material) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw new IllegalArgumentException("serverNames keys must be host names (RFC 6066 §3), was " + name);
            }
            names.put(lower, Objects.requireNonNull(material, "serverNames value"));
        });
        serverNames = Map.copyOf(names);
        if (!serverNames.isEmpty() && identity.isEmpty()) {
            throw new IllegalArgumentException("serverNames need a default identity for clients that send no SNI");
        }
    }

    /** A builder: no identity, the JDK default trust, no client certificates, TLS 1.2 and 1.3, {@code AUTO}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A layer presenting {@code identity} and trusting {@code trust}, otherwise the defaults. */
    public static TlsConfig of(KeyMaterial identity, TrustMaterial trust) {
        return builder().identity(identity).trust(trust).build();
    }

    /**
     * A configuration with a self-signed development certificate for {@code names} (plus
     * {@code localhost}, 127.0.0.1 and ::1), generated into {@code directory} as PEM files on first
     * use and reused afterwards; trust is the JDK default, so peers must be told to trust the
     * certificate file. For development only: peers cannot verify who they talk to.
     *
     * @throws java.io.UncheckedIOException when the directory cannot be written or the files read
     */
    public static TlsConfig selfSigned(Path directory, List<String> names) {
        return selfSigned(directory, names, InstantSource.system());
    }

    /** As {@link #selfSigned(Path, List)}, with the clock that dates the certificate. */
    public static TlsConfig selfSigned(Path directory, List<String> names, InstantSource clock) {
        Objects.requireNonNull(directory, "directory");
        List<String> copy = List.copyOf(names);
        return builder().identity(DevelopmentCertificate.ensure(directory, copy, clock)).build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.identity = identity.orElse(null);
        b.serverNames.putAll(serverNames);
        b.trust = trust;
        b.clientAuth = clientAuth;
        b.protocols = protocols;
        b.provider = provider;
        b.skipNameCheckForNumericTargets = skipNameCheckForNumericTargets;
        return b;
    }

    /** Builds a {@link TlsConfig}. Not thread-safe; use it from one thread. */
    public static final class Builder {
        private KeyMaterial identity;
        private final Map<String, KeyMaterial> serverNames = new LinkedHashMap<>();
        private TrustMaterial trust = TrustMaterial.jdkDefault();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private TlsProvider provider = TlsProvider.AUTO;
        private boolean skipNameCheckForNumericTargets;

        private Builder() {
        }

        /** The default identity; see {@link TlsConfig#identity()}. */
        public Builder identity(KeyMaterial identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** The identity to present to clients asking for {@code hostName} in SNI. */
        public Builder serverName(String hostName, KeyMaterial identity) {
            serverNames.put(Objects.requireNonNull(hostName, "hostName"), Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /** The trust anchors. */
        public Builder trust(TrustMaterial trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** Whether listeners ask for client certificates. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /** The protocol versions, e.g. {@code "TLSv1.3"} alone. */
        public Builder protocols(String... protocols) {
            this.protocols = List.of(protocols);
            return this;
        }

        /** The TLS implementation. */
        public Builder provider(TlsProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** See {@link TlsConfig#skipNameCheckForNumericTargets()}. */
        public Builder skipNameCheckForNumericTargets(boolean skip) {
            this.skipNameCheckForNumericTargets = skip;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException when a value is refused (the message names it)
         */
        public TlsConfig build() {
            return new TlsConfig(Optional.ofNullable(identity), serverNames, trust, clientAuth, protocols, provider,
                    skipNameCheckForNumericTargets);
        }
    }
}
