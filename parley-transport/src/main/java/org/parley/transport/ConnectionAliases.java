package org.parley.transport;

import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;
import org.parley.transport.resolve.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5923 connection reuse: a request that arrives over a connection with {@code alias} in its top
 * Via makes that connection usable for requests to the Via's sent-by, when the rules below allow.
 *
 * <ul>
 *   <li>Only connection-oriented transports, and the Via must name the connection's own transport
 *       (RFC 5923 §5).</li>
 *   <li>TLS: the sent-by host must be among the identities the peer proved with its certificate
 *       (RFC 5923 §5, matched as RFC 5922 §7.1 says: whole names, ignoring case, no wildcards). The
 *       TLS pipeline reads them from the verified session into {@link Source#peerIdentities()};
 *       without them, nothing is aliased.</li>
 *   <li>TCP: RFC 5923 does not define reuse without TLS, so it is off unless
 *       {@link RoutingConfig#aliasOverTcp()} is set; then a numeric sent-by must be the connection's
 *       remote address (a peer cannot claim another's address), and a name is taken on trust.</li>
 *   <li>Other transports (WS, WSS, SCTP): never.</li>
 * </ul>
 *
 * <p>Thread-safe: the table is; this class holds no state of its own. Registration runs on the
 * connection's event loop, before the message reaches the user's handler.
 */
final class ConnectionAliases {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAliases.class);

    private final ConnectionTable connections;
    private final boolean aliasOverTcp;

    ConnectionAliases(ConnectionTable connections, boolean aliasOverTcp) {
        this.connections = connections;
        this.aliasOverTcp = aliasOverTcp;
    }

    /** A handler that registers a request's alias, then hands the message to {@code next}. */
    InboundHandler registeringBefore(InboundHandler next) {
        return inbound -> {
            register(inbound);
            next.onMessage(inbound);
        };
    }

    /** Registers the alias of {@code inbound}'s top Via when it has one and the rules allow it. */
    void register(Inbound inbound) {
        Source source = inbound.source();
        if (!(inbound.message() instanceof SipRequest request) || !source.transport().isReliable()
                || source.connectionId() == 0) {
            return;
        }
        Via top;
        ConnectionAlias alias;
        try {
            top = request.topVia();
            if (!top.parameters().has("alias")) {
                return;
            }
            alias = ConnectionAlias.of(top);
        } catch (SipParseException | IllegalArgumentException e) {
            return;
        }
        Channel channel = connections.byId(source.connectionId());
        if (channel == null) {
            return;
        }
        Optional<String> refusal = refusal(alias, source, Set.copyOf(source.peerIdentities()));
        if (refusal.isPresent()) {
            LOG.debug("alias {} from {} not registered: {}", alias, source.remote(), refusal.get());
            return;
        }
        if (connections.alias(channel, alias)) {
            LOG.debug("connection {} from {} aliased to {}", source.connectionId(), source.remote(), alias);
        }
    }

    /** Why {@code alias} may not name the connection {@code source} describes; empty when it may. */
    Optional<String> refusal(ConnectionAlias alias, Source source, Set<String> peerIdentities) {
        if (!alias.transport().equals(source.transport())) {
            return Optional.of("the Via names " + alias.transport() + " but the connection is "
                    + source.transport());
        }
        if (source.transport().equals(Transport.TLS)) {
            // RFC 5923 §5: the sent-by must be an identity the peer's certificate proved.
            if (peerIdentities == null || peerIdentities.isEmpty()) {
                return Optional.of("the peer proved no identity with a certificate");
            }
            String host = alias.host().text().toLowerCase(Locale.ROOT);
            boolean proven = peerIdentities.stream().anyMatch(id -> id.toLowerCase(Locale.ROOT).equals(host));
            return proven ? Optional.empty()
                    : Optional.of("sent-by host " + alias.host() + " is not among the certificate's identities");
        }
        if (source.transport().equals(Transport.TCP)) {
            if (!aliasOverTcp) {
                return Optional.of("aliases over TCP are off (RFC 5923 is defined for TLS): "
                        + "RoutingConfig.aliasOverTcp");
            }
            Host host = alias.host();
            if (host.isIpAddress() && !host.equals(ConnectionAlias.hostOf(source.remote()))) {
                return Optional.of("numeric sent-by " + host + " is not the connection's remote address");
            }
            return Optional.empty();
        }
        return Optional.of("RFC 5923 aliases apply to TLS (and, when enabled, TCP) only, not " + source.transport());
    }

    /** An open connection aliased to {@code target}, by its host name or its address; null when none. */
    Channel lookup(Target target) {
        if (!target.transport().isReliable()) {
            return null;
        }
        try {
            Channel byName = connections.aliased(ConnectionAlias.byName(target));
            return byName != null ? byName : connections.aliased(ConnectionAlias.byAddress(target));
        } catch (SipParseException | IllegalArgumentException e) {
            // A target whose host name is not a SIP host cannot match any alias.
            return connections.aliased(ConnectionAlias.byAddress(target));
        }
    }
}
