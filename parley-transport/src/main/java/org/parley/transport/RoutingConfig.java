package org.parley.transport;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.parley.transport.resolve.LocationException;
import org.parley.transport.resolve.ServerLocator;

/**
 * How the transport layer finds where to send: RFC 5923 connection aliases and the
 * {@link ServerLocator} that resolves a response's Via sent-by host name (RFC 3263 §5). Immutable.
 *
 * <p>Kept apart from {@link TransportConfig} (sockets and bounds) so each can grow on its own; a
 * layer gets both through {@link NettyTransportLayer#start(TransportConfig, RoutingConfig,
 * InboundHandler, java.time.InstantSource)}.
 *
 * @param aliasOverTcp     accept RFC 5923 aliases on plain TCP connections too, where nothing proves
 *                         the peer owns the sent-by it names; see {@link #DEFAULT_ALIAS_OVER_TCP}
 * @param responseLocator  resolves a Via sent-by host name when a response cannot go back over its
 *                         request's connection nor to a {@code received} address (RFC 3263 §5)
 */
public record RoutingConfig(boolean aliasOverTcp, ServerLocator responseLocator) {
    /**
     * Off: RFC 5923 (abstract, §1, §11) allows aliasing only where the peer proved its sent-by name
     * with a certificate (TLS, RFC 5922 §7.1). A TCP peer could otherwise claim another's address
     * and receive requests meant for it. Turn it on only on networks where the peers are trusted.
     */
    public static final boolean DEFAULT_ALIAS_OVER_TCP = false;

    /**
     * A locator that resolves nothing: a response whose Via sent-by is a host name, with no
     * connection and no {@code received}, fails with a {@link LocationException} that says so.
     */
    public static final ServerLocator NO_RESPONSE_LOCATOR = uri -> CompletableFuture.failedFuture(
            new LocationException("cannot resolve " + uri.host() + " for a response (RFC 3263 §5): "
                    + "no ServerLocator was given in RoutingConfig"));

    /** No TCP aliases, no name resolution for responses. */
    public static final RoutingConfig DEFAULT = new RoutingConfig(DEFAULT_ALIAS_OVER_TCP, NO_RESPONSE_LOCATOR);

    /** Checks the parts. */
    public RoutingConfig {
        Objects.requireNonNull(responseLocator, "responseLocator");
    }

    /** A copy with TCP aliasing switched on or off. */
    public RoutingConfig withAliasOverTcp(boolean on) {
        return new RoutingConfig(on, responseLocator);
    }

    /** A copy that resolves response sent-by names with {@code locator}, e.g. a {@code DnsServerLocator}. */
    public RoutingConfig withResponseLocator(ServerLocator locator) {
        return new RoutingConfig(aliasOverTcp, locator);
    }
}
