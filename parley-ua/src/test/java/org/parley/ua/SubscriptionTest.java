package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

class SubscriptionTest {
    private static final String NOTIFIER_CONTACT = "<sip:notifier@127.0.0.2:5060>";
    private final UaTestbed bed = new UaTestbed();
    private final List<Notification> notifications = new ArrayList<>();
    private final List<String> endings = new ArrayList<>();
    private long notifyCseq;

    @AfterEach
    void close() {
        bed.close();
    }

    /** The notifier's answer to a SUBSCRIBE: 200 with its tag, Contact and the expiry asked for, or {@code grant}. */
    private static SipResponse accept(SipRequest subscribe, long grant) {
        return SipResponse.responseTo(subscribe, 200)
                .set(HeaderName.TO, subscribe.to().withTag("n1").toString())
                .add(HeaderName.CONTACT, NOTIFIER_CONTACT)
                .add(HeaderName.EXPIRES, Long.toString(Math.min(grant, subscribe.expires().orElse(grant))))
                .build();
    }

    private Subscription subscribe(long grant) {
        bed.respond(req -> req.method().equals(Method.SUBSCRIBE) && req.toTag().isEmpty() ? accept(req, grant)
                : req.method().equals(Method.SUBSCRIBE) ? SipResponse.responseTo(req, 200)
                        .add(HeaderName.EXPIRES, req.expires().orElseThrow() + "").build() : null);
        Subscription s = bed.ua.subscribe("sip:bob@example.com", "presence", "application/pidf+xml",
                Duration.ofSeconds(600));
        s.onNotify(notifications::add);
        s.onTerminated(endings::add);
        return s;
    }

    /** A NOTIFY of dialog n1 to the subscription's first SUBSCRIBE. */
    private SipRequest notify(String state, String body) {
        SipRequest subscribe = bed.requests().get(0);
        String contact = subscribe.contacts().get(0).address().orElseThrow().uri().toString();
        var b = SipRequest.builder(Method.NOTIFY, contact)
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, subscribe.to().withTag("n1").toString())
                .add(HeaderName.TO, subscribe.from().toString())
                .add(HeaderName.CALL_ID, subscribe.callId())
                .add(HeaderName.CSEQ, (++notifyCseq) + " NOTIFY")
                .add(HeaderName.CONTACT, NOTIFIER_CONTACT)
                .add(HeaderName.EVENT, "presence");
        if (state != null) {
            b.add(HeaderName.SUBSCRIPTION_STATE, state);
        }
        if (body != null) {
            b.body("application/pidf+xml", body);
        }
        return b.build();
    }

    private int peerNotifies(SipRequest notify) {
        List<SipResponse> answers = bed.peerSends(notify);
        assertThat(answers).hasSize(1);
        return answers.get(0).statusCode();
    }

    @Test
    void subscribesAndHandsEachNotifyToTheListener() {
        Subscription s = subscribe(600);
        CompletableFuture<SipResponse> first = s.start();
        bed.settle();

        assertThat(first.join().statusCode()).isEqualTo(200);
        SipRequest subscribe = bed.requests().get(0);
        assertThat(subscribe.method()).isEqualTo(Method.SUBSCRIBE);
        assertThat(subscribe.event().orElseThrow().eventPackage()).isEqualTo("presence");
        assertThat(subscribe.header(HeaderName.ACCEPT)).hasValue("application/pidf+xml");
        assertThat(subscribe.expires()).hasValue(600);
        assertThat(subscribe.contacts()).hasSize(1);

        assertThat(peerNotifies(notify("active;expires=600", "<presence/>"))).isEqualTo(200);
        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.text()).isEqualTo("<presence/>");
            assertThat(n.state().isActive()).isTrue();
        });
        assertThat(s.state()).hasValueSatisfying(st -> assertThat(st.isActive()).isTrue());
        assertThat(s.isTerminated()).isFalse();
    }

    @Test
    void takesANotifyThatComesBeforeTheTwoHundred() {
        bed.respond(req -> null);
        Subscription s = bed.ua.subscribe("sip:bob@example.com", "presence", "", Duration.ofSeconds(120));
        s.onNotify(notifications::add);
        CompletableFuture<SipResponse> first = s.start();
        bed.settle();
        assertThat(first).isNotDone();

        // RFC 6665 §4.1.2.4: the NOTIFY may overtake the 2xx; it makes the dialog.
        assertThat(peerNotifies(notify("pending;expires=120", null))).isEqualTo(200);
        assertThat(notifications).hasSize(1);

        bed.received.get(0).respond(accept(bed.requests().get(0), 120));
        bed.settle();
        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(peerNotifies(notify("active;expires=120", "x"))).isEqualTo(200);
        assertThat(notifications).hasSize(2);
        assertThat(bed.requests().get(0).header(HeaderName.ACCEPT)).isEmpty();
    }

    @Test
    void refreshesWithinTheDialogBeforeItExpires() {
        Subscription s = subscribe(120);
        s.start();
        bed.settle();

        bed.advance(Duration.ofMillis(59_999));
        assertThat(bed.requests()).hasSize(1);
        bed.advance(Duration.ofMillis(2));
        assertThat(bed.requests()).hasSize(2);
        SipRequest refresh = bed.lastRequest();
        assertThat(refresh.method()).isEqualTo(Method.SUBSCRIBE);
        assertThat(refresh.requestUriText()).isEqualTo("sip:notifier@127.0.0.2:5060");
        assertThat(refresh.toTag()).hasValue("n1");
        assertThat(refresh.callId()).isEqualTo(bed.requests().get(0).callId());
        assertThat(refresh.cseq().number()).isEqualTo(2);
        assertThat(refresh.event().orElseThrow().eventPackage()).isEqualTo("presence");
        assertThat(refresh.expires()).hasValue(600);
        assertThat(s.isTerminated()).isFalse();
    }

    @Test
    void unsubscribesWithExpiresZeroAndEndsOnTheFinalNotify() {
        Subscription s = subscribe(600);
        s.start();
        bed.settle();
        CompletableFuture<Void> ended = s.unsubscribe();
        bed.settle();

        SipRequest removal = bed.lastRequest();
        assertThat(removal.expires()).hasValue(0);
        assertThat(removal.toTag()).hasValue("n1");
        assertThat(ended).isNotDone();

        assertThat(peerNotifies(notify("terminated;reason=timeout", null))).isEqualTo(200);
        assertThat(ended).isDone();
        assertThat(endings).containsExactly("timeout");
        assertThat(s.isTerminated()).isTrue();
    }

    @Test
    void endsAnUnsubscribeWithoutAFinalNotifyAfter64T1() {
        Subscription s = subscribe(600);
        s.start();
        bed.settle();
        CompletableFuture<Void> ended = s.unsubscribe();
        bed.advance(Duration.ofMillis(31_999));
        assertThat(ended).isNotDone();
        bed.advance(Duration.ofMillis(2));

        assertThat(ended).isDone();
        assertThat(endings).containsExactly("unsubscribed");
    }

    @Test
    void endsOnATerminatedNotifyAndRefusesLaterOnes() {
        Subscription s = subscribe(600);
        s.start();
        bed.settle();

        assertThat(peerNotifies(notify("terminated;reason=noresource", null))).isEqualTo(200);
        assertThat(s.isTerminated()).isTrue();
        assertThat(endings).containsExactly("noresource");
        assertThat(peerNotifies(notify("active", null))).isEqualTo(481);
        bed.advance(Duration.ofSeconds(600));
        assertThat(bed.requests()).hasSize(1);
    }

    @Test
    void endsWhenTheSubscribeIsRefused() {
        bed.respond(req -> SipResponse.responseTo(req, 404).set(HeaderName.TO, req.to().withTag("x").toString())
                .build());
        Subscription s = bed.ua.subscribe("sip:bob@example.com", "presence", "", Duration.ofSeconds(60));
        s.onTerminated(endings::add);
        CompletableFuture<SipResponse> first = s.start();
        bed.settle();

        assertThat(first.join().statusCode()).isEqualTo(404);
        assertThat(s.isTerminated()).isTrue();
        assertThat(endings).containsExactly("refused 404");
    }

    @Test
    void answers489ToANotifyOfAnotherPackageAnd400WithoutSubscriptionState() {
        Subscription s = subscribe(600);
        s.start();
        bed.settle();

        SipRequest other = notify("active", null).toBuilder().set(HeaderName.EVENT, "dialog").build();
        assertThat(peerNotifies(other)).isEqualTo(489);
        assertThat(peerNotifies(notify(null, null))).isEqualTo(400);
        assertThat(notifications).isEmpty();
        assertThat(s.isTerminated()).isFalse();
    }

    @Test
    void endsWhenARefreshIsAnswered481() {
        Subscription s = subscribe(120);
        s.start();
        bed.settle();
        bed.respond(req -> SipResponse.responseTo(req, 481).build());
        bed.advance(Duration.ofMillis(60_001));

        assertThat(s.isTerminated()).isTrue();
        assertThat(endings).containsExactly("refresh failed 481");
    }

    @Test
    void endsAtExpiryWhenRefreshesGoUnanswered() {
        Subscription s = subscribe(120);
        s.start();
        bed.settle();
        bed.respond(req -> SipResponse.responseTo(req, 500).build());
        bed.advance(Duration.ofMillis(120_001));

        assertThat(s.isTerminated()).isTrue();
        assertThat(endings).containsExactly("expired");
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> bed.ua.subscribe("sip:bob@example.com", "presence", "", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..2^32-1");
        assertThatThrownBy(() -> bed.ua.subscribe("sip:bob@example.com", "pres ence;", "", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event package");
        assertThatThrownBy(() -> bed.ua.subscribe("<<", "presence", "", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
