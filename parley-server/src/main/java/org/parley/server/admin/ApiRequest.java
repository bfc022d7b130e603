package org.parley.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One admin request as the endpoints see it: method, path, decoded query parameters and, read on demand and
 * bounded, the body. Confined to the thread handling the request.
 *
 * @param method the HTTP method
 * @param path the path, undecoded
 * @param query the query parameters, decoded, each with its values in order
 * @param body reads the body (at most {@link AdminServer#MAX_BODY_BYTES})
 */
record ApiRequest(String method, String path, Map<String, List<String>> query, BodySource body) {
    /** Reads the body. */
    @FunctionalInterface
    interface BodySource {
        byte[] read() throws IOException;
    }

    /**
     * Decodes a raw query string ({@code a=1&b=x%20y}).
     *
     * @throws ApiException 400 for a bad percent-encoding
     */
    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "bad percent-encoding in the query: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The single value of parameter {@code name}, if given.
     *
     * @throws ApiException 400 when it is given more than once
     */
    Optional<String> param(String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new ApiException(400, "parameter '" + name + "' given " + values.size() + " times, expected once");
        }
        return Optional.of(values.get(0));
    }

    /**
     * Refuses parameters outside {@code allowed}.
     *
     * @throws ApiException 400 naming the first unknown one
     */
    void allowOnly(Set<String> allowed) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw new ApiException(400, "unknown parameter '" + name + "'"
                        + (allowed.isEmpty() ? ", expected none" : ", expected one of " + new TreeSet<>(allowed)));
            }
        }
    }

    /** Reads at most {@code max} bytes from {@code in}; 413 past that. */
    static byte[] readBounded(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new ApiException(413, "request body over " + max + " bytes");
        }
        return bytes;
    }
}
