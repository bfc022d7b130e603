/**
 * The SIP transport layer (RFC 3261 §18). {@link org.parley.transport.TransportLayer} is what the
 * layers above see; {@link org.parley.transport.NettyTransportLayer} implements it on sockets: it
 * listens on UDP, TCP, TLS and WebSocket, plain or over TLS (WS, WSS; RFC 7118: HTTP/1.1 upgrade
 * with subprotocol {@code sip}, one SIP message per WebSocket message, settings in
 * {@link org.parley.transport.WebSocketConfig}), parses and frames what arrives, stamps a request's top Via (§18.2.1,
 * RFC 3581), answers or drops malformed input, and sends requests (§18.1.1) and responses (§18.2.2); the
 * {@link org.parley.transport.Transport} vocabulary (RFC 3261 §19.1.2, RFC 4168, RFC 7118).
 * Sub-package {@code resolve} locates servers (RFC 3263); {@code tls} configures TLS (RFC 3261 §26.2,
 * RFC 5922), whose Netty side is in {@code internal}.
 *
 * <p>Routing ({@link org.parley.transport.RoutingConfig}): {@code send(message, TargetSet)} fails
 * over along located targets on transport errors (RFC 3263 §4.3) and puts the transport used in the
 * top Via (RFC 3261 §18.1.1); {@code respond} locates a Via sent-by host name (RFC 3263 §5) with the
 * configured {@link org.parley.transport.resolve.ServerLocator}; a request carrying {@code alias}
 * lets later requests to its sent-by reuse its connection (RFC 5923: TLS with the sent-by proven
 * by the peer's certificate; plain TCP only when {@code aliasOverTcp} is set, default off).
 *
 * <pre>
 *   UDP datagram ──► DatagramInbound ─┐                          ┌─► InboundHandler (transaction layer)
 *   TCP bytes ─────► StreamInbound ───┤                          │
 *                    (StreamFramer)   ├─► Delivery: parse, stamp ┤
 *   WS messages ───► WebSocketInbound ┘   Via, count             └─► 400/505/513 answer, or drop
 *   TLS: SslHandler/SniHandler ─► StreamInbound (Source.peerIdentities from the verified certificate)
 *   WS (WSS: after SslHandler): WebSocketUpgrade (path, Origin, subprotocol sip) ─► WebSocketInbound
 *   send(message, Target) ──► RFC 5923 alias, UDP listener of the family, or a reused/new TCP, TLS or
 *                             WS connection (keyed by transport and address; TLS checks RFC 5922 names)
 *   send(message, TargetSet) ──► send(…, Target) per target until one succeeds (Failover)
 *   respond(response, Source) ──► the request's connection (only that one for WS and WSS), else Via
 *                                 received/rport/sent-by, else the sent-by name located (RFC 3263 §5)
 *                                 and failed over
 * </pre>
 *
 * <p>Thread model: values (configs, {@link org.parley.transport.Source},
 * {@link org.parley.transport.Inbound}) are immutable; {@link org.parley.transport.NettyTransportLayer}
 * is thread-safe, its inbound work runs on Netty event loops (native epoll where available, else
 * NIO; threads {@code parley-io-*}), and the handler must not block.
 * Dependencies: {@code parley-message}, Netty (with epoll and BoringSSL natives), BouncyCastle and
 * SLF4J; no Netty type appears in this package's public API.
 */
package org.parley.transport;
