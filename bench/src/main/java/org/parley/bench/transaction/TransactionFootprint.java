package org.parley.bench.transaction;

import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.parley.message.HeaderName;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transaction.ServerTransaction;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.TransactionUser;
import org.parley.transaction.VirtualLane;
import org.parley.transaction.timer.TimerWheel;
import org.parley.transaction.timer.WheelTimer;
import org.parley.transport.Inbound;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap used by live transactions and pending timers (issue #4: "100,000 concurrent INVITE
 * transactions in under 200 MiB of heap"; memory per 1,000,000 pending timers).
 *
 * <p>Method: the heap in use is {@code totalMemory() - freeMemory()} after {@code System.gc()}
 * (repeated until two readings agree within 64 KiB), read before and after making the objects
 * while they are kept reachable; each measurement runs in its own JVM. The figures are therefore
 * whole-object differences and include everything the objects reach.
 * <ol>
 *   <li>INVITE server transactions: 100,000 distinct INVITEs (about 500 bytes each, unique Call-ID,
 *       From tag and branch) are parsed first and measured alone; then each is delivered over UDP to a
 *       {@link TransactionLayer} on one {@link VirtualLane} over a {@link DiscardTransport}, whose
 *       user answers 180 Ringing with a To tag, so every transaction sits in Proceeding holding its
 *       request, its last response, its five timers (the 100 Trying one cancelled) and its entries in
 *       the lane's tables. Reported: the messages, the transactions' own share (the difference), and
 *       the total.
 *   <li>Wheel timers: 1,000,000 minimal {@link WheelTimer}s scheduled 1..60,000 ms ahead on one
 *       {@link TimerWheel}: the timer objects themselves (intrusive: a transaction's timers are these
 *       objects) plus the wheel's two slot arrays.
 * </ol>
 * Usage: {@code TransactionFootprint invite|timers [N]}; logs the figures at INFO. Run by
 * {@code bench/run-transaction.sh} with a fixed heap. Single-threaded.
 */
public final class TransactionFootprint {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionFootprint.class);
    private static final double MIB = 1024.0 * 1024.0;

    private TransactionFootprint() {
    }

    /**
     * Measures and logs one thing per JVM, so that neither measurement sees the other's garbage:
     * {@code invite [N]} (default 100,000 transactions) or {@code timers [N]} (default 1,000,000).
     */
    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "";
        switch (what) {
            case "invite" -> inviteServerTransactions(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            case "timers" -> wheelTimers(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
            case "register" -> completedRegisters(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            default -> throw new IllegalArgumentException("usage: TransactionFootprint invite|timers|register [N], was "
                    + String.join(" ", args));
        }
    }

    private static void inviteServerTransactions(int n) {
        long base = usedHeap();
        SipRequest[] invites = new SipRequest[n];
        for (int i = 0; i < n; i++) {
            invites[i] = invite(i);
        }
        long messages = usedHeap() - base;

        VirtualLane lane = new VirtualLane();
        DiscardTransport[] transport = new DiscardTransport[1];
        TransactionLayer layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1), List.of(lane),
                new TransactionUser() {
                    @Override
                    public void onRequest(ServerTransaction tx, SipRequest request) {
                        tx.respond(SipResponse.responseTo(request, 180).set(HeaderName.TO,
                                request.header(HeaderName.TO).orElseThrow() + ";tag=uas-1").build());
                    }
                }, h -> transport[0] = new DiscardTransport(h));
        long beforeLayer = usedHeap();
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5060);
        for (int i = 0; i < n; i++) {
            Source source = new Source(Transport.UDP, new InetSocketAddress("127.0.0.2", 5060 + (i & 0x3ff)), local, 0);
            transport[0].deliver(new Inbound(invites[i], source));
            lane.runPending();
        }
        long live = layer.liveTransactions().join();
        if (live != n) {
            throw new IllegalStateException("expected " + n + " live transactions, found " + live);
        }
        long withTransactions = usedHeap() - beforeLayer;
        LOG.info(String.format(Locale.ROOT, "%,d INVITE server transactions in Proceeding (180 sent): "
                + "messages %.1f MiB (%,d B each), transactions' own %.1f MiB (%,d B each), total %.1f MiB",
                n, messages / MIB, messages / n, withTransactions / MIB, withTransactions / n,
                (messages + withTransactions) / MIB));
        Reference.reachabilityFence(invites);
        Reference.reachabilityFence(layer);
        Reference.reachabilityFence(lane);
    }

    /**
     * What a REGISTER answered 200 costs while its non-INVITE server transaction lingers in Completed
     * for Timer J (64·T1 = 32 s over UDP, RFC 3261 §17.2.2): at a registrar's 10,000 REGISTERs a
     * second, 320,000 such transactions are live at any time. Each REGISTER is parsed inside the loop
     * and not kept by the benchmark, so the difference is exactly what the layer keeps per transaction.
     */
    private static void completedRegisters(int n) {
        VirtualLane lane = new VirtualLane();
        DiscardTransport[] transport = new DiscardTransport[1];
        TransactionLayer layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1), List.of(lane),
                new TransactionUser() {
                    @Override
                    public void onRequest(ServerTransaction tx, SipRequest request) {
                        tx.respond(SipResponse.responseTo(request, 200).set(HeaderName.TO,
                                request.header(HeaderName.TO).orElseThrow() + ";tag=reg-1")
                                .set(HeaderName.CONTACT, request.header(HeaderName.CONTACT).orElseThrow()
                                        + ";expires=3600").build());
                    }
                }, h -> transport[0] = new DiscardTransport(h));
        long before = usedHeap();
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5060);
        for (int i = 0; i < n; i++) {
            Source source = new Source(Transport.UDP, new InetSocketAddress("127.0.0.2", 5060 + (i & 0x3ff)), local, 0);
            transport[0].deliver(new Inbound(register(i), source));
            lane.runPending();
        }
        long live = layer.liveTransactions().join();
        if (live != n) {
            throw new IllegalStateException("expected " + n + " live transactions, found " + live);
        }
        long kept = usedHeap() - before;
        LOG.info(String.format(Locale.ROOT, "%,d REGISTER server transactions in Completed (200 sent, Timer J "
                + "pending): %.1f MiB, %,d B each", n, kept / MIB, kept / n));
        Reference.reachabilityFence(layer);
        Reference.reachabilityFence(lane);
    }

    private static SipRequest register(int i) {
        String text = "REGISTER sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.2:" + (5060 + (i & 0x3ff)) + ";branch=z9hG4bK-reg-" + i + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:user" + i + "@example.com>;tag=r" + i + "\r\n"
                + "To: <sip:user" + i + "@example.com>\r\nCall-ID: reg-" + i + "@127.0.0.2\r\nCSeq: 1 REGISTER\r\n"
                + "Contact: <sip:user" + i + "@127.0.0.2:" + (5060 + (i & 0x3ff)) + ">\r\nExpires: 3600\r\n"
                + "User-Agent: SIPp\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SipRequest invite(int i) {
        String text = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.2:" + (5060 + (i & 0x3ff)) + ";branch=z9hG4bK-fp-" + i + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: \"Alice\" <sip:alice@example.com>;tag=f" + i + "\r\n"
                + "To: <sip:bob@example.com>\r\nCall-ID: fp-" + i + "@127.0.0.2\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:alice@127.0.0.2:5060>\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A timer that does nothing: the smallest a wheel can hold. */
    private static final class Noop extends WheelTimer {
        @Override
        protected void expire() {
            // Never fires: the measurement ends first.
        }
    }

    private static void wheelTimers(int n) {
        long base = usedHeap();
        TimerWheel wheel = new TimerWheel(0);
        long emptyWheel = usedHeap() - base;
        Noop[] timers = new Noop[n];
        for (int i = 0; i < n; i++) {
            timers[i] = new Noop();
            wheel.schedule(timers[i], 1 + (i * 7919L) % 60_000);
        }
        long total = usedHeap() - base;
        if (wheel.size() != n) {
            throw new IllegalStateException("expected " + n + " pending timers, found " + wheel.size());
        }
        long array = 16 + 4L * n;
        LOG.info(String.format(Locale.ROOT, "%,d pending timers on one wheel: %.1f MiB in all (empty wheel %.2f MiB, "
                + "%,d B per timer object, plus the benchmark's own reference array %.1f MiB)",
                n, (total - array) / MIB, emptyWheel / MIB, (total - array - emptyWheel) / n, array / MIB));
        Reference.reachabilityFence(timers);
        Reference.reachabilityFence(wheel);
    }

    /** Used heap after System.gc(), repeated (at most 10 times) until two readings agree within 64 KiB. */
    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 10; i++) {
            System.gc();
            long again = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(again - used) < 64 * 1024) {
                return again;
            }
            used = again;
        }
        return used;
    }
}
