package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.header.Via;

/**
 * {@link SipMessage#topVia()} reads the plain first Via element from the bytes
 * ({@link Via#parseFirst}) and everything else through {@code Via.parse(HeaderValues.first(...))}:
 * both must give the same Via (equal, same toString) or the same error (status, reason phrase,
 * reason) for every value (RFC 3261 §20.42, §25.1).
 */
class TopViaTest {
    private static final String HEAD = "OPTIONS sip:a@b SIP/2.0\r\n";

    /** What a parse gave: the Via and its wire form, or the error's status, phrase and reason. */
    private record Outcome(Via via, String text, int status, String phrase, String reason) {
        static Outcome of(Via via) {
            return new Outcome(via, via.toString(), 0, null, null);
        }

        static Outcome of(SipParseException e) {
            return new Outcome(null, null, e.statusCode(), e.reasonPhrase(), e.reason());
        }
    }

    /** The message made of {@link #HEAD}, the header lines given (bytes as they are) and an empty line. */
    private static byte[] message(byte[] headerLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEAD.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(headerLines);
        out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Outcome slowPath(SipMessage m) {
        try {
            return Outcome.of(Via.parse(HeaderValues.first("Via", m.header(HeaderName.VIA).orElseThrow())));
        } catch (SipParseException e) {
            return Outcome.of(e);
        }
    }

    private static Outcome topVia(SipMessage m) {
        try {
            return Outcome.of(m.topVia());
        } catch (SipParseException e) {
            return Outcome.of(e);
        }
    }

    /**
     * Checks that both paths agree on the message with these header lines; answers whether the
     * byte scan took the value (false also when the message itself does not parse).
     */
    private static boolean agree(byte[] headerLines, String description) {
        byte[] bytes = message(headerLines);
        SipMessage m;
        try {
            m = SipParser.parse(bytes);
        } catch (SipParseException e) {
            return false;
        }
        if (!m.hasHeader(HeaderName.VIA)) {
            return false;
        }
        Outcome slow = slowPath(m);
        Outcome fast = topVia(SipParser.parse(bytes));
        assertThat(fast).as(description).isEqualTo(slow);
        return rawValue(headerLines).map(v -> {
            Optional<Via> scanned = Via.parseFirst(v, 0, v.length);
            scanned.ifPresent(via -> {
                assertThat(slow.via()).as(description).isEqualTo(via);
                assertThat(slow.text()).as(description).isEqualTo(via.toString());
            });
            return scanned.isPresent();
        }).orElse(false);
    }

    /** The value bytes of a single header line {@code name: value}, when it is one line. */
    private static Optional<byte[]> rawValue(byte[] line) {
        int colon = -1;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\r' || line[i] == '\n') {
                return Optional.empty();
            }
            if (colon < 0 && line[i] == ':') {
                colon = i;
            }
        }
        return colon < 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(line, colon + 1, line.length));
    }

    private static boolean agree(String headerLines) {
        return agree(headerLines.getBytes(StandardCharsets.UTF_8), headerLines);
    }

    // ---- (a) every Via line of the RFC 4475 and RFC 5118 torture messages -------------------------

    /** Each Via line (with its folds, bytes as they are) of every torture message. */
    static List<byte[]> corpusViaLines() {
        List<byte[]> lines = new ArrayList<>();
        for (String folder : List.of(TortureCorpus.RFC4475, TortureCorpus.RFC5118_WIRE)) {
            for (String name : TortureCorpus.names(folder, TortureCorpus.RFC4475.equals(folder) ? 49 : 12)) {
                lines.addAll(viaLines(TortureCorpus.bytes(folder, name)));
            }
        }
        return lines;
    }

    /** The Via header lines of a message's head, continuation lines included (CRLF or LF). */
    private static List<byte[]> viaLines(byte[] msg) {
        List<byte[]> out = new ArrayList<>();
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < msg.length; i++) {
            if (msg[i] == '\n') {
                int end = i > start && msg[i - 1] == '\r' ? i - 1 : i;
                if (end == start) {
                    break;
                }
                lines.add(new int[] {start, end});
                start = i + 1;
            }
        }
        for (int k = 1; k < lines.size(); k++) {
            int[] l = lines.get(k);
            String line = new String(msg, l[0], l[1] - l[0], StandardCharsets.ISO_8859_1);
            int colon = line.indexOf(':');
            if (colon < 0 || Syntax.isWsp(line.charAt(0))) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            if (!name.equalsIgnoreCase("Via") && !name.equalsIgnoreCase("v")) {
                continue;
            }
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.write(msg, l[0], l[1] - l[0]);
            while (k + 1 < lines.size() && Syntax.isWsp(msg[lines.get(k + 1)[0]])) {
                int[] next = lines.get(++k);
                header.writeBytes(new byte[] {'\r', '\n'});
                header.write(msg, next[0], next[1] - next[0]);
            }
            out.add(header.toByteArray());
        }
        return out;
    }

    @Test
    void agreesWithTheStringParserOnEveryTortureViaLine() {
        List<byte[]> lines = corpusViaLines();
        assertThat(lines).hasSizeGreaterThan(60);
        long scanned = lines.stream()
                .filter(l -> agree(l, new String(l, StandardCharsets.ISO_8859_1)))
                .count();
        assertThat(scanned).as("values the byte scan took").isGreaterThan(lines.size() / 2);
    }

    // ---- (b) seeded random values, valid and not ------------------------------------------------

    private static final String[] PROTOCOLS = {"SIP", "sip", "SIP", "SIP", "SIPX", "", "S(P"};
    private static final String[] VERSIONS = {"2.0", "2.0", "2.0", "2.1", "", "2.0.0", "2_0"};
    private static final String[] TRANSPORTS = {"UDP", "udp", "TCP", "TLS", "SCTP", "WS", "wss", "UNKNOWN",
        "tls-x", "", "U@P"};
    private static final String[] LWS = {"", "", "", " ", "\t", "  ", " \t"};
    private static final String[] HOSTS = {"example.com", "192.0.2.1", "pc33.atlanta.example.com", "[2001:db8::1]",
        "[2001:db8::1", "host_bad", "-bad.com", "1.2.3", "a..b", "ex.com.", "256.1.1.1", "h\u00e9.com", "", "a",
        "EXAMPLE.COM", "x-1.y-2.com", "1.com"};
    private static final String[] PORTS = {"", "", ":5060", " : 5060", ":0", ":65535", ":65536", ":0068", ":",
        ":99999999999", ":5 060", ":-1"};
    private static final String[] PARAMS = {";branch=z9hG4bK776asdhds", ";branch=z9hG4bK", ";rport", ";rport=0",
        ";rport=5060", ";RPORT=1", ";rport=65536", ";received=192.0.2.1", ";received=2001:db8::1",
        ";received=[2001:db8::1]", ";received=host", ";received=", ";maddr=224.2.0.1", ";maddr=bad_host",
        ";ttl=16", ";ttl=256", ";ttl=x", ";x", ";x=\"q\"", ";x=\"un,terminated", ";", ";;", " ; x = y ",
        ";Branch=Z", ";BRANCH=z9hG4bKa", ";branch=a\"b", ";x=[::1]", ";x=\u00e9", ";x=a:b", ";x=", ";=v",
        ";branch", ";Received=10.0.0.1", "; maddr = a.b ", ";x=<y>", ";x=a,b"};
    private static final String[] SUFFIXES = {"", "", "", " ", "\t", ",SIP/2.0/TCP b.example.com", " , SIP/2.0/UDP c",
        ",", " ,", "<", "\"", " junk", ",\"unterminated", ",<", ", bad value"};
    private static final String MUTATIONS = ",;:=/\"<>[] \t\u00e9\u0000\u007f!x9.";

    /** One random Via header line built from the seeded generator. */
    private static String randomViaLine(Random r) {
        StringBuilder v = new StringBuilder();
        v.append(LWS[r.nextInt(LWS.length)]).append(pick(r, PROTOCOLS)).append(pick(r, LWS)).append('/')
                .append(pick(r, LWS)).append(pick(r, VERSIONS)).append(pick(r, LWS)).append('/')
                .append(pick(r, LWS)).append(pick(r, TRANSPORTS)).append(r.nextInt(8) == 0 ? "" : " ")
                .append(pick(r, LWS)).append(pick(r, HOSTS)).append(pick(r, PORTS));
        for (int n = r.nextInt(5); n > 0; n--) {
            v.append(pick(r, LWS)).append(pick(r, PARAMS));
        }
        v.append(pick(r, SUFFIXES));
        if (r.nextInt(4) == 0 && !v.isEmpty()) {
            int at = r.nextInt(v.length());
            char c = MUTATIONS.charAt(r.nextInt(MUTATIONS.length()));
            switch (r.nextInt(3)) {
                case 0 -> v.insert(at, c);
                case 1 -> v.setCharAt(at, c);
                default -> v.deleteCharAt(at);
            }
        }
        String name = r.nextInt(5) == 0 ? "v" : r.nextBoolean() ? "Via" : "VIA";
        String line = name + ":" + pick(r, LWS) + v;
        if (r.nextInt(10) == 0) {
            int at = line.indexOf(';');
            if (at > 0) {
                line = line.substring(0, at) + "\r\n " + line.substring(at);
            }
        }
        return line;
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    static IntStream seeds() {
        return IntStream.range(0, 40).map(i -> 0x5EED + i * 7919);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void agreesWithTheStringParserOnRandomValues(int seed) {
        Random r = new Random(seed);
        int scanned = 0;
        for (int i = 0; i < 250; i++) {
            String line = randomViaLine(r);
            if (agree(line.getBytes(StandardCharsets.UTF_8), "seed=" + seed + " #" + i + ": " + line)) {
                scanned++;
            }
        }
        assertThat(scanned).as("seed=" + seed + ": values the byte scan took").isPositive();
    }

    // ---- (c) focused cases ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds",
        "v: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport",
        "v:SIP/2.0/TCP a.example.com",
        "Via: SIP / 2.0 / UDP a.example.com ; branch = z9hG4bK1 ; rport",
        "Via: SIP/2.0/UDP\ta.example.com\t:\t5060\t;\tbranch\t=\tz9hG4bK1",
        "Via: sip/2.0/udp A.Example.COM:05060;branch=z9hG4bK1",
        "Via: SIP/2.0/UDP a.example.com;rport",
        "Via: SIP/2.0/UDP a.example.com;rport=5061",
        "Via: SIP/2.0/UDP a.example.com;rport=0",
        "Via: SIP/2.0/UDP a.example.com;rport=65536",
        "Via: SIP/2.0/UDP a.example.com;received=192.0.2.1",
        "Via: SIP/2.0/UDP a.example.com;received=2001:db8::9:1",
        "Via: SIP/2.0/UDP a.example.com;received=[2001:db8::9:1]",
        "Via: SIP/2.0/UDP a.example.com;received=[2001:db8::9:1",
        "Via: SIP/2.0/UDP a.example.com;received=not-an-address",
        "Via: SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK1",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK",
        "Via: SIP/2.0/UDP a.example.com;BRANCH=z9hG4bK1;RPORT;Received=192.0.2.1;TTL=3;MADDR=224.0.0.1",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1;",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1;;rport",
        "Via: SIP/2.0/UDP a.example.com;ttl=255;ttl=256",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com;branch=z9hG4bK2",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1,SIP/2.0/TCP [bad",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1,\"unterminated",
        "Via: , SIP/2.0/UDP a.example.com",
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n ;rport",
        "Via: SIP/2.0/UDP\r\n a.example.com;branch=z9hG4bK1",
        "Via: SIP/2.0/UDP a.example.com;x=\"quoted;value\"",
        "Via: SIP/2.0/UDP a.example.com;x=\"a,b\", SIP/2.0/UDP b",
        "Via: SIP/2.0/UDP h\u00e9.example.com",
        "Via: SIP/2.0/UDP a.example.com;x=\u00e9",
        "Via: SIP/2.0/UDP a.example.com:0",
        "Via: SIP/2.0/UDP a.example.com:65536",
        "Via: SIP/2.0/UDP a.example.com:",
        "Via: SIP/2.0/UDP :5060",
        "Via: SIP/2.0/UDP;branch=z9hG4bK1",
        "Via: SIP/2.0/UDPa.example.com",
        "Via: SIP/2.0/ a.example.com",
        "Via: SIP/2.0",
        "Via: SIP/2.0/UNKNOWN a.example.com",
        "Via: SIP/2.0/UDP a.example.com junk",
        "Via: SIP/2.0/UDP a_b.example.com",
        "Via: SIP/2.0/UDP 192.0.2.256",
        "Via: SIP/2.0/UDP a.example.com;maddr=bad_host",
        "Via: SIP/2.0/UDP a.example.com;branch=a\"b\"",
        "Via: SIP/2.0/UDP a.example.com;x=a:b",
        "Via: SIP/2.0/UDP a.example.com;=x",
    })
    void agreesWithTheStringParserOnEdgeCases(String line) {
        agree(line);
    }

    @Test
    void readsThePlainValuesFromTheBytes() {
        assertThat(agree("v: SIP/2.0/UDP a.example.com:5060;branch=z9hG4bK1;rport")).isTrue();
        assertThat(agree("Via: SIP / 2.0 / udp a.example.com ; BRANCH = z9hG4bK ; rport=5061 ;")).isFalse();
        assertThat(agree("Via: SIP / 2.0 / udp a.example.com ; BRANCH = z9hG4bK ; rport=5061")).isTrue();
        assertThat(agree("Via: SIP/2.0/UDP a.example.com;received=2001:db8::1, SIP/2.0/TCP [x")).isTrue();
        assertThat(agree("Via: SIP/2.0/UDP a.example.com;received=[2001:db8::1]")).isFalse();
        assertThat(agree("Via: SIP/2.0/UDP a.example.com;x=\"q\"")).isFalse();
    }

    @Test
    void topViaOfAPlainValueIsTheParsedVia() {
        SipMessage m = SipParser.parse(message(
                "Via: SIP/2.0/udp a.example.com:5060 ;branch=z9hG4bK1;rport, SIP/2.0/TCP b".getBytes(
                        StandardCharsets.US_ASCII)));
        Via via = m.topVia();
        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("a.example.com");
        assertThat(via.port()).hasValue(5060);
        assertThat(via.branch()).hasValue("z9hG4bK1");
        assertThat(via.hasRport()).isTrue();
        assertThat(via.toString()).isEqualTo("SIP/2.0/UDP a.example.com:5060;branch=z9hG4bK1;rport");
        assertThat(m.topVia()).isSameAs(via);
    }
}
