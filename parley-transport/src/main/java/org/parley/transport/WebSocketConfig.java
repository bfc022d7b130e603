package org.parley.transport;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of SIP over WebSocket (RFC 7118): which request paths a WS listener upgrades, which
 * browser origins it accepts, and the path this layer asks for when it opens a WebSocket itself.
 * The largest WebSocket message accepted is the parser's message bound
 * ({@link org.parley.message.ParserConfig#maxMessageBytes()}), since one message carries one SIP
 * message (RFC 7118 §5.1). Immutable; checked when built.
 *
 * @param paths the request paths (without query) a listener upgrades; another path gets 404
 * @param allowedOrigins the {@code Origin} values a listener accepts, compared without regard to
 *     case; empty means any. A handshake without {@code Origin} comes from a non-browser client
 *     and is accepted: the check guards against web pages of other sites (RFC 6455 §10.2)
 * @param outboundPath the request path of WebSocket connections this layer opens
 */
public record WebSocketConfig(List<String> paths, List<String> allowedOrigins, String outboundPath) {
    /** The WebSocket subprotocol of SIP (RFC 7118 §4, registered in its §10.1). */
    public static final String SUBPROTOCOL = "sip";

    /** 5066: the port SIP servers conventionally listen on for WS (the default; not an RFC number). */
    public static final int DEFAULT_WS_PORT = 5066;

    /** 5067: the conventional WSS listening port next to {@link #DEFAULT_WS_PORT}. */
    public static final int DEFAULT_WSS_PORT = 5067;

    /** Upgrades "/" only, accepts any origin, and opens connections to "/". */
    public static final WebSocketConfig DEFAULT = new WebSocketConfig(List.of("/"), List.of(), "/");

    /** Checks the values and copies the lists. */
    public WebSocketConfig {
        paths = List.copyOf(Objects.requireNonNull(paths, "paths"));
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths must name at least one request path, was empty");
        }
        paths.forEach(p -> checkPath("paths", p));
        allowedOrigins = Objects.requireNonNull(allowedOrigins, "allowedOrigins").stream()
                .map(o -> o.toLowerCase(Locale.ROOT)).toList();
        for (String origin : allowedOrigins) {
            if (origin.isBlank() || origin.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("allowedOrigins entries must be an origin like "
                        + "\"https://example.com\", was \"" + origin + "\"");
            }
        }
        checkPath("outboundPath", outboundPath);
    }

    private static void checkPath(String field, String path) {
        Objects.requireNonNull(path, field);
        boolean plain = path.startsWith("/") && path.chars().noneMatch(c -> c <= ' ' || c >= 0x7f || c == '?'
                || c == '#');
        if (!plain) {
            throw new IllegalArgumentException(field + " must be an absolute request path such as \"/sip\" "
                    + "without query or spaces, was \"" + path + "\"");
        }
    }

    /** True when a handshake with this {@code Origin} header (null when absent) may be accepted. */
    public boolean isOriginAllowed(String origin) {
        return origin == null || allowedOrigins.isEmpty() || allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }
}
