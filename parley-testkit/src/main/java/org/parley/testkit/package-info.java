/**
 * Test support for the layers above the transport (STYLE.md §9), used by other modules in test
 * scope: a deterministic in-memory network in virtual time with faults on command, and loss
 * injection over a real transport layer.
 *
 * <ul>
 *   <li>{@link org.parley.testkit.MemoryNetwork}: endpoints ({@link org.parley.testkit.MemoryEndpoint},
 *       each a {@link org.parley.transport.TransportLayer}) that queue {@link org.parley.testkit.Packet}s;
 *       nothing arrives until the test delivers. Delivery parses the bytes and stamps a request's top
 *       Via (RFC 3261 §18.2.1, RFC 3581 §4); over reliable transports a connection id lets responses
 *       go back the request's way (§18.2.2).</li>
 *   <li>{@link org.parley.testkit.FaultRule}s selected by a {@link org.parley.testkit.PacketFilter}:
 *       drop, duplicate, delay, hold, reorder, plus seeded random loss and duplication. They act on
 *       unreliable transports only; a reliable transport fails by its connection
 *       ({@code disconnect}, a closed endpoint, a refused connect).</li>
 *   <li>{@link org.parley.testkit.VirtualClock}: the time base. Packets are delivered in order of due
 *       instant, then send order; {@code deliverDue()} delivers what is due now, {@code deliverAll()}
 *       also moves the clock to each delayed packet.</li>
 *   <li>{@link org.parley.testkit.LossyTransportLayer} and {@link org.parley.testkit.LossyInboundHandler}:
 *       a seeded fraction of datagrams lost on the way out of and into a real layer.</li>
 *   <li>{@link org.parley.testkit.ForkingRelay}: a stateless UDP relay over a real layer that forks a
 *       new INVITE (and its CANCEL and ACK) to several targets and relays their responses back
 *       (RFC 3261 §16.6, §16.7), for tests of early dialogs; a test tool, not the proxy.</li>
 *   <li>{@link org.parley.testkit.sipp}: a runner for SIPp on loopback and the scenarios it ships.</li>
 *   <li>{@link org.parley.testkit.db}: throw-away PostgreSQL and Redis servers on free loopback ports,
 *       for the shared stores' integration tests.</li>
 *   <li>{@link org.parley.testkit.baresip} and {@link org.parley.testkit.linphone}: real softphones
 *       (baresip, linphonec) as test peers on loopback, and {@link org.parley.testkit.audio}: WAV tones
 *       and a check of which tone a recording holds.</li>
 * </ul>
 *
 * <pre>{@code
 * MemoryNetwork net = new MemoryNetwork();
 * InetSocketAddress a = new InetSocketAddress("127.0.0.1", 5060);
 * InetSocketAddress b = new InetSocketAddress("127.0.0.2", 5060);
 * MemoryEndpoint alice = net.endpoint(a, inbound -> { });
 * MemoryEndpoint bob = net.endpoint(b, inbound -> bob.respond(okTo(inbound), inbound.source()));
 *
 * net.drop(PacketFilter.request(Method.INVITE), 1);                          // the first INVITE is lost
 * net.delay(PacketFilter.response(200), 1, Duration.ofMillis(300));           // the 200 arrives 300 ms late
 * alice.send(invite, new Target(Transport.UDP, b, "127.0.0.2"));
 * net.deliverDue();                                                           // nothing: the INVITE was lost
 * alice.send(invite, new Target(Transport.UDP, b, "127.0.0.2"));               // the retransmission (Timer A)
 * net.deliverDue();                                                           // bob answers; the 200 waits
 * net.clock().advance(Duration.ofMillis(300));
 * net.deliverDue();                                                           // alice gets the 200
 * }</pre>
 *
 * <p>Thread model: the memory network and its endpoints are thread-safe, guarded by the network's
 * lock, and meant to be driven from the test thread: handlers run on the thread that calls
 * {@code deliver*}, under that lock. {@code VirtualClock} is thread-safe. The lossy wrappers and
 * the forking relay are thread-safe and run on the real layer's event loops.
 *
 * <p>Dependencies: {@code parley-transport} and {@code parley-message}; it uses
 * {@code org.parley.transport.internal} ({@code ViaStamp}, {@code TransportCounters}) along that arrow.
 * No test framework at compile scope.
 */
package org.parley.testkit;
