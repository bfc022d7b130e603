package org.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.SipParser;
import org.parley.message.SipResponse;
import org.parley.message.header.Via;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;

/**
 * The forking relay between a caller written here on a raw UDP socket and two SIPp
 * {@code uas-ring.xml} callees: both 180s arrive with different To tags (two early dialogs), then a
 * CANCEL reaches both, each answers 200 and 487, and the ACKs of the 487s complete both calls.
 */
class ForkingRelayIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WAIT_MS = 5_000;
    private static final int MAX_DATAGRAMS = 30;
    private static final String BRANCH = "z9hG4bK-relay-it-1";

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @Test
    void forksAnInviteSoTheCallerSeesTwoEarlyDialogsAndCancelsBoth() throws Exception {
        SippProcess a = keep(Sipp.resource("uas-ring.xml").define("ring_ms", "20000").start());
        SippProcess b = keep(Sipp.resource("uas-ring.xml").define("ring_ms", "20000").start());
        ForkingRelay relay = keep(ForkingRelay.start(new InetSocketAddress(LOOPBACK, 0),
                List.of(a.localAddress(), b.localAddress())));
        DatagramSocket caller = keep(new DatagramSocket(new InetSocketAddress(LOOPBACK, 0)));
        caller.setSoTimeout(WAIT_MS);
        int port = caller.getLocalPort();

        send(caller, relay.address(), request("INVITE", port, "1 INVITE", ""));
        List<SipResponse> ringing = receive(caller, 2, r -> r.statusCode() == 180);

        assertThat(ringing).extracting(r -> r.toTag().orElseThrow()).doesNotHaveDuplicates().hasSize(2);
        // RFC 3261 §16.7 step 3: the relay's Via is gone; ours is on top, stamped by the relay's transport.
        assertThat(ringing).allSatisfy(r -> {
            assertThat(r.vias()).hasSize(1);
            assertThat(r.topVia().branch()).hasValue(BRANCH);
        });

        send(caller, relay.address(), request("CANCEL", port, "1 CANCEL", ""));
        List<SipResponse> ends = receive(caller, 4, r -> r.statusCode() == 487 || r.cseq().method().name()
                .equals("CANCEL"));
        List<SipResponse> terminated = ends.stream().filter(r -> r.statusCode() == 487).toList();
        assertThat(terminated).extracting(r -> r.toTag().orElseThrow())
                .containsExactlyInAnyOrderElementsOf(ringing.stream().map(r -> r.toTag().orElseThrow()).toList());
        for (SipResponse r : terminated) {
            // RFC 3261 §17.1.1.3: the ACK of a non-2xx answer has the INVITE's branch and the answer's To.
            send(caller, relay.address(), request("ACK", port, "1 ACK", ";tag=" + r.toTag().orElseThrow()));
        }

        for (SippProcess callee : List.of(a, b)) {
            SippResult result = callee.awaitExit(Duration.ofSeconds(20));
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).isEqualTo(1);
            // RFC 3261 §16.6 step 3: one hop used.
            assertThat(result.messages()).contains("Max-Forwards: 69");
        }
        assertThat(a.awaitExit(Duration.ofSeconds(1)).messages()).contains(ForkingRelay.branchFor(BRANCH, 0));
        assertThat(b.awaitExit(Duration.ofSeconds(1)).messages()).contains(ForkingRelay.branchFor(BRANCH, 1));
        // Counted when each send completes, which may be just after the callee saw it and exited.
        long expected = 2 + 2 + 2 * terminated.size();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (relay.forwardedRequests() < expected && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertThat(relay.forwardedRequests()).isEqualTo(expected);
    }

    @Test
    void derivesADistinctStableBranchPerTarget() {
        assertThat(ForkingRelay.branchFor("z9hG4bK-x", 0)).isEqualTo(ForkingRelay.branchFor("z9hG4bK-x", 0))
                .isNotEqualTo(ForkingRelay.branchFor("z9hG4bK-x", 1))
                .isNotEqualTo(ForkingRelay.branchFor("z9hG4bK-y", 0))
                .startsWith(Via.MAGIC_COOKIE);
    }

    private static String request(String method, int port, String cseq, String toTag) {
        return method + " sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=" + BRANCH + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@127.0.0.1:" + port + ">;tag=caller-1\r\n"
                + "To: <sip:bob@127.0.0.1>" + toTag + "\r\n"
                + "Call-ID: relay-it-" + port + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + "\r\n"
                + "Contact: <sip:alice@127.0.0.1:" + port + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** Responses until {@code count} of them match, skipping others; at most MAX_DATAGRAMS, WAIT_MS each. */
    private static List<SipResponse> receive(DatagramSocket socket, int count, Predicate<SipResponse> wanted)
            throws IOException {
        List<SipResponse> matched = new ArrayList<>();
        byte[] buffer = new byte[65_535];
        for (int i = 0; i < MAX_DATAGRAMS && matched.size() < count; i++) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
            if (SipParser.parse(bytes) instanceof SipResponse r && wanted.test(r)) {
                matched.add(r);
            }
        }
        assertThat(matched).as("matching responses within %d datagrams of %d ms each", MAX_DATAGRAMS, WAIT_MS)
                .hasSize(count);
        return matched;
    }
}
