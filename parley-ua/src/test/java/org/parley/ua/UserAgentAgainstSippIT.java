package org.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.message.SipResponse;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;

/**
 * A Parley user agent against SIPp on loopback: registering to, messaging and pinging
 * {@code uas-requests.xml}, and answering the MD5 digest challenge of {@code uas-digest.xml},
 * which SIPp checks with its verifyauth. Skipped when SIPp is missing, unless {@code CI=true}
 * (STYLE.md §9).
 */
class UserAgentAgainstSippIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final long WAIT_SECONDS = 10;

    @BeforeAll
    static void needsSipp() {
        Assumptions.assumeTrue(Sipp.isInstalled() || "true".equals(System.getenv("CI")),
                "sipp is not installed (Debian package " + Sipp.PACKAGE + "); skipping");
    }

    private static UserAgent alice(boolean withPassword) {
        UserAgentBuilder b = UserAgent.builder().identity("sip:alice@127.0.0.1").listen("udp:127.0.0.1:0");
        if (withPassword) {
            b.account("alice", "secret");
        }
        return b.start();
    }

    @Test
    void registersMessagesAndPingsSipp() throws Exception {
        // The removal reuses the registration's Call-ID (RFC 3261 §10.2.4); SIPp keeps the Call-ID of an
        // ended call for a while and would drop it as a stray, unless told to forget ended calls at once.
        try (SippProcess sipp = Sipp.resource("uas-requests.xml").calls(4)
                .args("-deadcall_wait", "0").start(); UserAgent ua = alice(false)) {
            String registrar = "sip:127.0.0.1:" + sipp.localPort();
            Registration r = ua.register(registrar,
                    RegistrationOptions.defaults().withExpires(Duration.ofSeconds(120)));
            List<Binding> bindings = r.start().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(bindings).singleElement().satisfies(b -> {
                assertThat(b.isOurs()).isTrue();
                assertThat(b.expires()).isEqualTo(Duration.ofSeconds(120));
            });

            String bob = "sip:bob@127.0.0.1:" + sipp.localPort();
            SipResponse sent = ua.message(bob, "hello SIPp").get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(sent.statusCode()).isEqualTo(200);
            SipResponse pong = ua.options(bob).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.allow()).isNotEmpty();

            r.unregister().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(r.state()).isEqualTo(RegistrationState.UNREGISTERED);

            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).isEqualTo(4);
            assertThat(result.messages()).contains("hello SIPp", "Expires: 120", "expires=0");
        }
    }

    @Test
    void registersAndMessagesThroughSippsMd5Challenge() throws Exception {
        try (SippProcess sipp = Sipp.resource("uas-digest.xml").set("password", "secret").calls(2).start();
                UserAgent ua = alice(true)) {
            Registration r = ua.register("sip:127.0.0.1:" + sipp.localPort());
            assertThat(r.start().get(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
            assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
            SipResponse sent = ua.message("sip:bob@127.0.0.1:" + sipp.localPort(), "authenticated")
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(sent.statusCode()).isEqualTo(200);

            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).isEqualTo(2);
            assertThat(result.messages()).contains("SIP/2.0 401", "algorithm=MD5", "response=");
            r.close();
        }
    }

    @Test
    void reportsTheRefusalOfAWrongPassword() throws Exception {
        try (SippProcess sipp = Sipp.resource("uas-digest.xml").set("password", "other").calls(1).start();
                UserAgent ua = alice(true)) {
            Registration r = ua.register("sip:127.0.0.1:" + sipp.localPort());
            Throwable failure = r.start().handle((b, e) -> e).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(failure).isInstanceOf(RegistrationException.class);
            assertThat(((RegistrationException) failure).status()).isEqualTo(403);
            assertThat(r.state()).isEqualTo(RegistrationState.FAILED);
            sipp.awaitExit(LIMIT);
        }
    }
}
