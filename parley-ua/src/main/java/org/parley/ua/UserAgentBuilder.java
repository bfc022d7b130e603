package org.parley.ua;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.parley.message.SipParseException;
import org.parley.message.header.Address;
import org.parley.message.uri.Host;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.sdp.offeranswer.LocalCapabilities;
import org.parley.transaction.Lane;
import org.parley.transaction.TransactionConfig;
import org.parley.transport.InboundHandler;
import org.parley.transport.ListenerConfig;
import org.parley.transport.Transport;
import org.parley.transport.TransportConfig;
import org.parley.transport.TransportLayer;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.resolve.ServerLocator;
import org.parley.ua.auth.Account;

/**
 * Builds a {@link UserAgent}. Every setting has a default a newcomer never needs to touch: UDP and
 * TCP on an ephemeral port of every interface, RFC 3263 location through the system's name
 * servers, the RFC 3261 timers, callbacks on virtual threads. Not thread-safe; {@link #start()}
 * once.
 */
public final class UserAgentBuilder {
    final List<ListenerConfig> listeners = new ArrayList<>();
    final List<Account> accounts = new ArrayList<>();
    TransportConfig transportConfig;
    TlsConfig tls;
    Function<InboundHandler, TransportLayer> transportFactory;
    List<? extends Lane> lanes;
    ServerLocator locator;
    Address identity;
    SipUri outboundProxy;
    Transport preferredTransport;
    String userAgentName = UserAgent.DEFAULT_NAME;
    TransactionConfig transactionConfig = TransactionConfig.defaults().withMergedRequestDetection(true);
    Executor callbackExecutor;
    LocalCapabilities media;

    UserAgentBuilder() {
    }

    /**
     * Listens on {@code spec}: {@code TRANSPORT:HOST:PORT}, e.g. {@code udp:127.0.0.1:5060},
     * {@code tcp:[::1]:0} (port 0: any free port). Repeatable.
     *
     * @throws IllegalArgumentException naming what is wrong with the spec
     */
    public UserAgentBuilder listen(String spec) {
        Objects.requireNonNull(spec, "spec");
        int colon = spec.indexOf(':');
        int portColon = spec.lastIndexOf(':');
        if (colon <= 0 || portColon <= colon) {
            throw new IllegalArgumentException("listener \"" + spec + "\" is not TRANSPORT:HOST:PORT"
                    + " (e.g. udp:127.0.0.1:5060)");
        }
        Transport transport = Transport.of(spec.substring(0, colon).toUpperCase(Locale.ROOT));
        String host = spec.substring(colon + 1, portColon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(portColon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listener \"" + spec + "\" has no numeric port", e);
        }
        InetAddress address;
        try {
            if (!Host.parse(host.indexOf(':') >= 0 ? "[" + host + "]" : host).isIpAddress()) {
                throw new IllegalArgumentException("not an IP address");
            }
            // A numeric address: getByName looks nothing up.
            address = InetAddress.getByName(host);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("listener \"" + spec + "\" needs a numeric address, was " + host, e);
        }
        return listen(new ListenerConfig(transport, new InetSocketAddress(address, port)));
    }

    /** Listens as {@code listener} says. Repeatable. */
    public UserAgentBuilder listen(ListenerConfig listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The TLS settings (RFC 3261 §26.2, RFC 5922): the certificate a TLS listener presents and the
     * trust anchors a server's certificate must chain to. Without it, TLS and WSS requests go out
     * trusting the JDK's default anchors, as a browser would, and no TLS listener can start.
     */
    public UserAgentBuilder tls(TlsConfig config) {
        this.tls = Objects.requireNonNull(config, "config");
        return this;
    }

    /** The whole transport configuration (TLS, WebSocket, limits); its listeners are used as well. */
    public UserAgentBuilder transportConfig(TransportConfig config) {
        this.transportConfig = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * Who this user agent is: the From of its requests and the address-of-record it registers
     * (RFC 3261 §8.1.1.3, §10.2), e.g. {@code "Alice <sip:alice@example.com>"} or a bare URI.
     *
     * @throws IllegalArgumentException when it does not parse
     */
    public UserAgentBuilder identity(String nameAddr) {
        this.identity = parseAddress("identity", nameAddr);
        return this;
    }

    /** The credentials to answer digest challenges with, for any realm (RFC 3261 §22). Repeatable. */
    public UserAgentBuilder account(String username, String password) {
        return account(Account.of(username, password));
    }

    /** The credentials to answer digest challenges with (one per realm, or for any realm). Repeatable. */
    public UserAgentBuilder account(Account account) {
        accounts.add(Objects.requireNonNull(account, "account"));
        return this;
    }

    /**
     * Sends every request outside a dialog through this proxy, whatever its Request-URI names, as a
     * preloaded Route (RFC 3261 §8.1.2), e.g. {@code sip:proxy.example.com;transport=tcp}.
     *
     * @throws IllegalArgumentException when it is not a sip or sips URI
     */
    public UserAgentBuilder outboundProxy(String uri) {
        if (!(parseUri("outbound proxy", uri) instanceof SipUri sip)) {
            throw new IllegalArgumentException("outbound proxy must be a sip or sips URI, was " + uri);
        }
        this.outboundProxy = sip;
        return this;
    }

    /**
     * The transport to use when a next hop's URI names none and it is not sips (instead of what
     * RFC 3263 would choose: UDP for a numeric address or a port).
     */
    public UserAgentBuilder preferredTransport(Transport transport) {
        this.preferredTransport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /** The User-Agent and Server header value (RFC 3261 §20.41, §20.35); null for none. */
    public UserAgentBuilder userAgentName(String name) {
        this.userAgentName = name;
        return this;
    }

    /** The transaction timers (T1, T2, T4…) and options. */
    public UserAgentBuilder transactions(TransactionConfig config) {
        this.transactionConfig = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * What calls offer and accept (RFC 3264): the media address, RTP ports and codecs. By default
     * audio with PCMU, PCMA and telephone-event on port {@value Calls#DEFAULT_RTP_PORT} of the
     * address SIP listens on (the SDP is negotiated and exposed; no media engine runs yet).
     */
    public UserAgentBuilder media(LocalCapabilities capabilities) {
        this.media = Objects.requireNonNull(capabilities, "capabilities");
        return this;
    }

    /** Where listeners and futures run; a virtual thread per task by default. */
    public UserAgentBuilder callbackExecutor(Executor executor) {
        this.callbackExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** How next hops are located (RFC 3263); the system's name servers by default. */
    public UserAgentBuilder locator(ServerLocator serverLocator) {
        this.locator = Objects.requireNonNull(serverLocator, "serverLocator");
        return this;
    }

    /**
     * The transport layer to run on, made with the handler it is given, instead of sockets (e.g. an
     * in-memory network in tests). The listeners are then ignored.
     */
    public UserAgentBuilder transport(Function<InboundHandler, TransportLayer> factory) {
        this.transportFactory = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /** The lanes to run on, owned by the caller (e.g. virtual lanes in tests); one own lane by default. */
    public UserAgentBuilder lanes(List<? extends Lane> givenLanes) {
        this.lanes = List.copyOf(givenLanes);
        return this;
    }

    /**
     * Starts the user agent: binds the listeners and starts the layers.
     *
     * @throws java.io.UncheckedIOException or IllegalStateException when a listener cannot bind
     */
    public UserAgent start() {
        return new UserAgent(this);
    }

    static Address parseAddress(String what, String text) {
        Objects.requireNonNull(text, what);
        try {
            return Address.parse(what, text.trim());
        } catch (SipParseException e) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not a SIP address: " + e.getMessage(), e);
        }
    }

    /**
     * A URI as a user writes it: bare ({@code sip:bob@host;transport=tcp}, whose parameters are the
     * URI's) or in angle brackets; never as a header's addr-spec, where RFC 3261 §20.10 would give
     * the parameters to the header instead.
     */
    static Uri parseUri(String what, String text) {
        Objects.requireNonNull(text, what);
        String t = text.trim();
        if (t.indexOf('<') >= 0) {
            return parseAddress(what, t).uri();
        }
        try {
            return Uri.parse(t);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not a URI: " + e.getMessage(), e);
        }
    }

    static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
