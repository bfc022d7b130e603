package org.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.message.SipMessage;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.testkit.MemoryNetwork;
import org.parley.transport.Inbound;
import org.parley.transport.Source;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.parley.transport.resolve.Target;
import org.slf4j.LoggerFactory;

/** {@link MessageTrace}: rules by address and by user, switched at run time, and the decorators. */
class MessageTraceTest {
    private static final InetSocketAddress ALICE_PHONE = new InetSocketAddress("192.0.2.10", 5070);
    private static final InetSocketAddress OTHER_PHONE = new InetSocketAddress("192.0.2.20", 5070);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5060);

    private final MessageTrace trace = new MessageTrace();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(MessageTrace.LOGGER);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    private static SipRequest request(String method, String ruriUser, String fromUser, String toUser) {
        return (SipRequest) parse(method + " sip:" + ruriUser + "@example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK-t\r\nMax-Forwards: 70\r\n"
                + "From: <sip:" + fromUser + "@example.test>;tag=a1\r\nTo: <sip:" + toUser + "@example.test>\r\n"
                + "Call-ID: trace-1\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n");
    }

    private static SipMessage parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> messages() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void tracesNothingUntilSwitchedOn() {
        assertThat(trace.isOn()).isFalse();
        trace.received(request("INVITE", "bob", "alice", "bob"), Transport.UDP, ALICE_PHONE);
        assertThat(logged.list).isEmpty();
        assertThat(trace.rules()).isEqualTo(MessageTrace.Rules.NONE);
    }

    @Test
    void tracesTheWholeMessagesFromAndToATracedAddressOnly() throws Exception {
        trace.traceAddress(InetAddress.getByName("192.0.2.10"));
        SipRequest invite = request("INVITE", "bob", "carol", "bob");
        trace.received(invite, Transport.UDP, ALICE_PHONE);
        trace.received(invite, Transport.UDP, OTHER_PHONE);
        trace.sent(SipResponse.responseTo(invite, 180).build(), Transport.TCP,
                new InetSocketAddress("192.0.2.10", 9999));
        assertThat(messages()).hasSize(2);
        assertThat(messages().get(0)).startsWith("received from UDP /192.0.2.10:5070:\nINVITE sip:bob@example.test")
                .contains("Call-ID: trace-1");
        assertThat(messages().get(1)).startsWith("sent to TCP /192.0.2.10:9999:\nSIP/2.0 180");
        assertThat(logged.list.get(0).getLevel()).hasToString("INFO");
    }

    @Test
    void tracesAUserFoundInTheRequestUriFromOrTo() {
        trace.traceUser("alice");
        trace.received(request("INVITE", "alice", "bob", "carol"), Transport.UDP, OTHER_PHONE);
        trace.received(request("MESSAGE", "x", "alice", "carol"), Transport.UDP, OTHER_PHONE);
        trace.received(request("BYE", "x", "bob", "alice"), Transport.UDP, OTHER_PHONE);
        trace.received(request("BYE", "x", "bob", "Alice"), Transport.UDP, OTHER_PHONE);
        trace.sent(SipResponse.responseTo(request("REGISTER", "example", "alice", "alice"), 200).build(),
                Transport.UDP, OTHER_PHONE);
        assertThat(messages()).hasSize(4).noneMatch(m -> m.contains("Alice"));
    }

    @Test
    void switchesOffPerRuleAndAltogether() throws Exception {
        InetAddress phone = InetAddress.getByName("192.0.2.10");
        trace.traceAddress(phone);
        trace.traceUser("bob");
        assertThat(trace.rules().addresses()).containsExactly(phone);
        assertThat(trace.rules().users()).containsExactly("bob");
        assertThat(trace.untraceAddress(phone)).isTrue();
        assertThat(trace.untraceAddress(phone)).isFalse();
        trace.received(request("OPTIONS", "x", "y", "z"), Transport.UDP, ALICE_PHONE);
        assertThat(logged.list).isEmpty();
        assertThat(trace.isOn()).as("bob still traced").isTrue();
        trace.clear();
        assertThat(trace.isOn()).isFalse();
        trace.received(request("OPTIONS", "bob", "bob", "bob"), Transport.UDP, ALICE_PHONE);
        assertThat(logged.list).isEmpty();
        assertThat(trace.untraceUser("bob")).isFalse();
    }

    @Test
    void aMessageWithAnUnreadableFromIsNotTracedByUserAndDoesNotThrow() {
        trace.traceUser("alice");
        SipMessage broken = parse("OPTIONS sip:x@example.test SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-b"
                + "\r\nFrom: <<<not an address\r\nTo: <sip:alice@example.test>\r\nCall-ID: b\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n");
        trace.received(broken, Transport.UDP, ALICE_PHONE);
        assertThat(logged.list).isEmpty();
    }

    @Test
    void refusesAnEmptyUser() {
        assertThatThrownBy(() -> trace.traceUser("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDecoratorsTraceWhatIsReceivedAndSentOnTheMessagePath() throws Exception {
        MemoryNetwork network = new MemoryNetwork();
        List<Inbound> handled = new ArrayList<>();
        TransportLayer server = trace.tracing(network.endpoint(SERVER, trace.tracing(handled::add)));
        List<Inbound> atPhone = new ArrayList<>();
        TransportLayer phone = network.endpoint(ALICE_PHONE, atPhone::add);
        trace.traceAddress(InetAddress.getByName("192.0.2.10"));

        SipRequest options = request("OPTIONS", "server", "alice", "server");
        phone.send(options, new Target(Transport.UDP, SERVER, "127.0.0.1"));
        network.deliverAll();
        Source from = handled.get(0).source();
        server.respond(SipResponse.responseTo((SipRequest) handled.get(0).message(), 200).build(), from);
        server.send(request("NOTIFY", "alice", "server", "alice"), new Target(Transport.UDP, ALICE_PHONE, "phone"));
        network.deliverAll();

        assertThat(atPhone).hasSize(2);
        assertThat(messages()).hasSize(3);
        assertThat(messages().get(0)).startsWith("received from UDP /192.0.2.10:5070");
        assertThat(messages().get(1)).startsWith("sent to UDP /192.0.2.10:5070:\nSIP/2.0 200");
        assertThat(messages().get(2)).startsWith("sent to UDP /192.0.2.10:5070:\nNOTIFY");
        assertThat(server.stats()).isNotNull();
        server.close();
        phone.close();
    }
}
