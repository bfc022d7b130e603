package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryNetwork;
import org.parley.testkit.PacketFilter;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.resolve.Target;

/**
 * Every message of four flows, each lost, duplicated, delayed past the next retransmission, and lost
 * every time, over UDP on the memory network in virtual time, between two transaction layers (so
 * all four machines of RFC 3261 §17 with RFC 6026 run in every case). Each case checks that the
 * flow ends as the RFCs say, what the client's user saw (every provisional before the final
 * response, a non-2xx final response exactly once, every 2xx copy in Accepted, RFC 6026 §8.4), how
 * many retransmissions each layer made, that the server's user saw the request once, and that every
 * transaction ends TERMINATED with both layers' tables empty. Across the suite, every edge of
 * Figures 5–8 as RFC 6026 amends them must be taken at least once.
 *
 * <p>The server's user answers on a script; for a 2xx it plays the UA core, retransmitting the 2xx
 * (T1 doubling to T2) until the ACK comes or 64·T1 passed (§13.3.1.4); the client's user ACKs every
 * 2xx with the same ACK (§13.2.2.4).
 */
class FaultyFlowTest {
    private static final InetSocketAddress UAC = new InetSocketAddress("127.0.0.1", 5060);
    private static final InetSocketAddress UAS = new InetSocketAddress("127.0.0.2", 5070);
    /** A late packet is released this long after it was sent: past the first retransmission (T1). */
    private static final long LATE_MS = 700;
    /** Long enough for Timers B, D, F, H, J, L, M (64·T1 = 32 s) after the last exchange. */
    private static final long RUN_MS = 40_000;

    private static final Set<String> EDGES_TAKEN = new LinkedHashSet<>();
    private static int casesRun;

    /** A flow: the request's method, the server user's answers (delay, status) and the messages on the wire. */
    private enum Flow {
        NON_INVITE("OPTIONS→200", Method.OPTIONS, new long[][] {{0, 200}}, "OPTIONS", "200"),
        NON_INVITE_SLOW("MESSAGE→100→200 (late)", Method.MESSAGE, new long[][] {{0, 100}, {1_000, 200}},
                "MESSAGE", "100", "200"),
        INVITE_2XX("INVITE→180→200→ACK", Method.INVITE, new long[][] {{0, 180}, {1_000, 200}},
                "INVITE", "180", "200", "ACK"),
        INVITE_NON_2XX("INVITE→100→486→ACK", Method.INVITE, new long[][] {{1_000, 486}},
                "INVITE", "100", "486", "ACK");

        final String label;
        final Method method;
        final long[][] script;
        final List<String> messages;

        Flow(String label, Method method, long[][] script, String... messages) {
            this.label = label;
            this.method = method;
            this.script = script;
            this.messages = List.of(messages);
        }

        PacketFilter filter(String message) {
            if (Character.isDigit(message.charAt(0))) {
                return PacketFilter.response(Integer.parseInt(message), method);
            }
            return PacketFilter.request(Method.of(message));
        }
    }

    private enum Fault {
        NONE("no fault"), DROP_FIRST("first copy lost"), DUPLICATE("duplicated"),
        LATE("delayed past the next retransmission"), DROP_EVERY("lost every time");

        final String label;

        Fault(String label) {
            this.label = label;
        }
    }

    /**
     * One case and what it must give: the statuses the client's user sees, in order; the
     * retransmissions of the client's and of the server's layer; and how many copies of the request
     * the server's user is handed (1, or 0 when the request never arrives); and the client
     * transaction's last state.
     */
    record Case(Flow flow, String message, Fault fault, String clientUserSees, long clientRetransmissions,
            long serverRetransmissions, int requestsAtServer, TransactionState clientEndsIn) {
        @Override
        public String toString() {
            return flow.label + ": " + (fault == Fault.NONE ? "no fault" : message + " " + fault.label);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                c(Flow.NON_INVITE, "", Fault.NONE, "200", 0, 0),
                c(Flow.NON_INVITE, "OPTIONS", Fault.DROP_FIRST, "200", 1, 0),
                c(Flow.NON_INVITE, "OPTIONS", Fault.DUPLICATE, "200", 0, 1),
                c(Flow.NON_INVITE, "OPTIONS", Fault.LATE, "200", 1, 1),
                new Case(Flow.NON_INVITE, "OPTIONS", Fault.DROP_EVERY, "408", 10, 0, 0, TransactionState.TERMINATED),
                c(Flow.NON_INVITE, "200", Fault.DROP_FIRST, "200", 1, 1),
                c(Flow.NON_INVITE, "200", Fault.DUPLICATE, "200", 0, 0),
                c(Flow.NON_INVITE, "200", Fault.LATE, "200", 1, 1),
                c(Flow.NON_INVITE, "200", Fault.DROP_EVERY, "408", 10, 10),

                c(Flow.NON_INVITE_SLOW, "", Fault.NONE, "100 100 200", 1, 1),
                c(Flow.NON_INVITE_SLOW, "MESSAGE", Fault.DROP_FIRST, "100 200", 2, 1),
                c(Flow.NON_INVITE_SLOW, "MESSAGE", Fault.DUPLICATE, "100 100 100 200", 1, 2),
                c(Flow.NON_INVITE_SLOW, "MESSAGE", Fault.LATE, "100 100 200", 2, 2),
                new Case(Flow.NON_INVITE_SLOW, "MESSAGE", Fault.DROP_EVERY, "408", 10, 0, 0,
                        TransactionState.TERMINATED),
                c(Flow.NON_INVITE_SLOW, "100", Fault.DROP_FIRST, "100 200", 1, 1),
                c(Flow.NON_INVITE_SLOW, "100", Fault.DUPLICATE, "100 100 100 200", 1, 1),
                c(Flow.NON_INVITE_SLOW, "100", Fault.LATE, "100 100 200", 1, 1),
                c(Flow.NON_INVITE_SLOW, "100", Fault.DROP_EVERY, "200", 1, 1),
                c(Flow.NON_INVITE_SLOW, "200", Fault.DROP_FIRST, "100 100 200", 2, 2),
                c(Flow.NON_INVITE_SLOW, "200", Fault.DUPLICATE, "100 100 200", 1, 1),
                c(Flow.NON_INVITE_SLOW, "200", Fault.LATE, "100 100 200", 1, 1),
                c(Flow.NON_INVITE_SLOW, "200", Fault.DROP_EVERY, "100 100 408", 8, 8),

                c(Flow.INVITE_2XX, "", Fault.NONE, "180 200", 0, 0),
                c(Flow.INVITE_2XX, "INVITE", Fault.DROP_FIRST, "180 200", 1, 0),
                c(Flow.INVITE_2XX, "INVITE", Fault.DUPLICATE, "180 180 200", 0, 1),
                c(Flow.INVITE_2XX, "INVITE", Fault.LATE, "180 180 200", 1, 1),
                new Case(Flow.INVITE_2XX, "INVITE", Fault.DROP_EVERY, "408", 6, 0, 0, TransactionState.TERMINATED),
                c(Flow.INVITE_2XX, "180", Fault.DROP_FIRST, "180 200", 1, 1),
                c(Flow.INVITE_2XX, "180", Fault.DUPLICATE, "180 180 200", 0, 0),
                c(Flow.INVITE_2XX, "180", Fault.LATE, "180 180 200", 1, 1),
                c(Flow.INVITE_2XX, "180", Fault.DROP_EVERY, "200", 1, 1),
                c(Flow.INVITE_2XX, "200", Fault.DROP_FIRST, "180 200", 0, 0),
                c(Flow.INVITE_2XX, "200", Fault.DUPLICATE, "180 200 200", 0, 0),
                c(Flow.INVITE_2XX, "200", Fault.LATE, "180 200 200", 0, 0),
                stuck(Flow.INVITE_2XX, "200", "180", 0, 0),
                c(Flow.INVITE_2XX, "ACK", Fault.DROP_FIRST, "180 200 200", 0, 0),
                c(Flow.INVITE_2XX, "ACK", Fault.DUPLICATE, "180 200", 0, 0),
                c(Flow.INVITE_2XX, "ACK", Fault.LATE, "180 200 200", 0, 0),
                c(Flow.INVITE_2XX, "ACK", Fault.DROP_EVERY, "180 200 200 200 200 200 200 200 200 200 200 200", 0, 0),

                c(Flow.INVITE_NON_2XX, "", Fault.NONE, "100 486", 0, 0),
                c(Flow.INVITE_NON_2XX, "INVITE", Fault.DROP_FIRST, "100 486", 1, 0),
                c(Flow.INVITE_NON_2XX, "INVITE", Fault.DUPLICATE, "100 486", 0, 0),
                c(Flow.INVITE_NON_2XX, "INVITE", Fault.LATE, "100 100 486", 1, 1),
                new Case(Flow.INVITE_NON_2XX, "INVITE", Fault.DROP_EVERY, "408", 6, 0, 0, TransactionState.TERMINATED),
                c(Flow.INVITE_NON_2XX, "100", Fault.DROP_FIRST, "100 486", 1, 1),
                c(Flow.INVITE_NON_2XX, "100", Fault.DUPLICATE, "100 100 486", 0, 0),
                c(Flow.INVITE_NON_2XX, "100", Fault.LATE, "100 100 486", 1, 1),
                c(Flow.INVITE_NON_2XX, "100", Fault.DROP_EVERY, "486", 1, 1),
                c(Flow.INVITE_NON_2XX, "486", Fault.DROP_FIRST, "100 486", 0, 1),
                c(Flow.INVITE_NON_2XX, "486", Fault.DUPLICATE, "100 486", 1, 0),
                c(Flow.INVITE_NON_2XX, "486", Fault.LATE, "100 486", 1, 1),
                stuck(Flow.INVITE_NON_2XX, "486", "100", 0, 10),
                c(Flow.INVITE_NON_2XX, "ACK", Fault.DROP_FIRST, "100 486", 1, 1),
                c(Flow.INVITE_NON_2XX, "ACK", Fault.DUPLICATE, "100 486", 0, 0),
                c(Flow.INVITE_NON_2XX, "ACK", Fault.LATE, "100 486", 1, 1),
                c(Flow.INVITE_NON_2XX, "ACK", Fault.DROP_EVERY, "100 486", 10, 10));
    }

    private static Case c(Flow flow, String message, Fault fault, String sees, long clientRetransmissions,
            long serverRetransmissions) {
        return new Case(flow, message, fault, sees, clientRetransmissions, serverRetransmissions, 1,
                TransactionState.TERMINATED);
    }

    /**
     * The final response is lost every time after a provisional one: RFC 3261 §17.1.1.2 gives an
     * INVITE client transaction no timer in Proceeding (its user cancels, §9.1), so it is still there.
     */
    private static Case stuck(Flow flow, String message, String sees, long clientRetransmissions,
            long serverRetransmissions) {
        return new Case(flow, message, Fault.DROP_EVERY, sees, clientRetransmissions, serverRetransmissions, 1,
                TransactionState.PROCEEDING);
    }

    /** The edges of RFC 3261 Figures 5–8 with RFC 6026's Accepted state, as "machine: from→to". */
    private static final Set<String> FIGURE_EDGES = Set.of(
            "INVITE client: →CALLING", "INVITE client: CALLING→PROCEEDING", "INVITE client: CALLING→COMPLETED",
            "INVITE client: CALLING→ACCEPTED", "INVITE client: CALLING→TERMINATED",
            "INVITE client: PROCEEDING→COMPLETED", "INVITE client: PROCEEDING→ACCEPTED",
            "INVITE client: COMPLETED→TERMINATED", "INVITE client: ACCEPTED→TERMINATED",
            "non-INVITE client: →TRYING", "non-INVITE client: TRYING→PROCEEDING",
            "non-INVITE client: TRYING→COMPLETED", "non-INVITE client: TRYING→TERMINATED",
            "non-INVITE client: PROCEEDING→COMPLETED", "non-INVITE client: PROCEEDING→TERMINATED",
            "non-INVITE client: COMPLETED→TERMINATED",
            "INVITE server: →PROCEEDING", "INVITE server: PROCEEDING→COMPLETED",
            "INVITE server: PROCEEDING→ACCEPTED", "INVITE server: COMPLETED→CONFIRMED",
            "INVITE server: COMPLETED→TERMINATED", "INVITE server: CONFIRMED→TERMINATED",
            "INVITE server: ACCEPTED→TERMINATED",
            "non-INVITE server: →TRYING", "non-INVITE server: TRYING→PROCEEDING",
            "non-INVITE server: TRYING→COMPLETED", "non-INVITE server: PROCEEDING→COMPLETED",
            "non-INVITE server: COMPLETED→TERMINATED");

    @AfterAll
    static void everyEdgeOfTheFiguresWasTaken() {
        // Only meaningful when the whole table ran, not a single case picked out.
        if (casesRun == cases().count()) {
            assertThat(EDGES_TAKEN).containsAll(FIGURE_EDGES);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theFlowEndsAsTheRfcSaysAndLeavesNoTransaction(Case c) {
        Run run = new Run(c.flow);
        PacketFilter faulty = c.fault == Fault.NONE ? p -> false : c.flow.filter(c.message);
        switch (c.fault) {
            case DROP_FIRST -> run.network.drop(faulty, 1);
            case DUPLICATE -> run.network.duplicate(faulty, 1);
            case LATE -> run.network.hold(faulty, 1);
            case DROP_EVERY -> run.network.drop(faulty, MemoryNetwork.ALWAYS);
            case NONE -> {
                // The flow as it should go.
            }
        }
        run.start();
        long heldSince = -1;
        for (long ms = 0; ms < RUN_MS; ms++) {
            run.tick();
            if (heldSince < 0 && !run.network.held().isEmpty()) {
                heldSince = ms;
            } else if (heldSince >= 0 && ms - heldSince == LATE_MS) {
                assertThat(run.network.release(faulty)).as("the late packet").isEqualTo(1);
            }
        }
        casesRun++;

        assertThat(run.clientUserSaw()).as("what the client's user saw").isEqualTo(c.clientUserSees);
        assertThat(run.client.stats().retransmissions()).as("client retransmissions")
                .isEqualTo(c.clientRetransmissions);
        assertThat(run.server.stats().retransmissions()).as("server retransmissions")
                .isEqualTo(c.serverRetransmissions);
        assertThat(run.serverTransactions).as("requests handed to the server's user").hasSize(c.requestsAtServer);
        assertThat(run.clientTx.state()).isEqualTo(c.clientEndsIn);
        run.serverTransactions.forEach(tx -> assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED));
        assertThat(run.client.liveTransactions().join()).as("client table")
                .isEqualTo(c.clientEndsIn == TransactionState.TERMINATED ? 0 : 1);
        assertThat(run.server.liveTransactions().join()).as("server table").isZero();
        assertThat(run.strayResponses).as("responses matching no transaction").isEmpty();
        boolean ackLostEveryTime = c.message.equals("ACK") && c.fault == Fault.DROP_EVERY;
        if (c.flow == Flow.INVITE_2XX && c.clientUserSees.contains("200") && !ackLostEveryTime) {
            assertThat(run.acksAtServer).as("the 2xx ACK reached the server's core").isPositive();
        }
    }

    /**
     * A CANCEL racing the final response (RFC 3261 §9.1, §9.2): the client's user cancels at 999 ms,
     * the server's user answers finally at 1000 ms; the CANCEL arrives at once, or is held in the
     * network until the final response has crossed it.
     */
    record CancelRace(int finalStatus, boolean crossesTheFinal, String inviteUserSees, long refusedAtServer) {
        @Override
        public String toString() {
            return "INVITE→180→" + finalStatus + " and a CANCEL that arrives "
                    + (crossesTheFinal ? "after the " + finalStatus + " was sent" : "first");
        }
    }

    static Stream<CancelRace> cancelRaces() {
        return Stream.of(
                // §9.2: the CANCEL arrives first: 200 to it, 487 to the INVITE; the user's late final is refused.
                new CancelRace(486, false, "180 487", 1),
                new CancelRace(200, false, "180 487", 1),
                // The final response was sent first: the CANCEL gets its 200 and changes nothing.
                new CancelRace(486, true, "180 486", 0),
                new CancelRace(200, true, "180 200", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cancelRaces")
    void aCancelRacingTheFinalResponseGets200AndOnlyOneFinalResponseStands(CancelRace race) {
        Flow flow = race.finalStatus == 200 ? Flow.INVITE_2XX : Flow.INVITE_NON_2XX;
        Run run = new Run(flow, new long[][] {{0, 180}, {1_000, race.finalStatus}});
        if (race.crossesTheFinal) {
            run.network.hold(PacketFilter.request(Method.CANCEL), 1);
        }
        run.start();
        for (long ms = 0; ms < RUN_MS; ms++) {
            run.tick();
            if (run.clientLane.nowMillis() == 999) {
                run.cancel();
            } else if (run.clientLane.nowMillis() == 1_000 && race.crossesTheFinal) {
                assertThat(run.network.release(PacketFilter.request(Method.CANCEL))).isEqualTo(1);
            }
        }

        assertThat(run.clientUserSaw()).as("what the INVITE's user saw").isEqualTo(race.inviteUserSees);
        assertThat(run.seenByCancelUser).extracting(SipResponse::statusCode).as("the CANCEL's responses")
                .containsExactly(200);
        assertThat(run.server.stats().refusedResponses()).as("final responses refused at the server")
                .isEqualTo(race.refusedAtServer);
        assertThat(run.serverTransactions).as("the CANCEL went to onCancel, not onRequest").hasSize(1);
        assertThat(run.clientTx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(run.cancelTx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(run.client.liveTransactions().join()).as("client table").isZero();
        assertThat(run.server.liveTransactions().join()).as("server table").isZero();
        if (race.inviteUserSees.endsWith("200")) {
            assertThat(run.acksAtServer).as("the 2xx ACK reached the server's core").isPositive();
        }
    }

    /** Two layers on one memory network, each on its own lane in virtual time, and their users. */
    private static final class Run implements TransactionUser {
        final Flow flow;
        final long[][] script;
        final MemoryNetwork network = new MemoryNetwork();
        final VirtualLane clientLane = new VirtualLane();
        final VirtualLane serverLane = new VirtualLane();
        final TransactionLayer client;
        final TransactionLayer server;
        final List<ServerTransaction> serverTransactions = new ArrayList<>();
        final List<SipResponse> seenByClientUser = new ArrayList<>();
        final List<SipResponse> strayResponses = new ArrayList<>();
        final List<SipResponse> seenByCancelUser = new ArrayList<>();
        final Map<String, TransactionState> lastStates = new HashMap<>();
        final String ackBranch = TransactionLayer.newBranch();
        final Target toServer = TransactionHarness.target(Transport.UDP, UAS);
        String inviteBranch;
        ClientTransaction clientTx;
        ClientTransaction cancelTx;
        int acksAtServer;
        Alarm userRetransmission;

        Run(Flow flow) {
            this(flow, flow.script);
        }

        Run(Flow flow, long[][] script) {
            this.flow = flow;
            this.script = script;
            TransactionConfig config = TransactionConfig.defaults().withLanes(1);
            client = TransactionLayer.start(config, List.of(clientLane), new TransactionUser() {
                @Override
                public void onRequest(ServerTransaction transaction, SipRequest request) {
                    throw new AssertionError("the client side got a request: " + request.startLine());
                }

                @Override
                public void onStray(SipResponse response, Source source) {
                    strayResponses.add(response);
                }
            }, handler -> network.endpoint(UAC, handler));
            server = TransactionLayer.start(config, List.of(serverLane), this,
                    handler -> network.endpoint(UAS, handler));
        }

        void start() {
            inviteBranch = TransactionLayer.newBranch();
            SipRequest request = TransactionHarness.request(flow.method.name(), Transport.UDP, UAC, inviteBranch);
            clientTx = client.send(request, toServer, (tx, response) -> onClientResponse(response));
            observe();
            settle();
        }

        /** §9.1: the client's user cancels: a CANCEL with the request's branch, Call-ID, From, To and CSeq number. */
        void cancel() {
            SipRequest cancel = TransactionHarness.request("CANCEL", Transport.UDP, UAC, inviteBranch);
            cancelTx = client.send(cancel, toServer, (tx, response) -> seenByCancelUser.add(response));
            settle();
        }

        /** One millisecond: both lanes' timers, then every packet and task until quiet, then the states. */
        void tick() {
            clientLane.advance(Duration.ofMillis(1));
            serverLane.advance(Duration.ofMillis(1));
            settle();
            observe();
        }

        private void settle() {
            network.settle(() -> clientLane.runPending() + serverLane.runPending());
        }

        private void observe() {
            record((flow.method.equals(Method.INVITE) ? "INVITE" : "non-INVITE") + " client", clientTx.state());
            for (ServerTransaction tx : serverTransactions) {
                record((flow.method.equals(Method.INVITE) ? "INVITE" : "non-INVITE") + " server", tx.state());
            }
        }

        private void record(String machine, TransactionState now) {
            TransactionState before = lastStates.put(machine, now);
            if (before != now) {
                EDGES_TAKEN.add(machine + ": " + (before == null ? "" : before) + "→" + now);
            }
        }

        String clientUserSaw() {
            return seenByClientUser.stream().map(r -> String.valueOf(r.statusCode()))
                    .collect(Collectors.joining(" "));
        }

        /** The client's user: notes each response and ACKs every 2xx to the INVITE (§13.2.2.4). */
        private void onClientResponse(SipResponse response) {
            seenByClientUser.add(response);
            if (flow.method.equals(Method.INVITE) && response.statusCode() / 100 == 2) {
                SipRequest ack = (SipRequest) TransactionHarness.parse("ACK sip:bob@127.0.0.2 SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + ackBranch + "\r\nMax-Forwards: 70\r\n"
                        + "From: <sip:alice@127.0.0.1>;tag=a1\r\nTo: " + response.header(HeaderName.TO).orElseThrow()
                        + "\r\nCall-ID: call-1@127.0.0.1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
                client.transport().send(ack, toServer);
            }
        }

        /** The server's user: answers on the flow's script. */
        @Override
        public void onRequest(ServerTransaction transaction, SipRequest request) {
            serverTransactions.add(transaction);
            observe();
            for (long[] step : script) {
                SipResponse response = SipResponse.responseTo(request, (int) step[1])
                        .set(HeaderName.TO, request.header(HeaderName.TO).orElseThrow() + ";tag=uas").build();
                if (step[0] == 0) {
                    answer(transaction, response);
                } else {
                    serverLane.timers().schedule(new Alarm("user", () -> answer(transaction, response)),
                            serverLane.nowMillis() + step[0]);
                }
            }
        }

        private void answer(ServerTransaction transaction, SipResponse response) {
            transaction.respond(response);
            observe();
            if (transaction.state() == TransactionState.ACCEPTED && response.statusCode() / 100 == 2) {
                retransmit2xx(transaction, response, 500, serverLane.nowMillis() + 32_000);
            }
        }

        /** §13.3.1.4: the UAS core sends the 2xx again at T1, doubling to T2, until the ACK or 64·T1. */
        private void retransmit2xx(ServerTransaction transaction, SipResponse response, long interval, long until) {
            if (serverLane.nowMillis() + interval >= until) {
                return;
            }
            userRetransmission = new Alarm("2xx", () -> {
                transaction.respond(response);
                retransmit2xx(transaction, response, Math.min(interval * 2, 4_000), until);
            });
            serverLane.timers().schedule(userRetransmission, serverLane.nowMillis() + interval);
        }

        @Override
        public void onStray(SipRequest ack, Source source) {
            acksAtServer++;
            if (userRetransmission != null) {
                serverLane.timers().cancel(userRetransmission);
            }
        }

        @Override
        public void onStray(SipResponse response, Source source) {
            throw new AssertionError("the server side got a response: " + response.startLine());
        }
    }
}
