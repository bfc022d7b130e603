package org.parley.sdp;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses session descriptions (RFC 8866 §5, §9).
 *
 * <p><b>Strict</b> on structure: {@code v=0} first, then {@code o=} and {@code s=}, the session lines in
 * the RFC's order ({@code v o s i u e p c b t r z k a}), at least one {@code t=}, each media description
 * ({@code m i c b k a}) after the session part, a connection for every media description (RFC 8866
 * §5.7), and no type letter the RFC does not define (RFC 8866 §5: a parser must reject those).
 * <b>Lenient</b> where interoperability needs it: lines may end in LF alone, trailing spaces and tabs
 * are dropped, blank lines at the end are ignored, the last line may lack its line end, an empty
 * {@code s=} is accepted (RFC 8866 §5.3 wants a space at least; some user agents send nothing), and a
 * rejected stream (port 0) needs no connection. <b>Bounded</b>: a description over {@code maxBytes}
 * or {@code maxLines} is refused before any work proportional to its size beyond one scan.
 *
 * <p>Every problem raises one {@link SdpParseException} naming the line number and field.
 * Immutable and thread-safe.
 */
public final class SdpParser {
    /** Default size bound: 64 KiB, far above any real description and below a UDP datagram's limit. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Default line bound: room for hundreds of ICE candidates (RFC 8839) in a description. */
    public static final int DEFAULT_MAX_LINES = 4096;

    /** A parser with the default bounds. */
    public static final SdpParser DEFAULT = new SdpParser(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES);

    private static final String SESSION_ORDER = "vosiuepcbtrzkam";
    private static final String MEDIA_ORDER = "micbka";
    private static final String SESSION_REPEATABLE = "epbtra";
    private static final String MEDIA_REPEATABLE = "cba";

    private final int maxBytes;
    private final int maxLines;

    /**
     * Creates a parser with these bounds.
     *
     * @param maxBytes the largest description accepted, > 0
     * @param maxLines the most lines accepted, > 0
     */
    public SdpParser(int maxBytes, int maxLines) {
        if (maxBytes <= 0 || maxLines <= 0) {
            throw new IllegalArgumentException("bounds must be > 0, were maxBytes=" + maxBytes + " maxLines="
                + maxLines);
        }
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }

    /**
     * Parses a session description.
     *
     * @throws SdpParseException naming the line and field of the first problem
     */
    public SessionDescription parse(byte[] sdp) {
        if (sdp.length > maxBytes) {
            throw new SdpParseException("description of " + sdp.length + " bytes is over the limit of " + maxBytes,
                -1, '\0');
        }
        String text = decode(sdp);
        List<String> lines = split(text);
        if (lines.isEmpty()) {
            throw new SdpParseException("empty session description", -1, '\0');
        }
        return new Run(lines).parse();
    }

    private static String decode(byte[] sdp) {
        try {
            // RFC 8866 §5: text is UTF-8 unless a=charset says otherwise; undecodable bytes are refused.
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(sdp)).toString();
        } catch (CharacterCodingException e) {
            throw new SdpParseException("description is not valid UTF-8", -1, '\0');
        }
    }

    private List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? text.length() : lf;
            if (lines.size() == maxLines) {
                throw new SdpParseException("more than " + maxLines + " lines", maxLines + 1, '\0');
            }
            lines.add(trimEnd(text.substring(start, end)));
            start = end + 1;
        }
        // Blank lines at the end (a stray extra CRLF) are ignored.
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static String trimEnd(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        // Interop: trailing spaces and tabs are dropped (RFC 8866 §9 allows none).
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** One parse: the position in the lines and the parts collected so far. Confined to the caller. */
    private static final class Run {
        private final List<String> lines;
        private int number;
        private char type;
        private SessionDescription.Builder session;
        private MediaDescription.Builder media;
        private final List<MediaDescription> done = new ArrayList<>();
        private long timingStart = -1;
        private long timingStop;
        private final List<String> repeats = new ArrayList<>();
        private boolean hasSessionConnection;
        private int sessionRank = -1;
        private final List<Integer> mediaLineNumbers = new ArrayList<>();

        Run(List<String> lines) {
            this.lines = lines;
        }

        SessionDescription parse() {
            try {
                return parseLines();
            } catch (SdpParseException e) {
                // Values parsed out of context carry neither line nor field: place them here.
                throw e.lineNumber() < 0 && e.field() == '\0' ? e.at(number, type) : e;
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(e.getMessage(), -1, '\0').at(number, type);
            }
        }

        private SessionDescription parseLines() {
            int mediaRank = -1;
            for (String line : lines) {
                number++;
                type = line.isEmpty() ? '?' : line.charAt(0);
                if (line.length() < 2 || line.charAt(1) != '=' || type < 'a' || type > 'z') {
                    throw fail("expected \"<letter>=<value>\", got \"" + shorten(line) + "\"");
                }
                String value = line.substring(2);
                if (!Syntax.isText(value)) {
                    throw fail("the value holds a NUL character");
                }
                if (number == 1 && type != 'v') {
                    throw fail("a session description starts with v=0 (RFC 8866 §5.1)");
                }
                if (media == null && type != 'm') {
                    sessionRank = checkOrder(SESSION_ORDER, sessionRank, "session");
                    session(value);
                } else {
                    if (type == 'm') {
                        if (media == null) {
                            checkRequiredBefore(sessionRank);
                        }
                        mediaRank = -1;
                        sessionRank = SESSION_ORDER.indexOf('m');
                    }
                    mediaRank = checkOrder(MEDIA_ORDER, mediaRank, "media");
                    media(value);
                }
            }
            return finish();
        }

        private int checkOrder(String order, int previous, String level) {
            int rank = order.indexOf(type);
            if (rank < 0) {
                String known = "vosiuepcbtrzkam".indexOf(type) < 0 ? "unknown type letter" : "not allowed in a "
                    + level + " description";
                throw fail(known + " (RFC 8866 §5 order: " + String.join(" ", order.split("")) + ")");
            }
            boolean repeatable = (order == SESSION_ORDER ? SESSION_REPEATABLE : MEDIA_REPEATABLE).indexOf(type) >= 0;
            boolean timeAfterRepeat = type == 't' && previous == order.indexOf('r');
            if (rank < previous && !timeAfterRepeat || rank == previous && !repeatable) {
                throw fail("out of order or repeated (RFC 8866 §5 order: " + String.join(" ", order.split(""))
                    + ")");
            }
            if (type == 'r' && previous != order.indexOf('t') && previous != rank) {
                throw fail("r= must follow a t= line (RFC 8866 §5.10)");
            }
            if (order == SESSION_ORDER) {
                checkRequiredBefore(previous);
            }
            return rank;
        }

        private void checkRequiredBefore(int previous) {
            int rank = SESSION_ORDER.indexOf(type);
            if (rank > 0 && previous < 0) {
                throw fail("a session description starts with v=0 (RFC 8866 §5.1)");
            }
            if (rank > 1 && previous < 1) {
                throw fail("o= is required after v= (RFC 8866 §5.2)");
            }
            if (rank > 2 && previous < 2) {
                throw fail("s= is required after o= (RFC 8866 §5.3)");
            }
            if (rank > SESSION_ORDER.indexOf('r') && previous < SESSION_ORDER.indexOf('t')) {
                throw fail("at least one t= line is required (RFC 8866 §5.9)");
            }
        }

        private void session(String value) {
            switch (type) {
                case 'v' -> {
                    if (!"0".equals(value)) {
                        throw fail("version must be 0 (RFC 8866 §5.1), got \"" + shorten(value) + "\"");
                    }
                }
                case 'o' -> session = SessionDescription.builder(origin(value));
                case 's' -> session.sessionName(value);
                case 'i' -> session.info(value);
                case 'u' -> session.uri(value);
                case 'e' -> session.addEmail(nonEmpty(value));
                case 'p' -> session.addPhone(nonEmpty(value));
                case 'c' -> {
                    session.connection(Connection.parse(value));
                    hasSessionConnection = true;
                }
                case 'b' -> session.addBandwidth(Bandwidth.parse(value));
                case 't' -> timing(value);
                case 'r' -> repeats.add(nonEmpty(value));
                case 'z' -> session.timeZones(nonEmpty(value));
                case 'k' -> session.key(value);
                case 'a' -> session.addAttribute(Attribute.parse(value));
                default -> throw fail("unexpected");
            }
            if (type != 't' && type != 'r') {
                flushTiming();
            }
        }

        private void media(String value) {
            switch (type) {
                case 'm' -> {
                    flushTiming();
                    flushMedia();
                    media = mediaLine(value);
                }
                case 'i' -> media.info(value);
                case 'c' -> media.addConnection(Connection.parse(value));
                case 'b' -> media.addBandwidth(Bandwidth.parse(value));
                case 'k' -> media.key(value);
                case 'a' -> media.addAttribute(Attribute.parse(value));
                default -> throw fail("unexpected");
            }
        }

        private Origin origin(String value) {
            String[] p = value.split(" ", -1);
            if (p.length != 6 || !Syntax.isDigits(p[1]) || !Syntax.isDigits(p[2])) {
                throw fail("expected \"<username> <sess-id> <sess-version> IN IP4|IP6 <address>\", got \""
                    + shorten(value) + "\"");
            }
            return new Origin(p[0], p[1], new BigInteger(p[2]), p[3], p[4], p[5]);
        }

        private void timing(String value) {
            flushTiming();
            String[] p = value.split(" ", -1);
            long start = p.length == 2 ? Syntax.number(p[0], 18) : -1;
            long stop = p.length == 2 ? Syntax.number(p[1], 18) : -1;
            if (start < 0 || stop < 0) {
                throw fail("expected \"<start> <stop>\" in NTP seconds, got \"" + shorten(value) + "\"");
            }
            timingStart = start;
            timingStop = stop;
        }

        private void flushTiming() {
            if (timingStart >= 0) {
                session.addTiming(new Timing(timingStart, timingStop, repeats));
                timingStart = -1;
                repeats.clear();
            }
        }

        private MediaDescription.Builder mediaLine(String value) {
            String[] p = value.split(" ", -1);
            if (p.length < 4) {
                throw fail("expected \"<media> <port>[/<count>] <proto> <fmt> ...\", got \"" + shorten(value) + "\"");
            }
            int slash = p[1].indexOf('/');
            long port = Syntax.number(slash < 0 ? p[1] : p[1].substring(0, slash), 5);
            long count = slash < 0 ? -1 : Syntax.number(p[1].substring(slash + 1), 5);
            if (port < 0 || port > 65535 || (slash >= 0 && count < 1)) {
                throw fail("port must be 0..65535 with an optional /<count>, got \"" + shorten(p[1]) + "\"");
            }
            MediaDescription.Builder b = MediaDescription.builder(p[0], (int) port, p[2]).portCount((int) count);
            for (int i = 3; i < p.length; i++) {
                b.addFormat(p[i]);
            }
            b.build();
            mediaLineNumbers.add(number);
            return b;
        }

        private void flushMedia() {
            if (media != null) {
                done.add(media.build());
                media = null;
            }
        }

        private SessionDescription finish() {
            flushTiming();
            flushMedia();
            if (sessionRank < SESSION_ORDER.indexOf('t')) {
                char missing = sessionRank < 1 ? 'o' : sessionRank < 2 ? 's' : 't';
                throw new SdpParseException("incomplete session description: " + missing + "= is missing"
                    + " (v=, o=, s= and t= are required, RFC 8866 §5)", -1, missing);
            }
            checkConnections();
            return session.media(done).build();
        }

        private void checkConnections() {
            if (hasSessionConnection) {
                return;
            }
            for (int i = 0; i < done.size(); i++) {
                MediaDescription m = done.get(i);
                if (m.connections().isEmpty() && !m.isRejected()) {
                    int line = mediaLineNumbers.get(i);
                    throw new SdpParseException("line " + line + " (m=): media description " + (i + 1)
                        + " has no c= line and there is no session-level one (RFC 8866 §5.7)", line, 'm');
                }
            }
        }

        private String nonEmpty(String value) {
            if (value.isEmpty()) {
                throw fail("value must not be empty");
            }
            return value;
        }

        private SdpParseException fail(String problem) {
            return new SdpParseException(problem, -1, type).at(number, type);
        }

        private static String shorten(String s) {
            return s.length() <= 60 ? s : s.substring(0, 60) + "...";
        }
    }
}
