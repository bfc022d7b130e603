package org.parley.proxy.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.flow.Flows.eventually;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.nat.KeepAliveConfig;
import org.parley.proxy.nat.KeepAliveListener;
import org.parley.proxy.nat.NatKeepAlive;
import org.parley.transport.Transport;

/**
 * The NAT keep-alive on real sockets, next to the proxy and its registrar: a client that registered
 * over UDP with a Contact that is not where it sends from (a NAT) gets OPTIONS at the address it sent
 * from (RFC 3581), and one silent long enough is removed; a client that registered over TCP gets
 * CRLFCRLF pings on its connection (RFC 5626 §4.4.1), and once it closes the connection its binding
 * goes. Short intervals and a 50 ms T1 keep it quick.
 */
class NatKeepAliveIT {
    private static final KeepAliveConfig FAST = KeepAliveConfig.defaults().withInterval(Duration.ofSeconds(1))
            .withMaxFailures(2);

    private static String register(String user, String via, String contact) {
        return "REGISTER sip:" + ProxyHarness.DOMAIN + " SIP/2.0\n"
                + "Via: " + via + ";branch=z9hG4bK-reg-" + user + ";rport\n"
                + "Max-Forwards: 70\nFrom: <sip:" + user + "@" + ProxyHarness.DOMAIN + ">;tag=r1\n"
                + "To: <sip:" + user + "@" + ProxyHarness.DOMAIN + ">\nCall-ID: reg-" + user + "@127.0.0.1\n"
                + "CSeq: 1 REGISTER\nContact: <" + contact + ">\nExpires: 600\nContent-Length: 0\n\n";
    }

    @Test
    void aNattedUdpClientGetsOptionsAtItsSourceAndIsRemovedOnceSilent() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start(c -> c, Optional.empty(), ProxyHarness.SHORT_T1);
                RawPeer client = new RawPeer()) {
            client.send(register("carol", "SIP/2.0/UDP 127.0.0.1:" + client.port(), "sip:carol@192.0.2.1:5060"),
                    harness.address(Transport.UDP));
            assertThat(((SipResponse) client.receive().message()).statusCode()).isEqualTo(200);
            try (NatKeepAlive keepAlive = NatKeepAlive.of(FAST, harness.locations(), harness.transactions(),
                    InstantSource.system(), KeepAliveListener.NONE)) {
                keepAlive.start();

                RawPeer.Received ping = client.receive();
                SipRequest options = (SipRequest) ping.message();
                assertThat(options.method()).isEqualTo(Method.OPTIONS);
                assertThat(options.requestUriText()).isEqualTo("sip:carol@192.0.2.1:5060");
                assertThat(options.header(HeaderName.TO)).hasValue("<sip:carol@example.test>");
                assertThat(ping.from()).isEqualTo(harness.address(Transport.UDP));
                client.send(SipResponse.responseTo(options, 200).build(), ping.from());
                eventually("the answer is counted", () -> keepAlive.stats().answered() >= 1);

                // Silent from now on: two keep-alives time out (Timer F), and the binding goes.
                AddressOfRecord carol = new AddressOfRecord("carol", ProxyHarness.DOMAIN);
                eventually("the silent binding is removed", () -> harness.locations().lookup(carol).join().isEmpty());
                assertThat(keepAlive.stats().unreachable()).isEqualTo(1);
                assertThat(keepAlive.stats().removed()).isEqualTo(1);
            }
        }
    }

    @Test
    void aTcpClientGetsCrlfPingsOnItsConnectionAndIsRemovedOnceItCloses() throws Exception {
        try (ProxyHarness harness = ProxyHarness.start()) {
            AddressOfRecord dave = new AddressOfRecord("dave", ProxyHarness.DOMAIN);
            try (NatKeepAlive keepAlive = NatKeepAlive.of(FAST, harness.locations(), harness.transactions(),
                    InstantSource.system(), KeepAliveListener.NONE)) {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(),
                        harness.address(Transport.TCP).getPort())) {
                    client.setSoTimeout(5_000);
                    String via = "SIP/2.0/TCP 127.0.0.1:" + client.getLocalPort();
                    client.getOutputStream().write(register("dave", via, "sip:dave@192.0.2.2:5060;transport=tcp")
                            .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
                    InputStream in = client.getInputStream();
                    assertThat(readUntil(in, "\r\n\r\n")).startsWith("SIP/2.0 200");
                    assertThat(harness.locations().lookup(dave).join()).hasSize(1);
                    keepAlive.start();

                    for (int i = 0; i < 2; i++) {
                        // RFC 5626 §4.4.1: the ping; the client's pong is a single CRLF.
                        assertThat(readUntil(in, "\r\n\r\n")).isEqualTo("\r\n\r\n");
                        client.getOutputStream().write(new byte[] {'\r', '\n'});
                    }
                }
                eventually("the binding whose flow closed is removed",
                        () -> harness.locations().lookup(dave).join().isEmpty());
                assertThat(keepAlive.stats().pingsSent()).isGreaterThanOrEqualTo(4);
                assertThat(keepAlive.stats().failed()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    /** Reads until the bytes read end with {@code end} (at most 64 KiB; the socket's timeout bounds the wait). */
    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] tail = end.getBytes(StandardCharsets.US_ASCII);
        while (read.size() < 65_536) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            read.write(b);
            byte[] sofar = read.toByteArray();
            if (sofar.length >= tail.length && Arrays.equals(sofar, sofar.length - tail.length,
                    sofar.length, tail, 0, tail.length)) {
                break;
            }
        }
        return read.toString(StandardCharsets.US_ASCII);
    }
}
