package org.parley.server.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.message.SipParseException;
import org.parley.message.uri.Host;
import org.parley.server.log.LogLevels;
import org.parley.server.log.MessageTrace;
import org.parley.transaction.TransactionStats;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The JSON endpoints under {@code /api/}: each takes the request and answers a value that
 * {@link AdminServer} writes as JSON, or throws an {@link ApiException} naming the problem. Thread-safe:
 * stateless over a thread-safe view, trace and log levels.
 */
final class AdminApi {
    /** Registrations listed when the request names no limit. */
    static final int DEFAULT_LIMIT = 1_000;
    /** The most registrations one request may ask for. */
    static final int MAX_LIMIT = 10_000;
    /** How long an endpoint waits for a store before answering 503. */
    static final Duration STORE_WAIT = Duration.ofSeconds(5);

    private final ServerView view;
    private final MessageTrace trace;
    private final LogLevels levels;
    private final ObjectMapper json;

    AdminApi(ServerView view, MessageTrace trace, LogLevels levels, ObjectMapper json) {
        this.view = view;
        this.trace = trace;
        this.levels = levels;
        this.json = json;
    }

    /** {@code GET /api/registrations[?limit=N]}. */
    Map<String, Object> registrations(ApiRequest r) {
        r.allowOnly(Set.of("limit"));
        int limit = r.param("limit").map(AdminApi::limit).orElse(DEFAULT_LIMIT);
        List<RegistrationEntry> list = await(view.registrations(limit), "the location store");
        return object("count", list.size(), "registrations", list);
    }

    private static int limit(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        throw new ApiException(400, "limit must be 1.." + MAX_LIMIT + ", was '" + text + "'");
    }

    /** {@code GET /api/transactions}: the live count and the layer's counters (RFC 3261 §17). */
    Map<String, Object> transactions(ApiRequest r) {
        r.allowOnly(Set.of());
        int live = await(view.liveTransactions(), "the transaction layer");
        TransactionStats s = view.transactionStats();
        return object("live", live, "clientStarted", s.clientTransactions(), "serverStarted",
                s.serverTransactions(), "retransmissions", s.retransmissions(), "timeouts", s.timeouts(),
                "transportErrors", s.transportErrors(), "strays", s.strays(), "unreadable", s.unreadable(),
                "refusedResponses", s.refusedResponses(), "failovers", s.failovers(), "mergedRequests",
                s.mergedRequests());
    }

    /** {@code GET /api/calls}. */
    Map<String, Object> calls(ApiRequest r) {
        r.allowOnly(Set.of());
        List<Map<String, Object>> calls = new ArrayList<>();
        for (CallEntry c : view.calls()) {
            calls.add(object("callId", c.callId(), "from", c.from(), "to", c.to(), "started", c.started().toString()));
        }
        return object("count", calls.size(), "calls", calls);
    }

    /**
     * {@code GET /api/trace}; {@code PUT /api/trace?address=IP} or {@code ?user=NAME} adds a rule;
     * {@code DELETE} with one of them removes it, without any clears every rule. Answers the rules now.
     */
    Map<String, Object> trace(ApiRequest r) {
        r.allowOnly(Set.of("address", "user"));
        Optional<String> address = r.param("address");
        Optional<String> user = r.param("user");
        switch (r.method()) {
            case "GET" -> {
                if (!r.query().isEmpty()) {
                    throw new ApiException(400, "GET /api/trace takes no parameters");
                }
            }
            case "PUT" -> {
                requireOne(address, user);
                address.map(AdminApi::ipLiteral).ifPresent(trace::traceAddress);
                user.map(AdminApi::user).ifPresent(trace::traceUser);
            }
            default -> {
                if (address.isPresent() && user.isPresent()) {
                    requireOne(address, user);
                }
                if (address.isEmpty() && user.isEmpty()) {
                    trace.clear();
                }
                address.map(AdminApi::ipLiteral).ifPresent(trace::untraceAddress);
                user.map(AdminApi::user).ifPresent(trace::untraceUser);
            }
        }
        MessageTrace.Rules rules = trace.rules();
        return object("on", trace.isOn(), "addresses",
                rules.addresses().stream().map(InetAddress::getHostAddress).toList(), "users", rules.users());
    }

    private static void requireOne(Optional<String> address, Optional<String> user) {
        if (address.isPresent() == user.isPresent()) {
            throw new ApiException(400, "give exactly one of the parameters 'address' (an IP address) or 'user'");
        }
    }

    /** An IP address literal, never looked up in DNS. */
    static InetAddress ipLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            Host host = Host.parse(bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare);
            if (host.isIpAddress()) {
                // A literal (checked just above): no DNS query is made.
                return InetAddress.getByName(bare);
            }
        } catch (SipParseException | IllegalArgumentException | UnknownHostException e) {
            // Reported below.
        }
        throw new ApiException(400, "address must be an IPv4 or IPv6 address, was '" + text + "'");
    }

    private static String user(String text) {
        if (text.isEmpty() || text.length() > 256) {
            throw new ApiException(400, "user must be 1..256 characters, was '" + text + "'");
        }
        return text;
    }

    /** {@code GET /api/log-level[?logger=NAME]} and {@code PUT /api/log-level} with {"logger", "level"}. */
    Map<String, Object> logLevel(ApiRequest r) throws IOException {
        if (r.method().equals("GET")) {
            r.allowOnly(Set.of("logger"));
            String logger = r.param("logger").orElse("ROOT");
            try {
                return object("logger", logger, "level", levels.level(logger));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
        }
        r.allowOnly(Set.of());
        JsonNode body = readObject(r, Set.of("logger", "level"));
        String logger = body.has("logger") ? text(body, "logger") : "ROOT";
        if (!body.has("level")) {
            throw new ApiException(400, "the body needs \"level\": one of " + LogLevels.LEVELS);
        }
        String level = text(body, "level");
        try {
            return object("logger", logger, "level", levels.set(logger, level));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private JsonNode readObject(ApiRequest r, Set<String> keys) throws IOException {
        byte[] bytes = r.body().read();
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JacksonException e) {
            throw new ApiException(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "the body must be a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!keys.contains(name)) {
                throw new ApiException(400, "unknown key \"" + name + "\", expected " + new TreeSet<>(keys));
            }
        }
        return node;
    }

    private static String text(JsonNode body, String key) {
        JsonNode v = body.get(key);
        if (!v.isString()) {
            throw new ApiException(400, "\"" + key + "\" must be a string, was " + v);
        }
        return v.asString();
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(503, what + " did not answer within " + STORE_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new ApiException(503, what + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while waiting for " + what);
        }
    }

    /** A JSON object with its keys in the order given: name, value, name, value ... */
    static Map<String, Object> object(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
