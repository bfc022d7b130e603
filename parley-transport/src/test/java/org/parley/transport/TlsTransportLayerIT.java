package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.transport.resolve.Target;
import org.parley.transport.tls.ClientAuth;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.tls.TlsProvider;

/** TLS between transport layers and with JDK sockets, loopback only, ephemeral ports, both providers. */
class TlsTransportLayerIT {
    private static final int WAIT_MS = 5_000;
    private static final InetSocketAddress V4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final BlockingQueue<Inbound> serverInbound = new LinkedBlockingQueue<>();
    private final BlockingQueue<Inbound> clientInbound = new LinkedBlockingQueue<>();
    private final List<NettyTransportLayer> layers = new ArrayList<>();

    @AfterEach
    void closeLayers() {
        layers.forEach(NettyTransportLayer::close);
    }

    private NettyTransportLayer server(TlsConfig tls, InetSocketAddress bind) {
        NettyTransportLayer layer = NettyTransportLayer.start(TransportConfig.of(List.of(
                new ListenerConfig(Transport.TLS, bind), new ListenerConfig(Transport.TCP, bind))).withTls(tls),
                serverInbound::add);
        layers.add(layer);
        return layer;
    }

    private NettyTransportLayer client(TlsConfig tls) {
        NettyTransportLayer layer = NettyTransportLayer.start(TransportConfig.of(List.of()).withTls(tls),
                clientInbound::add);
        layers.add(layer);
        return layer;
    }

    private static TlsConfig.Builder serverTls(TlsProvider provider) {
        return TlsConfig.builder().provider(provider).identity(TestPki.identity(TestPki.SERVER))
                .trust(TestPki.trust(TestPki.CA));
    }

    private static TlsConfig.Builder clientTls(TlsProvider provider) {
        return TlsConfig.builder().provider(provider).trust(TestPki.trust(TestPki.CA));
    }

    private static SipRequest options(String callId) {
        String text = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Inbound next(BlockingQueue<Inbound> queue) throws InterruptedException {
        Inbound in = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(in).as("a message within %d ms", WAIT_MS).isNotNull();
        return in;
    }

    /** Polls a counter until it reaches {@code expected}: at most 500 waits of 10 ms. */
    private static void awaitCount(LongSupplier counter, long expected) throws InterruptedException {
        BlockingQueue<Object> never = new LinkedBlockingQueue<>();
        for (int i = 0; i < 500 && counter.getAsLong() < expected; i++) {
            never.poll(10, TimeUnit.MILLISECONDS);
        }
        assertThat(counter.getAsLong()).isEqualTo(expected);
    }

    private static Target tls(NettyTransportLayer server, String hostName) {
        return new Target(Transport.TLS, server.localAddresses(Transport.TLS).get(0), hostName);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void carriesARequestAndItsResponseBetweenTwoLayersAndReusesTheConnection(TlsProvider provider)
            throws Exception {
        if (provider == TlsProvider.OPENSSL) {
            assertThat(OpenSsl.isAvailable()).as("BoringSSL natives load").isTrue();
        }
        NettyTransportLayer server = server(serverTls(provider).build(), V4);
        NettyTransportLayer client = client(clientTls(provider).build());

        client.send(options("tls-1"), tls(server, "sip.example.com")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        Inbound request = next(serverInbound);
        assertThat(request.source().transport()).isEqualTo(Transport.TLS);
        assertThat(request.source().peerIdentities()).isEmpty();

        SipResponse ok = SipResponse.responseTo((SipRequest) request.message(), 200).build();
        server.respond(ok, request.source()).get(WAIT_MS, TimeUnit.MILLISECONDS);
        Inbound response = next(clientInbound);
        assertThat(response.message().callId()).isEqualTo("tls-1");
        // The client sees the server's verified identities (RFC 5922 §7.1): sip URI domain and DNS name.
        assertThat(response.source().peerIdentities()).containsExactlyInAnyOrder("example.com", "sip.example.com");

        client.send(options("tls-2"), tls(server, "sip.example.com")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(serverInbound).source().connectionId()).isEqualTo(request.source().connectionId());
    }

    @Test
    void sendsRequestsBothWaysBetweenAnOpenSslAndAJdkLayer() throws Exception {
        NettyTransportLayer openssl = server(serverTls(TlsProvider.OPENSSL).build(), V4);
        TransportConfig jdkConfig = TransportConfig.of(List.of(new ListenerConfig(Transport.TLS, V4)))
                .withTls(serverTls(TlsProvider.JDK).build());
        NettyTransportLayer jdk = NettyTransportLayer.start(jdkConfig, clientInbound::add);
        layers.add(jdk);
        jdk.send(options("to-openssl"), tls(openssl, "sip.example.com")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(serverInbound).message().callId()).isEqualTo("to-openssl");
        openssl.send(options("to-jdk"), tls(jdk, "example.com")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(clientInbound).message().callId()).isEqualTo("to-jdk");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void refusesAServerCertificateFromAnUntrustedCa(TlsProvider provider) throws Exception {
        TlsConfig rogue = TlsConfig.builder().provider(provider).identity(TestPki.identity(TestPki.ROGUE_SERVER))
                .build();
        NettyTransportLayer server = server(rogue, V4);
        NettyTransportLayer client = client(clientTls(provider).build());
        assertThat(client.send(options("rogue"), tls(server, "sip.example.com")))
                .failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .withMessageContaining("untrusted certificate");
        assertThat(serverInbound.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void refusesAServerWhoseCertificateDoesNotNameTheTarget(TlsProvider provider) throws Exception {
        NettyTransportLayer server = server(serverTls(provider).build(), V4);
        NettyTransportLayer client = client(clientTls(provider).build());
        assertThat(client.send(options("mismatch"), tls(server, "other.example.org")))
                .failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .withMessageContaining("name mismatch").withMessageContaining("other.example.org");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void acceptsATrunksClientCertificateAndShowsItsIdentity(TlsProvider provider) throws Exception {
        NettyTransportLayer server = server(serverTls(provider).clientAuth(ClientAuth.REQUIRE).build(), V4);
        NettyTransportLayer client = client(clientTls(provider).identity(TestPki.identity(TestPki.TRUNK)).build());
        client.send(options("mtls"), tls(server, "sip.example.com")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(serverInbound).source().peerIdentities()).containsExactly("trunk.example.net");
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void refusesAClientWithoutCertificateWhenOneIsRequired(TlsProvider provider) throws Exception {
        NettyTransportLayer server = server(serverTls(provider).clientAuth(ClientAuth.REQUIRE).build(), V4);
        try (SSLSocket socket = jdkClient(false, server, "sip.example.com")) {
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getOutputStream().write(options("no-cert").toBytes());
                socket.getOutputStream().flush();
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
                throw new SSLException("closed without a message");
            }).isInstanceOf(IOException.class);
        }
        awaitCount(server.stats()::tlsHandshakeFailures, 1);
        assertThat(serverInbound).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void picksTheCertificateByTheServerNameTheClientSends(TlsProvider provider) throws Exception {
        TlsConfig tls = serverTls(provider).serverName("sni.example.com", TestPki.identity(TestPki.SNI_SERVER)).build();
        NettyTransportLayer server = server(tls, V4);
        NettyTransportLayer client = client(clientTls(provider).build());
        // The default certificate does not name sni.example.com: the name check passes only with SNI's.
        client.send(options("sni"), tls(server, "sni.example.com")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(serverInbound).message().callId()).isEqualTo("sni");
        try (SSLSocket socket = jdkClient(false, server, "sip.example.com")) {
            socket.startHandshake();
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(TestPki.SERVER.getCertificate());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void refusesATls11OnlyClient(TlsProvider provider) throws Exception {
        NettyTransportLayer server = server(serverTls(provider).build(), V4);
        InetSocketAddress address = server.localAddresses(Transport.TLS).get(0);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(WAIT_MS);
            socket.getOutputStream().write(tls11ClientHello());
            InputStream in = socket.getInputStream();
            int first = in.read();
            // RFC 8996: an alert (content type 21), typically protocol_version, or a plain close.
            assertThat(first).isIn(21, -1);
        }
        awaitCount(server.stats()::tlsHandshakeFailures, 1);
        assertThat(serverInbound).isEmpty();
    }

    /** A TLS 1.1 ClientHello (RFC 4346 §7.4.1.2) without extensions, so it cannot offer 1.2 or 1.3. */
    private static byte[] tls11ClientHello() {
        byte[] body = new byte[2 + 32 + 1 + 2 + 4 + 2];
        int i = 0;
        body[i++] = 3;
        body[i++] = 2;
        for (int r = 0; r < 32; r++) {
            body[i++] = (byte) r;
        }
        body[i++] = 0;
        body[i++] = 0;
        body[i++] = 4;
        body[i++] = (byte) 0xc0;
        body[i++] = 0x13;
        body[i++] = 0x00;
        body[i++] = 0x2f;
        body[i++] = 1;
        body[i] = 0;
        byte[] record = new byte[5 + 4 + body.length];
        record[0] = 22;
        record[1] = 3;
        record[2] = 2;
        record[3] = (byte) ((4 + body.length) >> 8);
        record[4] = (byte) (4 + body.length);
        record[5] = 1;
        record[8] = (byte) body.length;
        System.arraycopy(body, 0, record, 9, body.length);
        return record;
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void worksOverIpv6LoopbackWithANumericTarget(TlsProvider provider) throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        NettyTransportLayer server = server(serverTls(provider).build(), v6);
        NettyTransportLayer client = client(clientTls(provider).build());
        // The certificate lists ::1 as an iPAddress entry, so the numeric target passes the name check.
        client.send(options("v6"), tls(server, "::1")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        Inbound in = next(serverInbound);
        assertThat(in.source().remote().getAddress().getHostAddress()).startsWith("0:0:0:0:0:0:0:1");
    }

    @Test
    void checksANumericTargetAgainstIpEntriesUnlessConfiguredToSkip() throws Exception {
        TlsConfig named = TlsConfig.builder().provider(TlsProvider.JDK)
                .identity(TestPki.identity(TestPki.NAME_ONLY_SERVER)).build();
        NettyTransportLayer server = server(named, V4);
        assertThat(client(clientTls(TlsProvider.JDK).build()).send(options("ip1"), tls(server, "127.0.0.1")))
                .failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat()
                .withMessageContaining("name mismatch");
        NettyTransportLayer lenient = client(clientTls(TlsProvider.JDK).skipNameCheckForNumericTargets(true).build());
        lenient.send(options("ip2"), tls(server, "127.0.0.1")).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(serverInbound).message().callId()).isEqualTo("ip2");
    }

    @Test
    void neverReusesATlsConnectionForATcpTarget() throws Exception {
        NettyTransportLayer server = server(serverTls(TlsProvider.JDK).build(), V4);
        NettyTransportLayer client = client(clientTls(TlsProvider.JDK).build());
        Target overTls = tls(server, "sip.example.com");
        client.send(options("first"), overTls).get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(next(serverInbound).message().callId()).isEqualTo("first");

        // Same address, TCP: a new plaintext connection, which the TLS listener cannot take.
        client.send(options("plain"), new Target(Transport.TCP, overTls.address(), "sip.example.com"))
                .get(WAIT_MS, TimeUnit.MILLISECONDS);
        awaitCount(server.stats()::tlsHandshakeFailures, 1);
        assertThat(serverInbound).isEmpty();
    }

    @Test
    void answersAJdkSocketClientOverItsTlsConnection() throws Exception {
        NettyTransportLayer server = server(serverTls(TlsProvider.AUTO).build(), V4);
        try (SSLSocket socket = jdkClient(false, server, "sip.example.com")) {
            socket.getOutputStream().write(options("jdk").toBytes());
            socket.getOutputStream().flush();
            Inbound in = next(serverInbound);
            SipResponse ok = SipResponse.responseTo((SipRequest) in.message(), 200).build();
            server.respond(ok, in.source()).get(WAIT_MS, TimeUnit.MILLISECONDS);
            byte[] got = socket.getInputStream().readNBytes(ok.size());
            assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(ok.toString());
        }
    }

    @Test
    void refusesToStartATlsListenerWithoutTlsConfiguration() {
        assertThatThrownBy(() -> NettyTransportLayer.start(
                TransportConfig.of(List.of(new ListenerConfig(Transport.TLS, V4))), serverInbound::add))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS listener")
                .hasMessageContaining(V4.toString()).hasMessageContaining("withTls");
    }

    @Test
    void failsATlsSendWithoutTlsConfiguration() {
        NettyTransportLayer plain = NettyTransportLayer.start(TransportConfig.of(List.of()), clientInbound::add);
        layers.add(plain);
        assertThat(plain.send(options("none"), new Target(Transport.TLS, new InetSocketAddress("127.0.0.1", 9), "x")))
                .failsWithin(WAIT_MS, TimeUnit.MILLISECONDS).withThrowableThat().withMessageContaining("withTls");
    }

    private static SSLSocket jdkClient(boolean withCertificate, NettyTransportLayer server, String sni)
            throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withCertificate ? TestPki.TRUNK.toKeyManagerFactory().getKeyManagers() : null,
                TestPki.CA.toTrustManagerFactory().getTrustManagers(), null);
        InetSocketAddress address = server.localAddresses(Transport.TLS).get(0);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout(WAIT_MS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        socket.setSSLParameters(parameters);
        return socket;
    }
}
