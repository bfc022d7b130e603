package org.parley.proxy.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.proxy.registrar.Registers.SOURCE;
import static org.parley.proxy.registrar.Registers.register;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.message.HeaderName;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Contact;
import org.parley.proxy.auth.DigestConfig;
import org.parley.proxy.auth.DigestServer;
import org.parley.proxy.auth.MemorySubscriberStore;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.testkit.VirtualClock;
import org.parley.ua.auth.DigestAlgorithm;

class RegistrarTest {
    private final VirtualClock clock = new VirtualClock();
    private final MemoryLocationStore store = new MemoryLocationStore(clock);
    private final RegistrarConfig config = RegistrarConfig.forDomain("example.com")
            .withExpires(Duration.ofSeconds(60), Duration.ofSeconds(3600), Duration.ofSeconds(7200))
            .withMaxBindingsPerAor(2);
    private final Registrar registrar = Registrar.open(config, store, clock);

    private SipResponse handle(SipRequest r) {
        var f = registrar.handle(r, SOURCE);
        assertThat(f).isDone();
        return f.join();
    }

    private List<String> contacts(SipResponse r) {
        return r.contacts().stream().map(Contact::toString).toList();
    }

    @Test
    void registersAndListsEveryBindingWithItsRemainingExpiryAndADate() {
        SipResponse ok = handle(register(1, "<sip:alice@10.0.0.1>;expires=120", "<sip:alice@10.0.0.2>")
                .add(HeaderName.EXPIRES, "300").add(HeaderName.USER_AGENT, "phone/1").build());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.toTag()).isPresent();
        assertThat(contacts(ok)).containsExactly("<sip:alice@10.0.0.1>;expires=120",
                "<sip:alice@10.0.0.2>;expires=300");
        assertThat(ok.header(HeaderName.DATE)).hasValue("Thu, 01 Jan 2026 00:00:00 GMT");
        assertThat(ok.supported()).contains("path", "outbound");

        clock.advance(Duration.ofSeconds(20));
        SipResponse query = handle(register(2).build());
        assertThat(contacts(query)).containsExactly("<sip:alice@10.0.0.1>;expires=100",
                "<sip:alice@10.0.0.2>;expires=280");
        var stored = store.lookup(new AddressOfRecord("alice", "example.com")).join();
        assertThat(stored.get(0).source()).isEqualTo(SOURCE);
        assertThat(stored.get(0).userAgent()).hasValue("phone/1");
    }

    @Test
    void bindingsShareTheDomainAndUserAgentStringsInsteadOfCopyingThem() {
        handle(register(1, "<sip:alice@10.0.0.1>").add(HeaderName.USER_AGENT, "phone/1").build());
        SipRequest bob = register("bob", "bob-1", 1, "<sip:bob@10.0.0.2>").add(HeaderName.USER_AGENT, "phone/1")
                .build();
        assertThat(handle(bob).statusCode()).isEqualTo(200);

        Binding a = store.lookup(new AddressOfRecord("alice", "example.com")).join().get(0);
        Binding b = store.lookup(new AddressOfRecord("bob", "example.com")).join().get(0);
        // Heap per binding (issue #6): one domain string, one User-Agent value, whatever the requests held.
        assertThat(a.aor().domain()).isSameAs(b.aor().domain());
        assertThat(a.userAgent()).isSameAs(b.userAgent()).hasValue("phone/1");
    }

    @Test
    void theDefaultExpiryAppliesAndLongRequestsAreShortened() {
        assertThat(contacts(handle(register(1, "<sip:alice@h1>").build())))
                .containsExactly("<sip:alice@h1>;expires=3600");
        assertThat(contacts(handle(register(2, "<sip:alice@h1>;expires=99999").build())))
                .containsExactly("<sip:alice@h1>;expires=7200");
    }

    @Test
    void aTooBriefExpiryGets423WithMinExpiresAndChangesNothing() {
        SipResponse brief = handle(register(1, "<sip:alice@h1>;expires=3600", "<sip:alice@h2>;expires=30").build());
        assertThat(brief.statusCode()).isEqualTo(423);
        assertThat(brief.minExpires()).hasValue(60);
        assertThat(store.count().join().bindings()).isZero();
    }

    @Test
    void aDomainNotServedGets404() {
        SipResponse r = handle(register(1, "<sip:alice@h1>").requestUri("sip:other.org").build());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.reasonPhrase()).isEqualTo("Not Found - domain not served");
    }

    @Test
    void aToOfAnotherDomainGets404() {
        SipResponse r = handle(register(1, "<sip:alice@h1>").set(HeaderName.TO, "<sip:alice@other.org>").build());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnsupportedRequireGets420NamingIt() {
        SipResponse r = handle(register(1, "<sip:alice@h1>").add(HeaderName.REQUIRE, "path, foo").build());
        assertThat(r.statusCode()).isEqualTo(420);
        assertThat(r.unsupported()).containsExactly("foo");
    }

    @Test
    void wildcardRemovesEveryBindingOnlyAloneWithExpiresZero() {
        handle(register(1, "<sip:alice@h1>", "<sip:alice@h2>").build());
        assertThat(handle(register(2, "*").build()).statusCode()).isEqualTo(400);
        assertThat(handle(register(3, "*").add(HeaderName.EXPIRES, "60").build()).statusCode()).isEqualTo(400);
        assertThat(handle(register(4, "*", "<sip:alice@h3>").add(HeaderName.EXPIRES, "0").build()).statusCode())
                .isEqualTo(400);
        SipResponse removed = handle(register(5, "*").add(HeaderName.EXPIRES, "0").build());
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.contacts()).isEmpty();
        assertThat(store.count().join().bindings()).isZero();
    }

    @Test
    void anOutOfOrderRefreshIsRefusedAndChangesNothing() {
        handle(register(5, "<sip:alice@h1>;expires=600").build());
        SipResponse late = handle(register(4, "<sip:alice@h1>;expires=0").build());
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(contacts(handle(register(6).build()))).containsExactly("<sip:alice@h1>;expires=600");
        // A new Call-ID (the phone restarted) is not ordered against the old one.
        assertThat(handle(register("alice", "c2", 1, "<sip:alice@h1>;expires=0").build()).contacts()).isEmpty();
    }

    @Test
    void qValuesAreKeptAndReturned() {
        SipResponse ok = handle(register(1, "<sip:alice@h1>;q=0.5").build());
        assertThat(ok.contacts().get(0).qThousandths()).hasValue(500);
    }

    @Test
    void morethanThePerRecordLimitGets403WithAReason() {
        SipResponse r = handle(register(1, "<sip:alice@h1>", "<sip:alice@h2>", "<sip:alice@h3>").build());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.reasonPhrase()).contains("more than 2 bindings");
    }

    @Test
    void aFullStoreGets503WithRetryAfter() {
        Registrar small = Registrar.open(config, new MemoryLocationStore(clock, 1), clock);
        small.handle(register(1, "<sip:alice@h1>").build(), SOURCE).join();
        SipResponse r = small.handle(register("bob", "c9", 1, "<sip:bob@h1>").set(HeaderName.FROM,
                "<sip:bob@example.com>;tag=x").build(), SOURCE).join();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.header(HeaderName.RETRY_AFTER)).hasValue("60");
    }

    @Test
    void pathIsStoredAndReturnedToAClientThatSupportsIt() {
        SipResponse ok = handle(register(1, "<sip:alice@h1>").addFirst(HeaderName.VIA,
                "SIP/2.0/UDP edge.example.com;branch=z9hG4bKedge").add(HeaderName.PATH, "<sip:edge.example.com;lr>")
                .add(HeaderName.SUPPORTED, "path").build());
        assertThat(ok.paths()).extracting(a -> a.uri().toString()).containsExactly("sip:edge.example.com;lr");
        assertThat(store.lookup(new AddressOfRecord("alice", "example.com")).join().get(0).path()).hasSize(1);
        SipResponse noSupport = handle(register(2, "<sip:alice@h1>").add(HeaderName.PATH,
                "<sip:edge.example.com;lr>").build());
        assertThat(noSupport.paths()).isEmpty();
    }

    @Test
    void aNewFlowOfTheSameInstanceAndRegIdReplacesTheOldOne() {
        String ob = ";+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-000000000001>\";reg-id=1";
        SipResponse first = handle(register(1, "<sip:alice@10.0.0.1:5060;transport=tcp>" + ob).build());
        assertThat(first.require()).containsExactly("outbound");
        SipResponse second = handle(register("alice", "c2", 1, "<sip:alice@10.0.0.1:6000;transport=tcp>" + ob)
                .build());
        assertThat(second.contacts()).hasSize(1);
        assertThat(second.contacts().get(0).address().orElseThrow().uri().toString())
                .isEqualTo("sip:alice@10.0.0.1:6000;transport=tcp");
    }

    @Test
    void outboundBehindAHopWithoutObGets439() {
        String ob = ";+sip.instance=\"<urn:uuid:00000000-0000-0000-0000-000000000001>\";reg-id=1";
        SipResponse r = handle(register(1, "<sip:alice@10.0.0.1>" + ob).addFirst(HeaderName.VIA,
                "SIP/2.0/UDP edge.example.com;branch=z9hG4bKedge").add(HeaderName.SUPPORTED, "outbound").build());
        assertThat(r.statusCode()).isEqualTo(439);
    }

    @Test
    void bindingsExpireAtTheRightVirtualTime() {
        handle(register(1, "<sip:alice@h1>;expires=60").build());
        clock.advance(Duration.ofMillis(59_999));
        assertThat(store.removeExpired()).isZero();
        assertThat(handle(register(2).build()).contacts()).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(store.removeExpired()).isEqualTo(1);
        assertThat(handle(register(3).build()).contacts()).isEmpty();
    }

    @Test
    void anAuthenticatedUserMayChangeOnlyTheirOwnRecord() {
        MemorySubscriberStore users = new MemorySubscriberStore();
        users.put(Subscriber.withPassword("alice", "example.com", "secret", List.of(DigestAlgorithm.SHA_256))).join();
        Registrar guarded = Registrar.authenticating(config, store, new DigestServer(
                DigestConfig.defaults().withMatchFromIdentity(false), users, clock), clock);
        SipRequest forBob = register(1, "<sip:alice@h1>").set(HeaderName.TO, "<sip:bob@example.com>").build();
        SipResponse challenge = guarded.handle(forBob, SOURCE).join();
        assertThat(challenge.statusCode()).isEqualTo(401);
        SipRequest answered = Registers.answer(forBob, challenge.wwwAuthenticate().get(0), "alice", "secret", 1);
        SipResponse r = guarded.handle(answered, SOURCE).join();
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.reasonPhrase()).isEqualTo("Forbidden - alice may not register sip:bob@example.com");
        assertThat(store.count().join().bindings()).isZero();
    }
}
