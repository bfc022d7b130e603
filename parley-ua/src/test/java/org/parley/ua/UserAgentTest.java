package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Challenge;
import org.parley.transport.ListenerConfig;
import org.parley.transport.Transport;
import org.parley.transport.resolve.LocationException;
import org.parley.ua.auth.DigestAlgorithm;

/** The user agent's core over the memory network: what it sends, and how its UAS answers (RFC 3261 §8). */
class UserAgentTest {
    private UaTestbed bed;

    private UaTestbed bed(java.util.function.Consumer<UserAgentBuilder> settings) {
        bed = new UaTestbed(settings);
        return bed;
    }

    @AfterEach
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    private static SipResponse ok(SipRequest r) {
        return SipResponse.responseTo(r, 200).set(HeaderName.TO, r.to().withTag("p1").toString()).build();
    }

    private <T> T settled(CompletableFuture<T> f) {
        bed.settle();
        assertThat(f).isDone();
        return f.join();
    }

    /** A request from the peer to the user agent, outside any dialog unless {@code toTag} is given. */
    private static SipRequest toUa(String method, String toTag) {
        var b = SipRequest.builder(Method.of(method), "sip:alice@127.0.0.1:5060")
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:bob@example.com>;tag=b1")
                .add(HeaderName.TO, "<sip:alice@example.com>" + (toTag == null ? "" : ";tag=" + toTag))
                .add(HeaderName.CALL_ID, "peer-call-" + method + "@127.0.0.2")
                .add(HeaderName.CSEQ, "1 " + method);
        if (method.equals("INVITE")) {
            b.add(HeaderName.CONTACT, "<sip:bob@127.0.0.2:5060>");
        }
        return b.build();
    }

    private SipResponse answerTo(SipRequest request) {
        List<SipResponse> r = bed.peerSends(request);
        List<SipResponse> finals = r.stream().filter(x -> x.statusCode() >= 200).toList();
        assertThat(finals).hasSize(1);
        return finals.get(0);
    }

    @Test
    void pingsWithOptionsAndStampsTheRequest() {
        bed(b -> { }).respond(UserAgentTest::ok);
        SipResponse pong = settled(bed.ua.options("sip:bob@example.com"));

        assertThat(pong.statusCode()).isEqualTo(200);
        SipRequest sent = bed.lastRequest();
        assertThat(sent.method()).isEqualTo(Method.OPTIONS);
        assertThat(sent.header(HeaderName.ACCEPT)).hasValue("application/sdp");
        assertThat(sent.maxForwards()).hasValue(70);
        assertThat(sent.userAgent()).hasValue(UserAgent.DEFAULT_NAME);
        assertThat(sent.topVia().branch().orElseThrow()).startsWith("z9hG4bK");
        assertThat(sent.topVia().toString()).contains("rport");
        assertThat(sent.from().uri().toString()).isEqualTo("sip:alice@example.com");
        assertThat(sent.from().tag()).isPresent();
        assertThat(sent.contacts()).isEmpty();
    }

    @Test
    void sendsAMessageWithItsTextAndType() {
        bed(b -> { }).respond(UserAgentTest::ok);
        SipResponse r = settled(bed.ua.message("sip:bob@example.com", "héllo"));

        assertThat(r.statusCode()).isEqualTo(200);
        SipRequest sent = bed.lastRequest();
        assertThat(sent.method()).isEqualTo(Method.MESSAGE);
        assertThat(sent.bodyText()).isEqualTo("héllo");
        assertThat(sent.contentType().orElseThrow().toString()).startsWith("text/plain");
    }

    @Test
    void sendsARequestAsBuiltAndHandsBackAnyFinalStatus() {
        bed(b -> { }).respond(r -> SipResponse.responseTo(r, 486).build());
        SipRequest info = bed.ua.newRequest(Method.of("PUBLISH"), "sip:bob@example.com")
                .add(HeaderName.EVENT, "presence").build();
        SipResponse r = settled(bed.ua.send(info));

        assertThat(r.statusCode()).isEqualTo(486);
        assertThat(bed.lastRequest().header(HeaderName.EVENT)).hasValue("presence");
        assertThat(bed.lastRequest().cseq().number()).isEqualTo(1);
        assertThatThrownBy(() -> bed.ua.send(bed.ua.newRequest(Method.ACK, "sip:bob@example.com").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACK");
    }

    @Test
    void handsReceivedMessagesToTheHandlerAfterAnswering200() {
        bed(b -> { });
        List<IncomingMessage> got = new ArrayList<>();
        bed.ua.onMessage(got::add);
        SipRequest message = toUa("MESSAGE", null).toBuilder().body("text/plain;charset=UTF-8", "ping").build();

        assertThat(answerTo(message).statusCode()).isEqualTo(200);
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("ping");
            assertThat(m.from().uri().toString()).isEqualTo("sip:bob@example.com");
        });
    }

    @Test
    void copiesTheRecordRouteOfARequestIntoItsResponse() {
        // RFC 3261 §12.1.1: without it, a record-routing proxy is left out of the dialog.
        bed(b -> { });
        bed.ua.onMessage(m -> { });
        SipRequest message = toUa("MESSAGE", null).toBuilder()
                .add(HeaderName.RECORD_ROUTE, "<sip:127.0.0.9:5060;transport=tcp;lr>")
                .add(HeaderName.RECORD_ROUTE, "<sip:127.0.0.9:5060;lr>").build();

        assertThat(answerTo(message).headerValues(HeaderName.RECORD_ROUTE))
                .containsExactly("<sip:127.0.0.9:5060;transport=tcp;lr>", "<sip:127.0.0.9:5060;lr>");
    }

    @Test
    void refusesMessagesWith480WithoutAHandler() {
        bed(b -> { });
        assertThat(answerTo(toUa("MESSAGE", null)).statusCode()).isEqualTo(480);
    }

    @Test
    void answersOptionsWithAllowAcceptAndSupported() {
        bed(b -> { });
        SipResponse r = answerTo(toUa("OPTIONS", null));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.allow()).contains(Method.INVITE, Method.MESSAGE, Method.OPTIONS, Method.BYE, Method.NOTIFY);
        assertThat(r.header(HeaderName.ACCEPT)).hasValue("application/sdp");
        // RFC 3261 §11.2, §20.37: present, and empty, since no extension is supported yet.
        assertThat(r.hasHeader(HeaderName.SUPPORTED)).isTrue();
        assertThat(r.supported()).isEmpty();
        assertThat(r.toTag()).isPresent();
        assertThat(r.server()).hasValue(UserAgent.DEFAULT_NAME);
    }

    @Test
    void answers481ToRequestsOfUnknownDialogs() {
        bed(b -> { });
        assertThat(answerTo(toUa("BYE", "nosuch")).statusCode()).isEqualTo(481);
        assertThat(answerTo(toUa("INFO", "nosuch")).statusCode()).isEqualTo(481);
        // RFC 6665 §4.1.3: a NOTIFY matching no subscription.
        assertThat(answerTo(toUa("NOTIFY", "nosuch").toBuilder().add(HeaderName.EVENT, "presence")
                .add(HeaderName.SUBSCRIPTION_STATE, "active").build()).statusCode()).isEqualTo(481);
        assertThat(answerTo(toUa("BYE", null)).statusCode()).isEqualTo(481);
    }

    @Test
    void answers480ToACallWithoutAHandler() {
        bed(b -> { });
        assertThat(answerTo(toUa("INVITE", null)).statusCode()).isEqualTo(480);
    }

    @Test
    void refusesAnUnsupportedExtensionWith420NamingIt() {
        bed(b -> { });
        SipResponse r = answerTo(toUa("OPTIONS", null).toBuilder().add(HeaderName.REQUIRE, "foo").build());

        assertThat(r.statusCode()).isEqualTo(420);
        assertThat(r.unsupported()).containsExactly("foo");
    }

    @Test
    void refusesAMethodItDoesNotServeWithAllow() {
        bed(b -> { });
        SipResponse r = answerTo(toUa("SUBSCRIBE", null).toBuilder().add(HeaderName.EVENT, "presence").build());

        // RFC 3261 §8.2.1: a method it knows but does not serve is 405 with Allow.
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.allow()).contains(Method.INVITE).doesNotContain(Method.SUBSCRIBE);
    }

    @Test
    void refusesABodyTypeItCannotReadWith415() {
        bed(b -> { });
        SipResponse r = answerTo(toUa("INVITE", null).toBuilder().body("application/x-foo", "x").build());

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.header(HeaderName.ACCEPT)).isPresent();
    }

    @Test
    void preloadsTheOutboundProxyAsALooseRoute() {
        bed(b -> b.outboundProxy("sip:127.0.0.2:5060")).respond(UserAgentTest::ok);
        settled(bed.ua.message("sip:carol@far.example.net", "hi"));

        SipRequest sent = bed.lastRequest();
        assertThat(sent.requestUriText()).isEqualTo("sip:carol@far.example.net");
        assertThat(sent.routes()).singleElement().satisfies(r -> assertThat(r.uri().toString())
                .isEqualTo("sip:127.0.0.2:5060;lr"));
        assertThat(bed.located).extracting(Object::toString).containsExactly("sip:127.0.0.2:5060;lr");
    }

    @Test
    void sendsATelUriThroughTheOutboundProxy() {
        bed(b -> b.outboundProxy("sip:127.0.0.2:5060;lr")).respond(UserAgentTest::ok);
        assertThat(settled(bed.ua.message("tel:+15551234567", "hi")).statusCode()).isEqualTo(200);
        assertThat(bed.lastRequest().requestUriText()).isEqualTo("tel:+15551234567");
    }

    @Test
    void failsClearlyForATelUriWithoutAProxy() {
        bed(b -> { });
        CompletableFuture<SipResponse> f = bed.ua.message("tel:+15551234567", "hi");
        bed.settle();

        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("outbound proxy");
        assertThat(bed.requests()).isEmpty();
    }

    @Test
    void reportsALocationFailure() {
        bed(b -> { });
        CompletableFuture<SipResponse> f = bed.ua.options("sip:bob@nowhere.invalid");
        bed.settle();

        assertThatThrownBy(f::join).hasCauseInstanceOf(LocationException.class).hasMessageContaining("nowhere.invalid");
    }

    @Test
    void answersA401WithMd5AndQopAuth() {
        TestRegistrar server = new TestRegistrar();
        server.challenge = DigestAlgorithm.MD5;
        bed(b -> b.account(TestRegistrar.USER, TestRegistrar.PASSWORD)).respond(server::answer);

        assertThat(settled(bed.ua.message("sip:bob@example.com", "hi")).statusCode()).isEqualTo(200);
        assertThat(bed.requests()).hasSize(2);
        assertThat(bed.requests().get(1).authorization()).singleElement().satisfies(c -> {
            assertThat(c.param("qop")).hasValue("auth");
            assertThat(c.param("nc")).hasValue("00000001");
            assertThat(c.param("algorithm")).hasValue("MD5");
        });
    }

    @Test
    void answersA401WithSha256() {
        TestRegistrar server = new TestRegistrar();
        server.challenge = DigestAlgorithm.SHA_256;
        bed(b -> b.account(TestRegistrar.USER, TestRegistrar.PASSWORD)).respond(server::answer);

        assertThat(settled(bed.ua.options("sip:bob@example.com")).statusCode()).isEqualTo(200);
        assertThat(bed.requests().get(1).authorization().get(0).param("algorithm")).hasValue("SHA-256");
    }

    @Test
    void answersA407WithProxyAuthorization() {
        bed(b -> b.account("alice", "pw")).respond(r -> r.proxyAuthorization().isEmpty()
                ? SipResponse.responseTo(r, 407).add(HeaderName.PROXY_AUTHENTICATE, Challenge.builder("Digest")
                        .realm("proxy.example.com").nonce("abc").algorithm("SHA-256").qop("auth").build().toString())
                        .build()
                : ok(r));

        assertThat(settled(bed.ua.message("sip:bob@example.com", "hi")).statusCode()).isEqualTo(200);
        SipRequest retry = bed.lastRequest();
        assertThat(retry.proxyAuthorization()).singleElement().satisfies(c -> {
            assertThat(c.realm()).hasValue("proxy.example.com");
            assertThat(c.username()).hasValue("alice");
            assertThat(c.param("algorithm")).hasValue("SHA-256");
        });
        assertThat(retry.cseq().number()).isEqualTo(2);
        assertThat(retry.topVia().branch()).isNotEqualTo(bed.requests().get(0).topVia().branch());
    }

    @Test
    void handsBackTheChallengeWithoutCredentials() {
        TestRegistrar server = new TestRegistrar();
        server.challenge = DigestAlgorithm.MD5;
        bed(b -> { }).respond(server::answer);

        assertThat(settled(bed.ua.options("sip:bob@example.com")).statusCode()).isEqualTo(401);
        assertThat(bed.requests()).hasSize(1);
    }

    @Test
    void parsesListenerSpecs() throws Exception {
        UserAgentBuilder b = UserAgent.builder().listen("udp:[::1]:0").listen("tcp:127.0.0.1:5070");
        assertThat(b.listeners).containsExactly(
                new ListenerConfig(Transport.UDP, new java.net.InetSocketAddress(InetAddress.getByName("::1"), 0)),
                new ListenerConfig(Transport.TCP, new java.net.InetSocketAddress("127.0.0.1", 5070)));
    }

    @Test
    void refusesBadListenerSpecsNamingTheProblem() {
        UserAgentBuilder b = UserAgent.builder();
        assertThatThrownBy(() -> b.listen("udp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRANSPORT:HOST:PORT");
        assertThatThrownBy(() -> b.listen("127.0.0.1:5060")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRANSPORT:HOST:PORT");
        assertThatThrownBy(() -> b.listen("udp::5060")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a numeric address");
        assertThatThrownBy(() -> b.listen("udp:127.0.0.1:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no numeric port");
        assertThatThrownBy(() -> b.listen("udp:localhost:5060")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numeric address");
        assertThatThrownBy(() -> b.listen("udp:[::1:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.identity("<<")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identity");
        assertThatThrownBy(() -> b.outboundProxy("tel:+1555")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sip or sips");
    }
}
