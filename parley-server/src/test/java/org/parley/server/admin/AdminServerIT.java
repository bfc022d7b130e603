package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.server.log.LogLevels;
import org.parley.server.log.MessageTrace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link AdminServer} on 127.0.0.1, an ephemeral port, through {@link HttpClient}. */
class AdminServerIT {
    private static final String TOKEN = "test-token-0123456789_abcdef";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FixedView view = new FixedView();
    private final MessageTrace trace = new MessageTrace();
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private AdminServer server;

    @BeforeEach
    void start() throws IOException {
        server = AdminServer.start(new AdminConfig(new InetSocketAddress("127.0.0.1", 0)), AdminToken.of(TOKEN), view,
                () -> "# TYPE parley_test gauge\nparley_test 1.0\n", trace, LogLevels.ofLogback());
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + path)).timeout(TIMEOUT).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path) throws Exception {
        return call(method, path, "Bearer " + TOKEN, null);
    }

    private JsonNode body(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return json.readTree(response.body());
    }

    @Test
    void bindsAnEphemeralLoopbackPort() {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.address().getPort()).isPositive();
    }

    @Test
    void healthIsUpWithoutATokenAnd503WhileStartingOrStopping() throws Exception {
        HttpResponse<String> up = call("GET", "/health", null, null);
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"up\"}");
        view.health = Health.STARTING;
        HttpResponse<String> starting = call("GET", "/health", null, null);
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(body(starting).get("status").asString()).isEqualTo("starting");
        view.health = Health.STOPPING;
        assertThat(body(call("GET", "/health", null, null)).get("status").asString()).isEqualTo("stopping");
    }

    @Test
    void servesMetricsAsPrometheusTextWithoutAToken() throws Exception {
        HttpResponse<String> r = call("GET", "/metrics", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("parley_test 1.0");
    }

    @Test
    void refusesTheApiWithoutTheRightBearerToken() throws Exception {
        for (String auth : new String[] {null, "Bearer wrong-token-0123456789", "Basic " + TOKEN, "Bearer",
            "Bearer " + TOKEN + "x"}) {
            HttpResponse<String> r = call("GET", "/api/registrations", auth, null);
            assertThat(r.statusCode()).as("Authorization: %s", auth).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"parley\"");
            assertThat(body(r).get("error").asString()).isNotBlank();
        }
        assertThat(call("GET", "/api/no-such-thing", null, null).statusCode()).as("paths are not revealed")
                .isEqualTo(401);
        assertThat(call("GET", "/api/calls", "bearer " + TOKEN, null).statusCode()).as("scheme in any case")
                .isEqualTo(200);
    }

    @Test
    void answers404ForUnknownPaths() throws Exception {
        HttpResponse<String> r = api("GET", "/api/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(body(r).get("error").asString()).isEqualTo("no such path: /api/nothing");
        assertThat(call("GET", "/", null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/metrics/x", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void answers405WithAllowForAMethodThePathDoesNotTake() throws Exception {
        HttpResponse<String> r = api("POST", "/api/registrations");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        assertThat(body(r).get("error").asString()).contains("POST is not allowed on /api/registrations");
        HttpResponse<String> trace = api("POST", "/api/trace");
        assertThat(trace.headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
        assertThat(call("DELETE", "/metrics", null, null).statusCode()).isEqualTo(405);
    }

    @Test
    void listsRegistrationsWithTheirFields() throws Exception {
        view.registrations = List.of(
                new RegistrationEntry("sip:alice@example.test", "<sip:alice@192.0.2.10:5070>;expires=3600", 3599,
                        "UDP 192.0.2.10:5070", "baresip 3.20"),
                new RegistrationEntry("sip:bob@example.test", "<sip:bob@192.0.2.20:5070>", 60, "TCP 192.0.2.20:40000",
                        ""));
        JsonNode r = body(api("GET", "/api/registrations"));
        assertThat(r.get("count").asInt()).isEqualTo(2);
        JsonNode alice = r.get("registrations").get(0);
        assertThat(alice.get("aor").asString()).isEqualTo("sip:alice@example.test");
        assertThat(alice.get("contact").asString()).isEqualTo("<sip:alice@192.0.2.10:5070>;expires=3600");
        assertThat(alice.get("expires").asLong()).isEqualTo(3599);
        assertThat(alice.get("source").asString()).isEqualTo("UDP 192.0.2.10:5070");
        assertThat(alice.get("userAgent").asString()).isEqualTo("baresip 3.20");
        assertThat(view.lastLimit).isEqualTo(AdminApi.DEFAULT_LIMIT);

        assertThat(body(api("GET", "/api/registrations?limit=1")).get("count").asInt()).isEqualTo(1);
        assertThat(view.lastLimit).isEqualTo(1);
    }

    @Test
    void refusesABadLimitOrAnUnknownParameterWith400NamingIt() throws Exception {
        for (String q : new String[] {"limit=0", "limit=10001", "limit=ten", "limit=1&limit=2"}) {
            HttpResponse<String> r = api("GET", "/api/registrations?" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(body(r).get("error").asString()).as(q).contains("limit");
        }
        HttpResponse<String> unknown = api("GET", "/api/registrations?sort=aor");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown).get("error").asString())
                .isEqualTo("unknown parameter 'sort', expected one of [limit]");
    }

    @Test
    void answers503WhenTheStoreFails() throws Exception {
        view.registrationsAnswer = CompletableFuture.failedFuture(new IllegalStateException("Redis is gone"));
        HttpResponse<String> r = api("GET", "/api/registrations");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(body(r).get("error").asString()).isEqualTo("the location store failed: Redis is gone");
    }

    @Test
    void reportsTransactionsAndCalls() throws Exception {
        view.live = 7;
        JsonNode tx = body(api("GET", "/api/transactions"));
        assertThat(tx.get("live").asInt()).isEqualTo(7);
        assertThat(tx.propertyNames()).containsExactly("live", "clientStarted", "serverStarted", "retransmissions",
                "timeouts", "transportErrors", "strays", "unreadable", "refusedResponses", "failovers",
                "mergedRequests");

        view.calls = List.of(new CallEntry("c1@host", "sip:alice@example.test", "sip:bob@example.test",
                Instant.parse("2026-11-22T03:00:00Z")));
        JsonNode calls = body(api("GET", "/api/calls"));
        assertThat(calls.get("count").asInt()).isEqualTo(1);
        JsonNode call = calls.get("calls").get(0);
        assertThat(call.get("callId").asString()).isEqualTo("c1@host");
        assertThat(call.get("from").asString()).isEqualTo("sip:alice@example.test");
        assertThat(call.get("to").asString()).isEqualTo("sip:bob@example.test");
        assertThat(call.get("started").asString()).isEqualTo("2026-11-22T03:00:00Z");
    }

    @Test
    void switchesTracingPerAddressAndUser() throws Exception {
        assertThat(body(api("GET", "/api/trace")).get("on").asBoolean()).isFalse();
        JsonNode on = body(api("PUT", "/api/trace?address=192.0.2.10"));
        assertThat(on.get("on").asBoolean()).isTrue();
        assertThat(on.get("addresses").get(0).asString()).isEqualTo("192.0.2.10");
        assertThat(trace.isOn()).isTrue();
        api("PUT", "/api/trace?address=%5B::1%5D");
        JsonNode users = body(api("PUT", "/api/trace?user=alice"));
        assertThat(users.get("users").get(0).asString()).isEqualTo("alice");
        assertThat(users.get("addresses")).hasSize(2);

        JsonNode removed = body(api("DELETE", "/api/trace?address=192.0.2.10"));
        assertThat(removed.get("addresses")).hasSize(1);
        JsonNode cleared = body(api("DELETE", "/api/trace"));
        assertThat(cleared.get("on").asBoolean()).isFalse();
        assertThat(trace.isOn()).isFalse();
    }

    @Test
    void refusesATraceRuleThatIsNotAnAddressOrNamesBoth() throws Exception {
        HttpResponse<String> name = api("PUT", "/api/trace?address=example.com");
        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(body(name).get("error").asString()).isEqualTo(
                "address must be an IPv4 or IPv6 address, was 'example.com'");
        assertThat(api("PUT", "/api/trace?address=999.1.1.1").statusCode()).isEqualTo(400);
        assertThat(api("PUT", "/api/trace?address=1.2.3.4&user=bob").statusCode()).isEqualTo(400);
        assertThat(api("PUT", "/api/trace").statusCode()).isEqualTo(400);
        assertThat(api("PUT", "/api/trace?user=").statusCode()).isEqualTo(400);
        assertThat(trace.isOn()).isFalse();
    }

    @Test
    void setsALogLevelAtRunTime() throws Exception {
        String logger = "org.parley.server.admin.test.levels";
        HttpResponse<String> set = call("PUT", "/api/log-level", "Bearer " + TOKEN,
                "{\"logger\":\"" + logger + "\",\"level\":\"debug\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(body(set).get("level").asString()).isEqualTo("DEBUG");
        assertThat(org.slf4j.LoggerFactory.getLogger(logger).isDebugEnabled()).isTrue();
        assertThat(body(api("GET", "/api/log-level?logger=" + logger)).get("level").asString()).isEqualTo("DEBUG");
        call("PUT", "/api/log-level", "Bearer " + TOKEN, "{\"logger\":\"" + logger + "\",\"level\":\"INFO\"}");
    }

    @Test
    void refusesABadLogLevelBodyWith400Or413() throws Exception {
        String[][] cases = {
            {"not json", "the body is not JSON"},
            {"[1,2]", "the body must be a JSON object"},
            {"{\"level\":\"LOUD\"}", "\"LOUD\""},
            {"{\"logger\":\"org.parley\"}", "the body needs \"level\""},
            {"{\"level\":\"INFO\",\"colour\":\"red\"}", "unknown key \"colour\", expected [level, logger]"},
            {"{\"level\":3}", "\"level\" must be a string"},
            {"{\"logger\":\"a b\",\"level\":\"INFO\"}", "\"a b\""},
            {"", "the body"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = call("PUT", "/api/log-level", "Bearer " + TOKEN, c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(body(r).get("error").asString()).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> big = call("PUT", "/api/log-level", "Bearer " + TOKEN,
                "{\"level\":\"" + "x".repeat(AdminServer.MAX_BODY_BYTES) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
    }
}
