package org.parley.server.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.parley.server.log.LogLevels;
import org.parley.server.log.MessageTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin HTTP server (issue #8), on the JDK's {@link HttpServer} with a virtual thread per request:
 *
 * <pre>
 *   GET  /metrics                Prometheus text (no token; bind it to loopback or firewall it)
 *   GET  /health                 200 {"status":"up"}, 503 {"status":"starting"|"stopping"} (no token)
 *   GET  /api/registrations      [?limit=1..10000] {"count", "registrations":[{aor, contact, expires, source,
 *                                userAgent}]}
 *   GET  /api/transactions       {"live", "clientStarted", "serverStarted", "retransmissions", ...}
 *   GET  /api/calls              {"count", "calls":[{callId, from, to, started}]}
 *   GET|PUT|DELETE /api/trace    ?address=IP or ?user=NAME: {"on", "addresses", "users"}
 *   GET|PUT /api/log-level       PUT {"logger":"org.parley","level":"DEBUG"}: {"logger", "level"}
 * </pre>
 *
 * <p>Everything under {@code /api/} needs {@code Authorization: Bearer TOKEN} (RFC 6750 §2.1): without it or
 * with another token the answer is 401 with {@code WWW-Authenticate: Bearer} (RFC 6750 §3), whatever the
 * path. Errors are JSON {@code {"error": "..."}} naming the problem: 400 for a bad parameter or body, 404 for
 * an unknown path, 405 (with {@code Allow}, RFC 9110 §15.5.6) for a method the path does not take, 413 for a
 * body over {@value #MAX_BODY_BYTES} bytes, 503 when a store does not answer in time, 500 for a fault of ours
 * (logged at ERROR).
 *
 * <p>Thread-safe: requests run on virtual threads, concurrently; the endpoints read the thread-safe view.
 */
public final class AdminServer implements AutoCloseable {
    /** The largest request body read. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final String JSON = "application/json";
    /** The Prometheus text exposition format. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** What a path allows, and whether it needs the token. */
    private record Route(Set<String> methods, boolean needsToken, Endpoint endpoint) {
    }

    /** One endpoint: its answer's status, content type and body. */
    @FunctionalInterface
    private interface Endpoint {
        Reply handle(ApiRequest request) throws IOException;
    }

    private record Reply(int status, String contentType, byte[] body) {
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final AdminToken token;
    private final ServerView view;
    private final MetricsSource metrics;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<String, Route> routes;

    private AdminServer(HttpServer http, ExecutorService executor, AdminToken token, ServerView view,
            MetricsSource metrics, MessageTrace trace, LogLevels levels) {
        this.http = http;
        this.executor = executor;
        this.token = token;
        this.view = view;
        this.metrics = metrics;
        AdminApi api = new AdminApi(view, trace, levels, json);
        this.routes = Map.of(
                "/metrics", new Route(Set.of("GET"), false, r -> metrics()),
                "/health", new Route(Set.of("GET"), false, r -> health()),
                "/api/registrations", new Route(Set.of("GET"), true, r -> ok(api.registrations(r))),
                "/api/transactions", new Route(Set.of("GET"), true, r -> ok(api.transactions(r))),
                "/api/calls", new Route(Set.of("GET"), true, r -> ok(api.calls(r))),
                "/api/trace", new Route(Set.of("GET", "PUT", "DELETE"), true, r -> ok(api.trace(r))),
                "/api/log-level", new Route(Set.of("GET", "PUT"), true, r -> ok(api.logLevel(r))));
    }

    /**
     * Binds {@code config}'s address and starts serving.
     *
     * @throws IOException when the address cannot be bound, naming it
     */
    public static AdminServer start(AdminConfig config, AdminToken token, ServerView view, MetricsSource metrics,
            MessageTrace trace, LogLevels levels) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(levels, "levels");
        HttpServer http;
        try {
            http = HttpServer.create(config.address(), 0);
        } catch (IOException e) {
            throw new IOException("cannot bind the admin HTTP server to " + config.address() + ": " + e.getMessage(),
                    e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        AdminServer server = new AdminServer(http, executor, token, view, metrics, trace, levels);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("admin HTTP on http://{}", server.address());
        return server;
    }

    /** The bound address, with the port actually bound. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            String allow = "";
            try {
                reply = route(exchange);
            } catch (ApiException e) {
                reply = error(e.status, e.getMessage());
                allow = e.allow;
            } catch (RuntimeException e) {
                LOG.error("admin {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
                reply = error(500, "internal error: " + e);
            }
            if (reply.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"parley\"");
            }
            if (!allow.isEmpty()) {
                exchange.getResponseHeaders().set("Allow", allow);
            }
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length == 0 ? -1
                    : reply.body().length);
            if (!head && reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("admin client went away: {}", e.toString());
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Route route = routes.get(path);
        if (path.startsWith("/api/") || route != null && route.needsToken()) {
            authorize(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        if (route == null) {
            throw new ApiException(404, "no such path: " + path);
        }
        if (!route.methods().contains(method)) {
            String allow = String.join(", ", route.methods().stream().sorted().toList());
            throw new ApiException(405, method + " is not allowed on " + path + "; allowed: " + allow, allow);
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.length() > 9) {
            throw new ApiException(413, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        ApiRequest request = new ApiRequest(method, path, ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                () -> ApiRequest.readBounded(exchange.getRequestBody(), MAX_BODY_BYTES));
        return route.endpoint().handle(request);
    }

    /** RFC 6750 §2.1: {@code Bearer TOKEN}, the scheme in any case; compared in constant time. */
    private void authorize(String header) {
        if (header == null) {
            throw new ApiException(401, "this path needs 'Authorization: Bearer TOKEN' (the token is in the "
                    + AdminToken.FILE_NAME + " file of the data directory)");
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw new ApiException(401, "the Authorization scheme must be Bearer");
        }
        if (!token.matches(header.substring(space + 1).strip())) {
            throw new ApiException(401, "wrong token");
        }
    }

    private Reply metrics() {
        return new Reply(200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private Reply health() {
        Health h = view.health();
        return json(h == Health.UP ? 200 : 503, AdminApi.object("status", h.label()));
    }

    private Reply ok(Object value) {
        return json(200, value);
    }

    private Reply error(int status, String message) {
        return json(status, AdminApi.object("error", message));
    }

    private Reply json(int status, Object value) {
        return new Reply(status, JSON, json.writeValueAsBytes(value));
    }

    /** Stops listening, closes open exchanges and waits for the running requests (each bounded by its waits). */
    @Override
    public void close() {
        http.stop(0);
        executor.close();
    }
}
