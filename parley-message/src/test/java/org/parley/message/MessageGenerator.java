package org.parley.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes random but valid SIP messages from a seed, and says what a parser must read back from them
 * ({@link GeneratedMessage}). The same seed always gives the same messages.
 *
 * <p>What varies: requests with known and extension methods (tokens with {@code !%*_+`'~}) and
 * Request-URIs of several schemes; responses with any code 100..699 and empty, default or UTF-8
 * reason phrases; the SIP version's case; known headers in long or compact form and random case;
 * extension headers; values with quoted strings (commas, escapes), angle brackets, parameters with
 * and without values, UTF-8 display names; whitespace before and after the colon and after the
 * value; folded values (RFC 3261 §7.3.1), including a value that starts on a continuation line;
 * CRLF, bare-LF or mixed line ends; bodies of text or random bytes (NUL, CR and LF included) with a
 * correct Content-Length written in various ways, or none. Not thread-safe.
 */
final class MessageGenerator {
    private static final String[] KNOWN_METHODS = {
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO",
        "REFER", "MESSAGE", "UPDATE",
    };
    private static final String ODD_TOKEN_CHARS = "!%*_+`'~-.";
    private static final int MAX_HEADERS = 30;
    private static final int MAX_BODY = 1200;

    private final SplittableRandom r;
    private final HeaderValueGenerator values;
    /** 0: CRLF everywhere, 1: bare LF everywhere, 2: a random choice per line. */
    private int lineEnds;

    MessageGenerator(long seed) {
        this.r = new SplittableRandom(seed);
        this.values = new HeaderValueGenerator(r);
    }

    /** The generator's random source, for a test's own choices (chunk sizes, pings). */
    SplittableRandom random() {
        return r;
    }

    /** A message to send as one datagram: Content-Length correct, or absent so the body runs to the end. */
    GeneratedMessage datagram() {
        return message(r.nextInt(4) != 0);
    }

    /** A message to send over a stream: Content-Length present unless the body is empty. */
    GeneratedMessage streamMessage() {
        return message(true);
    }

    private GeneratedMessage message(boolean wantLength) {
        int mode = r.nextInt(10);
        lineEnds = mode < 6 ? 0 : mode < 8 ? 1 : 2;
        Method method = null;
        String uri = null;
        int code = 0;
        String reason = null;
        String startLine;
        if (r.nextBoolean()) {
            method = Method.of(method());
            uri = values.requestUri();
            startLine = method.name() + " " + uri + " " + version();
        } else {
            code = r.nextInt(100, 700);
            reason = reason(code);
            boolean noSp = reason.isEmpty() && r.nextInt(3) == 0;
            startLine = version() + " " + code + (noSp ? "" : " " + reason);
        }
        byte[] body = body();
        List<GeneratedMessage.Header> headers = headers();
        if (wantLength || body.length == 0 && r.nextBoolean()) {
            addContentLength(headers, body.length);
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream(1024 + body.length);
        write(wire, startLine + eol());
        for (GeneratedMessage.Header h : headers) {
            writeHeader(wire, h);
        }
        write(wire, eol());
        wire.writeBytes(body);
        return new GeneratedMessage(wire.toByteArray(), startLine, method, uri, code, reason, List.copyOf(headers),
                body);
    }

    private String method() {
        if (r.nextBoolean()) {
            return KNOWN_METHODS[r.nextInt(KNOWN_METHODS.length)];
        }
        StringBuilder m = new StringBuilder(values.token());
        m.insert(r.nextInt(m.length() + 1), ODD_TOKEN_CHARS.charAt(r.nextInt(ODD_TOKEN_CHARS.length())));
        return m.toString();
    }

    private String version() {
        return r.nextInt(10) == 0 ? (r.nextBoolean() ? "sip/2.0" : "Sip/2.0") : "SIP/2.0";
    }

    private String reason(int code) {
        return switch (r.nextInt(8)) {
            case 0 -> "";
            case 1, 2 -> StatusCode.reasonPhrase(code);
            case 3 -> "= 2**3 * 5**2 " + values.text();
            case 4 -> " " + values.text();
            default -> values.text();
        };
    }

    private List<GeneratedMessage.Header> headers() {
        int n = r.nextInt(4) == 0 ? r.nextInt(0, 4) : r.nextInt(0, MAX_HEADERS);
        List<GeneratedMessage.Header> headers = new ArrayList<>(n + 2);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(3) == 0) {
                String name = extensionName();
                HeaderValueGenerator.Value v = values.extension();
                headers.add(new GeneratedMessage.Header(name, HeaderName.of(name), v.text(), v.elements()));
            } else {
                HeaderName known = KnownHeaders.ALL.get(r.nextInt(KnownHeaders.ALL.size()));
                if (known.equals(HeaderName.CONTENT_LENGTH)) {
                    known = HeaderName.SUBJECT;
                }
                HeaderValueGenerator.Value v = values.known(known);
                headers.add(new GeneratedMessage.Header(spell(known), known, v.text(), v.elements()));
            }
        }
        return headers;
    }

    /** Adds one Content-Length line, sometimes two with the same number, at random places. */
    private void addContentLength(List<GeneratedMessage.Header> headers, int length) {
        int copies = r.nextInt(10) == 0 ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            String value = (r.nextInt(8) == 0 ? "00" : "") + length;
            headers.add(r.nextInt(headers.size() + 1),
                    new GeneratedMessage.Header(spell(HeaderName.CONTENT_LENGTH), HeaderName.CONTENT_LENGTH, value,
                            List.of(value)));
        }
    }

    /** The header's long or compact name, in random case. */
    private String spell(HeaderName h) {
        if (h.compactForm().isPresent() && r.nextInt(3) == 0) {
            char c = h.compactForm().get();
            return String.valueOf(r.nextBoolean() ? c : Character.toUpperCase(c));
        }
        return randomCase(h.name());
    }

    private String randomCase(String name) {
        return switch (r.nextInt(4)) {
            case 0 -> name.toLowerCase(Locale.ROOT);
            case 1 -> name.toUpperCase(Locale.ROOT);
            case 2 -> {
                StringBuilder s = new StringBuilder(name);
                for (int i = 0; i < s.length(); i++) {
                    if (r.nextBoolean()) {
                        char c = s.charAt(i);
                        s.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                    }
                }
                yield s.toString();
            }
            default -> name;
        };
    }

    /** A token that names no known header. */
    private String extensionName() {
        for (int attempt = 0; attempt < 10; attempt++) {
            String name = randomCase(switch (r.nextInt(5)) {
                case 0 -> "X-" + values.token();
                case 1 -> "P-" + values.word();
                case 2 -> String.valueOf("ghnpqwz".charAt(r.nextInt(7)));
                case 3 -> values.token();
                default -> "NewFangledHeader";
            });
            byte[] b = name.getBytes(StandardCharsets.US_ASCII);
            if (HeaderName.idOf(b, 0, b.length) == HeaderName.UNKNOWN_ID) {
                return name;
            }
        }
        return "X-Fallback";
    }

    private byte[] body() {
        int kind = r.nextInt(10);
        if (kind < 4) {
            return new byte[0];
        }
        if (kind < 7) {
            StringBuilder text = new StringBuilder();
            int lines = r.nextInt(1, 12);
            for (int i = 0; i < lines; i++) {
                text.append(values.word()).append('=').append(values.text()).append(r.nextInt(5) == 0 ? "\n" : "\r\n");
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = new byte[r.nextInt(1, MAX_BODY)];
        for (int i = 0; i < b.length; i++) {
            b[i] = switch (r.nextInt(8)) {
                case 0 -> 0;
                case 1 -> '\r';
                case 2 -> '\n';
                default -> (byte) r.nextInt(256);
            };
        }
        return b;
    }

    private void writeHeader(ByteArrayOutputStream wire, GeneratedMessage.Header h) {
        StringBuilder line = new StringBuilder(h.name());
        if (r.nextInt(10) == 0) {
            // RFC 3261 §25.1: HCOLON = *( SP / HTAB ) ":" SWS
            line.append(wsp(1, 3));
        }
        line.append(':');
        String value = h.value();
        if (!value.isEmpty() && r.nextInt(20) == 0) {
            // The value starts on a continuation line.
            line.append(wsp(0, 2)).append(eol()).append(wsp(1, 3));
        } else {
            line.append(wsp(0, 2));
        }
        line.append(r.nextInt(6) == 0 ? fold(value) : value);
        if (r.nextInt(10) == 0) {
            line.append(wsp(1, 2));
        }
        write(wire, line.append(eol()).toString());
    }

    /**
     * The value with one or two of its single spaces turned into a line fold: optional whitespace, a
     * line end and 1 to 3 SP or HTAB, which a parser reads back as one SP (RFC 3261 §7.3.1).
     */
    private String fold(String value) {
        List<Integer> spaces = new ArrayList<>();
        for (int i = 1; i + 1 < value.length(); i++) {
            if (value.charAt(i) == ' ' && !Syntax.isWsp(value.charAt(i - 1)) && !Syntax.isWsp(value.charAt(i + 1))) {
                spaces.add(i);
            }
        }
        if (spaces.isEmpty()) {
            return value;
        }
        int first = spaces.get(r.nextInt(spaces.size()));
        int second = spaces.get(r.nextInt(spaces.size()));
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            if (i == first || i == second) {
                out.append(wsp(0, 2)).append(eol()).append(wsp(1, 3));
            } else {
                out.append(value.charAt(i));
            }
        }
        return out.toString();
    }

    private String wsp(int min, int max) {
        int n = r.nextInt(min, max + 1);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(r.nextInt(3) == 0 ? '\t' : ' ');
        }
        return s.toString();
    }

    private String eol() {
        return switch (lineEnds) {
            case 0 -> "\r\n";
            case 1 -> "\n";
            default -> r.nextBoolean() ? "\r\n" : "\n";
        };
    }

    private static void write(ByteArrayOutputStream wire, String text) {
        wire.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
