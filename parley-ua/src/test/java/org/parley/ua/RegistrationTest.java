package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Contact;
import org.parley.message.uri.SipUri;
import org.parley.transport.resolve.LocationException;
import org.parley.ua.auth.DigestAlgorithm;

class RegistrationTest {
    private final TestRegistrar registrar = new TestRegistrar();
    private UaTestbed bed;

    private UaTestbed bed() {
        return bed(b -> { });
    }

    private UaTestbed bed(java.util.function.Consumer<UserAgentBuilder> settings) {
        bed = new UaTestbed(settings);
        bed.respond(registrar::answer);
        return bed;
    }

    @AfterEach
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    private static List<Binding> done(CompletableFuture<List<Binding>> f) {
        assertThat(f).isDone();
        return f.join();
    }

    private List<Binding> started(Registration r) {
        CompletableFuture<List<Binding>> first = r.start();
        bed.settle();
        return done(first);
    }

    private static RegistrationException failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RegistrationException.class);
            return (RegistrationException) e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not failed");
    }

    @Test
    void registersTheIdentityAndReportsEveryBindingMarkingOurs() {
        registrar.bindings.put(SipUri.parse("sip:alice@192.0.2.9"), Contact.parse("<sip:alice@192.0.2.9>;expires=900"));
        bed();
        Registration r = bed.ua.register("sip:example.com");
        List<RegistrationState> states = new ArrayList<>();
        r.onStateChange(states::add);
        CompletableFuture<List<Binding>> first = r.start();
        bed.settle();

        List<Binding> bindings = done(first);
        assertThat(bindings).hasSize(2);
        assertThat(bindings.get(0).isOurs()).isFalse();
        assertThat(bindings.get(0).expires()).isEqualTo(Duration.ofSeconds(900));
        assertThat(bindings.get(1).isOurs()).isTrue();
        assertThat(bindings.get(1).uri().toString()).isEqualTo("sip:alice@127.0.0.1:5060");
        assertThat(bindings.get(1).expires()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(states).containsExactly(RegistrationState.REGISTERING, RegistrationState.REGISTERED);

        SipRequest register = bed.lastRequest();
        assertThat(register.requestUriText()).isEqualTo("sip:example.com");
        assertThat(register.to().uri().toString()).isEqualTo("sip:alice@example.com");
        assertThat(register.to().tag()).isEmpty();
        assertThat(register.from().uri().toString()).isEqualTo("sip:alice@example.com");
        assertThat(register.from().tag()).isPresent();
        assertThat(register.cseq().number()).isEqualTo(1);
        assertThat(register.expires()).hasValue(3600);
        assertThat(register.callId()).isEqualTo(r.callId());
        assertThat(r.addressOfRecord().uri().toString()).isEqualTo("sip:alice@example.com");
    }

    @Test
    void refreshesBeforeExpiryWithTheSameCallIdContactAndAHigherCSeq() {
        registrar.maxExpires = 120;
        bed();
        Registration r = bed.ua.register("sip:example.com");
        assertThat(started(r).get(0).expires()).isEqualTo(Duration.ofSeconds(120));
        SipRequest first = bed.lastRequest();

        // 120 s granted: refreshed at 60 s (half of it, under the 60 s margin cap).
        bed.advance(Duration.ofMillis(59_999));
        assertThat(bed.requests()).hasSize(1);
        bed.advance(Duration.ofMillis(2));
        assertThat(bed.requests()).hasSize(2);
        SipRequest refresh = bed.lastRequest();
        assertThat(refresh.callId()).isEqualTo(first.callId());
        assertThat(refresh.fromTag()).isEqualTo(first.fromTag());
        assertThat(refresh.cseq().number()).isEqualTo(2);
        assertThat(refresh.contacts()).isEqualTo(first.contacts());
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);

        bed.advance(Duration.ofSeconds(61));
        assertThat(bed.requests()).hasSize(3);
        assertThat(bed.lastRequest().cseq().number()).isEqualTo(3);
    }

    @Test
    void aReleasedRegistrationIsNeitherRefreshedNorRemovedAtClose() {
        registrar.maxExpires = 120;
        bed();
        Registration r = bed.ua.register("sip:example.com");
        started(r);
        assertThat(r.lastResponse()).hasValueSatisfying(resp -> assertThat(resp.statusCode()).isEqualTo(200));

        r.release();
        bed.settle();
        assertThat(r.state()).isEqualTo(RegistrationState.RELEASED);
        bed.advance(Duration.ofSeconds(200));
        bed.ua.close();
        bed.settle();

        // Only the first REGISTER: no refresh at 60 s, no removal at close.
        assertThat(bed.requests()).hasSize(1);
    }

    @Test
    void refreshesALongGrantOneMinuteBeforeItExpires() {
        assertThat(Registration.refreshMargin(3_600_000)).isEqualTo(60_000);
        assertThat(Registration.refreshMargin(100_000)).isEqualTo(50_000);
        assertThat(Registration.refreshMargin(1_000)).isEqualTo(500);
    }

    @Test
    void backsOffFromThirtySecondsDoublingUpToHalfAnHour() {
        assertThat(Registration.backoffMillis(1)).isEqualTo(30_000);
        assertThat(Registration.backoffMillis(2)).isEqualTo(60_000);
        assertThat(Registration.backoffMillis(6)).isEqualTo(960_000);
        assertThat(Registration.backoffMillis(7)).isEqualTo(1_800_000);
        assertThat(Registration.backoffMillis(1_000)).isEqualTo(1_800_000);
    }

    @Test
    void asksOnceMoreWithTheMinExpiresOfA423() {
        registrar.minExpires = 1800;
        bed();
        Registration r = bed.ua.register("sip:example.com",
                RegistrationOptions.defaults().withExpires(Duration.ofSeconds(60)));
        List<Binding> bindings = started(r);

        assertThat(bed.requests()).hasSize(2);
        assertThat(bed.requests().get(0).expires()).hasValue(60);
        assertThat(bed.requests().get(1).expires()).hasValue(1800);
        assertThat(bed.requests().get(1).cseq().number()).isEqualTo(2);
        assertThat(bed.requests().get(1).callId()).isEqualTo(bed.requests().get(0).callId());
        assertThat(bindings.get(0).expires()).isEqualTo(Duration.ofSeconds(1800));
    }

    @Test
    void failsWhenA423ComesAgainAfterTheRetry() {
        bed();
        long[] min = {100};
        bed.respond(req -> SipResponse.responseTo(req, 423).add(HeaderName.MIN_EXPIRES, Long.toString(min[0] *= 2))
                .build());
        Registration r = bed.ua.register("sip:example.com",
                RegistrationOptions.defaults().withExpires(Duration.ofSeconds(60)));
        CompletableFuture<List<Binding>> first = r.start();
        bed.settle();

        assertThat(failure(first).status()).isEqualTo(423);
        assertThat(bed.requests()).hasSize(2);
        assertThat(r.state()).isEqualTo(RegistrationState.FAILED);
    }

    @Test
    void failsOnA423WithoutALargerMinExpires() {
        bed();
        bed.respond(req -> SipResponse.responseTo(req, 423).build());
        Registration r = bed.ua.register("sip:example.com");
        CompletableFuture<List<Binding>> first = r.start();
        bed.settle();

        assertThat(failure(first)).hasMessageContaining("Min-Expires");
        assertThat(bed.requests()).hasSize(1);
    }

    @Test
    void unregistersWithItsContactAtExpiresZeroAndStopsRefreshing() {
        registrar.bindings.put(SipUri.parse("sip:alice@192.0.2.9"), Contact.parse("<sip:alice@192.0.2.9>;expires=900"));
        registrar.maxExpires = 120;
        bed();
        Registration r = bed.ua.register("sip:example.com");
        started(r);
        CompletableFuture<List<Binding>> removed = r.unregister();
        bed.settle();

        SipRequest removal = bed.lastRequest();
        assertThat(removal.contacts()).hasSize(1);
        assertThat(removal.contacts().get(0).expires()).hasValue(0);
        assertThat(removal.contacts().get(0).address().orElseThrow().uri())
                .isEqualTo(bed.requests().get(0).contacts().get(0).address().orElseThrow().uri());
        assertThat(removal.expires()).hasValue(0);
        assertThat(removal.callId()).isEqualTo(r.callId());
        assertThat(removal.cseq().number()).isEqualTo(2);
        assertThat(done(removed)).singleElement().satisfies(b -> assertThat(b.isOurs()).isFalse());
        assertThat(r.state()).isEqualTo(RegistrationState.UNREGISTERED);

        bed.advance(Duration.ofSeconds(130));
        assertThat(bed.requests()).hasSize(2);
    }

    @Test
    void unregisteringBeforeStartSendsNothing() {
        bed();
        Registration r = bed.ua.register("sip:example.com");
        CompletableFuture<List<Binding>> removed = r.unregister();
        bed.settle();

        assertThat(done(removed)).isEmpty();
        assertThat(bed.requests()).isEmpty();
        assertThat(r.state()).isEqualTo(RegistrationState.UNREGISTERED);
        assertThat(failure(r.start())).hasMessageContaining("unregistered before");
    }

    @Test
    void reportsAFailedRefreshAndRetriesWithBackOffUntilItSucceeds() {
        registrar.maxExpires = 120;
        bed();
        Registration r = bed.ua.register("sip:example.com");
        List<RegistrationException> failures = new ArrayList<>();
        List<RegistrationState> states = new ArrayList<>();
        r.onFailure(failures::add);
        r.onStateChange(states::add);
        started(r);

        registrar.refuseWith = 503;
        bed.advance(Duration.ofMillis(60_001));
        assertThat(failures).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(503));
        assertThat(r.state()).isEqualTo(RegistrationState.RETRYING);

        bed.advance(Duration.ofMillis(29_998));
        assertThat(bed.requests()).hasSize(2);
        bed.advance(Duration.ofMillis(2));
        assertThat(bed.requests()).hasSize(3);
        assertThat(failures).hasSize(2);

        registrar.refuseWith = 0;
        bed.advance(Duration.ofSeconds(60));
        assertThat(bed.requests()).hasSize(4);
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(bed.lastRequest().cseq().number()).isEqualTo(4);
        assertThat(states).containsExactly(RegistrationState.REGISTERING, RegistrationState.REGISTERED,
                RegistrationState.RETRYING, RegistrationState.REGISTERED);
    }

    @Test
    void failsTheFirstResultWhenTheRegistrarRefuses() {
        registrar.refuseWith = 403;
        bed();
        Registration r = bed.ua.register("sip:example.com");
        List<RegistrationException> failures = new ArrayList<>();
        r.onFailure(failures::add);
        CompletableFuture<List<Binding>> first = r.start();
        bed.settle();

        RegistrationException e = failure(first);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.response()).isPresent();
        assertThat(failures).containsExactly(e);
        assertThat(r.state()).isEqualTo(RegistrationState.FAILED);
        bed.advance(Duration.ofSeconds(60));
        assertThat(bed.requests()).hasSize(1);
    }

    @Test
    void failsWith408WhenTheRegistrarNeverAnswers() {
        bed();
        bed.respond(req -> null);
        CompletableFuture<List<Binding>> first = bed.ua.register("sip:example.com").start();
        bed.advance(Duration.ofSeconds(33));

        assertThat(failure(first).status()).isEqualTo(408);
    }

    @Test
    void failsClearlyWhenTheRegistrarDoesNotResolve() {
        bed();
        CompletableFuture<List<Binding>> first = bed.ua.register("sip:registrar.invalid").start();
        bed.settle();

        RegistrationException e = failure(first);
        assertThat(e.status()).isZero();
        assertThat(e).hasCauseInstanceOf(LocationException.class).hasMessageContaining("registrar.invalid");
    }

    @Test
    void answersAnMd5Challenge() {
        assertAuthenticatesWith(DigestAlgorithm.MD5);
    }

    @Test
    void answersASha256Challenge() {
        assertAuthenticatesWith(DigestAlgorithm.SHA_256);
    }

    private void assertAuthenticatesWith(DigestAlgorithm algorithm) {
        registrar.challenge = algorithm;
        bed(b -> b.account(TestRegistrar.USER, TestRegistrar.PASSWORD));
        List<Binding> bindings = started(bed.ua.register("sip:example.com"));

        assertThat(bindings).singleElement().satisfies(b -> assertThat(b.isOurs()).isTrue());
        assertThat(bed.requests()).hasSize(2);
        SipRequest second = bed.requests().get(1);
        assertThat(second.authorization()).singleElement().satisfies(c -> {
            assertThat(c.param("algorithm")).hasValue(algorithm.token());
            assertThat(c.param("qop")).hasValue("auth");
        });
        assertThat(second.cseq().number()).isEqualTo(2);
    }

    @Test
    void retriesOnceMoreForAStaleNonceAndKeepsCSeqsIncreasing() {
        registrar.challenge = DigestAlgorithm.MD5;
        registrar.staleChallenges = 1;
        registrar.maxExpires = 120;
        bed(b -> b.account(TestRegistrar.USER, TestRegistrar.PASSWORD));
        Registration r = bed.ua.register("sip:example.com");
        started(r);

        assertThat(bed.requests()).extracting(q -> q.cseq().number()).containsExactly(1L, 2L, 3L);
        // The refresh after the retries continues from the last CSeq on the wire (RFC 3261 §10.2.4).
        bed.advance(Duration.ofMillis(60_001));
        assertThat(bed.lastRequest().cseq().number()).isGreaterThan(3);
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void failsWith401WhenThePasswordIsWrong() {
        registrar.challenge = DigestAlgorithm.MD5;
        bed(b -> b.account(TestRegistrar.USER, "wrong"));
        CompletableFuture<List<Binding>> first = bed.ua.register("sip:example.com").start();
        bed.settle();

        assertThat(failure(first).status()).isEqualTo(401);
    }

    @Test
    void closingTheUserAgentUnregistersLiveRegistrations() {
        bed();
        Registration r = bed.ua.register("sip:example.com");
        started(r);
        bed.ua.close();
        bed.settle();

        assertThat(bed.requests()).hasSize(2);
        assertThat(bed.lastRequest().expires()).hasValue(0);
        assertThat(registrar.bindings).isEmpty();
    }

    @Test
    void keepsTheContactParametersAcrossRefreshAndRemoval() {
        registrar.maxExpires = 120;
        bed();
        String instance = ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1";
        Registration r = bed.ua.register("sip:example.com", RegistrationOptions.defaults()
                .withContactParameters(instance).withAddressOfRecord("sip:bob@example.com"));
        started(r);
        bed.advance(Duration.ofMillis(60_001));
        r.unregister();
        bed.settle();

        assertThat(bed.requests()).hasSize(3).allSatisfy(q -> {
            assertThat(q.contacts().get(0).instanceId()).hasValue("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>");
            assertThat(q.contacts().get(0).regId()).hasValue(1);
            assertThat(q.to().uri().toString()).isEqualTo("sip:bob@example.com");
        });
    }

    @Test
    void unregisteringWhileTheFirstRegisterIsUnansweredRemovesWhatItMade() {
        bed();
        Registration r = bed.ua.register("sip:example.com");
        CompletableFuture<List<Binding>> first = r.start();
        CompletableFuture<List<Binding>> removed = r.unregister();
        bed.settle();

        assertThat(failure(first)).hasMessageContaining("unregistered before");
        assertThat(done(removed)).isEmpty();
        assertThat(bed.requests()).extracting(q -> q.expires().orElseThrow()).containsExactly(3600L, 0L);
        assertThat(r.state()).isEqualTo(RegistrationState.UNREGISTERED);
    }

    @Test
    void refusesBadOptions() {
        RegistrationOptions d = RegistrationOptions.defaults();
        assertThatThrownBy(() -> d.withExpires(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..2^32-1");
        assertThatThrownBy(() -> d.withContactParameters("q=0.5")).hasMessageContaining("start with ';'");
        assertThatThrownBy(() -> d.withContactParameters(";expires=5")).hasMessageContaining("expires");
        assertThatThrownBy(() -> d.withContactParameters(";q=7")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withAddressOfRecord("<<")).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withContactParameters(";q=0.5").contactParameters()).isEqualTo(";q=0.5");
    }
}
