package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;

/**
 * {@link SipMessage#routes()}, {@link SipMessage#recordRoutes()}, {@link SipMessage#paths()} and
 * {@link SipMessage#contacts()} read plain name-addr lines from the bytes ({@link Address#parseNameAddr},
 * {@link Contact#parseNameAddr}, {@link SipUri#parsePlain}) and everything else from the decoded
 * elements with {@link Address#parse} and {@link Contact#parse}: both must give equal values with
 * equal parts (display name, URI text, user, host, port, URI and header parameters) or the same error
 * (status, reason phrase, reason) for every header (RFC 3261 §20.10, §20.30, §20.34, §25.1).
 */
class PlainAddressTest {
    private static final String HEAD = "OPTIONS sip:a@b SIP/2.0\r\n";
    private static final List<String> HEADERS = List.of("Route", "Record-Route", "Path", "Contact");

    /** The message made of {@link #HEAD}, the header lines given and an empty line. */
    private static byte[] message(String headerLines) {
        return (HEAD + headerLines + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Every part of an address that a reader can see, as text. */
    private static String parts(Address a) {
        StringBuilder out = new StringBuilder();
        out.append(a).append(" | display ").append(a.displayName().orElse("-")).append(" | params ")
                .append(a.parameters()).append(" | tag ").append(a.tag().orElse("-"));
        Uri uri = a.uri();
        out.append(" | uri ").append(uri.scheme()).append(' ').append(uri);
        if (uri instanceof SipUri s) {
            out.append(" | secure ").append(s.isSecure()).append(" | user ").append(s.user().orElse("-"))
                    .append(" | password ").append(s.password().orElse("-")).append(" | host ").append(s.host())
                    .append(" | port ").append(s.port()).append(" | uri params ").append(s.parameters())
                    .append(" | headers ").append(s.headers());
        }
        return out.toString();
    }

    private static String parts(Contact c) {
        return c + " | q " + c.q() + " | reg-id " + c.regId() + " | expires " + c.expires()
                + c.address().map(a -> " | " + parts(a)).orElse(" | wildcard");
    }

    /** What reading the header gave: the values and their parts, or the error. */
    private record Outcome(List<?> values, List<String> parts, int status, String phrase, String reason) {
        static Outcome of(List<?> values, List<String> parts) {
            return new Outcome(values, parts, 0, null, null);
        }

        static Outcome of(SipParseException e) {
            return new Outcome(null, null, e.statusCode(), e.reasonPhrase(), e.reason());
        }
    }

    /** The typed accessor for {@code header}: the path under test. */
    private static Outcome accessor(SipMessage m, String header) {
        try {
            List<?> values = switch (header) {
                case "Route" -> m.routes();
                case "Record-Route" -> m.recordRoutes();
                case "Path" -> m.paths();
                default -> m.contacts();
            };
            List<String> parts = new ArrayList<>();
            for (Object v : values) {
                parts.add(v instanceof Contact c ? parts(c) : parts((Address) v));
            }
            return Outcome.of(values, parts);
        } catch (SipParseException e) {
            return Outcome.of(e);
        }
    }

    /** The string path: the decoded elements, each parsed as a string. */
    private static Outcome strings(SipMessage m, String header) {
        try {
            List<Object> values = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            for (String element : m.headerValues(HeaderName.of(header))) {
                if (header.equals("Contact")) {
                    Contact c = Contact.parse(element);
                    values.add(c);
                    parts.add(parts(c));
                } else {
                    Address a = Address.parse(header, element);
                    values.add(a);
                    parts.add(parts(a));
                }
            }
            return Outcome.of(values, parts);
        } catch (SipParseException e) {
            return Outcome.of(e);
        }
    }

    /**
     * Checks that both paths agree for {@code values}, each the value of one line, under every
     * address header; answers how many of the values the byte scan took on its own.
     */
    private static int agree(List<String> values, String description) {
        int scanned = 0;
        for (String header : HEADERS) {
            StringBuilder lines = new StringBuilder();
            for (String value : values) {
                lines.append(lines.isEmpty() ? "" : "\r\n").append(header).append(": ").append(value);
            }
            byte[] bytes = message(lines.toString());
            SipMessage m;
            try {
                m = SipParser.parse(bytes);
            } catch (SipParseException e) {
                return 0;
            }
            Outcome expected = strings(m, header);
            Outcome actual = accessor(SipParser.parse(bytes), header);
            assertThat(actual).as(header + ": " + description).isEqualTo(expected);
        }
        for (String value : values) {
            if (direct(value, description)) {
                scanned++;
            }
        }
        return scanned;
    }

    /**
     * Checks the byte readers on one value against the string parsers directly; true when the
     * value was of the plain form and read from the bytes.
     */
    private static boolean direct(String value, String description) {
        byte[] raw = value.strip().getBytes(StandardCharsets.UTF_8);
        Address plain = Address.parseNameAddr(raw, 0, raw.length).orElse(null);
        if (plain == null) {
            return false;
        }
        for (String header : HEADERS) {
            if (header.equals("Contact")) {
                Contact.parseNameAddr(raw, 0, raw.length).ifPresent(c ->
                        assertThat(parts(c)).as(description).isEqualTo(parts(Contact.parse(value.strip()))));
            } else {
                Address a = Address.parse(header, value.strip());
                assertThat(plain).as(description).isEqualTo(a);
                assertThat(parts(plain)).as(description).isEqualTo(parts(a));
            }
        }
        String uri = plain.uri().toString();
        byte[] uriBytes = uri.getBytes(StandardCharsets.ISO_8859_1);
        SipUri scanned = SipUri.parsePlain(uriBytes, 0, uriBytes.length).orElseThrow();
        assertThat(parts(Address.of(scanned))).as(description).isEqualTo(parts(Address.of(SipUri.parse(uri))));
        return true;
    }

    // ---- (a) the address lines of the RFC 4475 and RFC 5118 torture messages ------------------

    /** The value of every unfolded address header line of every torture message. */
    static List<String> corpusValues() {
        List<String> values = new ArrayList<>();
        for (String folder : List.of(TortureCorpus.RFC4475, TortureCorpus.RFC5118_WIRE)) {
            for (String name : TortureCorpus.names(folder, TortureCorpus.RFC4475.equals(folder) ? 49 : 12)) {
                String text = new String(TortureCorpus.bytes(folder, name), StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                String[] lines = (headEnd < 0 ? text : text.substring(0, headEnd)).split("\r?\n", -1);
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    boolean folded = i + 1 < lines.length && !lines[i + 1].isEmpty()
                            && Syntax.isWsp(lines[i + 1].charAt(0));
                    if (colon < 0 || folded || lines[i].isEmpty() || Syntax.isWsp(lines[i].charAt(0))) {
                        continue;
                    }
                    String header = lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
                    if (List.of("route", "record-route", "contact", "m", "from", "f", "to", "t", "path")
                            .contains(header)) {
                        values.add(lines[i].substring(colon + 1));
                    }
                }
            }
        }
        return values;
    }

    @Test
    void agreesWithTheStringParsersOnEveryTortureAddressLine() {
        List<String> values = corpusValues();
        assertThat(values).hasSizeGreaterThan(80);
        int scanned = 0;
        for (String value : values) {
            scanned += agree(List.of(value), value);
        }
        assertThat(scanned).as("values the byte scan took").isGreaterThan(values.size() / 5);
        assertThat(agree(values.subList(0, 20), "first 20 values as 20 lines")).isPositive();
    }

    // ---- (b) seeded random values, valid and not ------------------------------------------------

    private static final String[] DISPLAY = {"", "", "", "", "\"Bob\" ", "Bob ", "\"unterminated "};
    private static final String[] SCHEMES = {"sip:", "sip:", "sips:", "SIP:", "SiPs:", "tel:", "http:", "sipx:",
        "", "sip;"};
    private static final String[] USERS = {"", "", "alice@", "a.b-c_d!~*'()&=+$,;?/@", "%61lice@", "alice:pw@",
        "@", "al ice@", "al\u00e9@", "alice@@", "+1-555@"};
    private static final String[] HOSTS = {"proxy.example.com", "192.0.2.1", "[2001:db8::1]", "host_bad", "-bad",
        "1.2.3", "a..b", "ex.com.", "256.1.1.1", "", "EXAMPLE.COM", "x-1.y-2.com", "1.com", "2001:db8::1"};
    private static final String[] PORTS = {"", "", ":5060", ":0", ":65535", ":65536", ":0068", ":", ":5x",
        ":123456", "::1"};
    private static final String[] URI_PARAMS = {";lr", ";lr", ";transport=udp", ";transport=TCP", ";transport=",
        ";transport", ";transport=a\"b", ";user=phone", ";user=", ";method=INVITE", ";method=IN@VITE", ";ttl=16",
        ";ttl=256", ";maddr=224.2.0.1", ";maddr=bad_host", ";%6C%72", ";x=%41", ";x=[::1]", ";x=a:b", ";",
        ";;", ";=v", ";x=", ";ob", ";Lr", ";TRANSPORT=tls", ";x=\u00e9"};
    private static final String[] URI_TAILS = {"", "", "", "", "?subject=x", "?x", "?a=b&c=d", "#frag", " "};
    private static final String[] PARAMS = {";tag=1928301774", ";tag", ";tag=", ";tag=\"q\"", ";expires=3600",
        ";q=0.7", ";q=1.5", ";q", ";reg-id=1", ";reg-id=0", ";+sip.instance=\"<urn:uuid:1>\"", ";x=[::1]",
        ";x=[bad", ";ob", ";lr", ";X=Y", ";", ";;", " ;x=y", ";x = y", ";=v", ";x=a,b", ";\u00e9"};
    private static final String[] SUFFIXES = {"", "", "", "", " ", ",<sip:b.example.com>", ", <sip:c;lr>", ",",
        " junk", ">", "<", ",\"unterminated"};
    private static final String MUTATIONS = ",;:=/\"<>[]@? \t\u00e9\u0000\u007f!x9.%";

    private static String randomValue(Random r) {
        StringBuilder v = new StringBuilder();
        v.append(pick(r, DISPLAY));
        boolean brackets = r.nextInt(6) != 0;
        v.append(brackets ? "<" : "").append(pick(r, SCHEMES)).append(pick(r, USERS)).append(pick(r, HOSTS))
                .append(pick(r, PORTS));
        for (int n = r.nextInt(4); n > 0; n--) {
            v.append(pick(r, URI_PARAMS));
        }
        v.append(pick(r, URI_TAILS)).append(brackets ? ">" : "");
        for (int n = r.nextInt(3); n > 0; n--) {
            v.append(pick(r, PARAMS));
        }
        v.append(pick(r, SUFFIXES));
        if (r.nextInt(4) == 0) {
            int at = r.nextInt(v.length());
            char c = MUTATIONS.charAt(r.nextInt(MUTATIONS.length()));
            switch (r.nextInt(3)) {
                case 0 -> v.insert(at, c);
                case 1 -> v.setCharAt(at, c);
                default -> v.deleteCharAt(at);
            }
        }
        return v.toString();
    }

    /** The first word (always a valid, common choice) two times in three, else any word. */
    private static String pick(Random r, String[] words) {
        return r.nextInt(3) != 0 ? words[0] : words[r.nextInt(words.length)];
    }

    static IntStream seeds() {
        return IntStream.range(0, 40).map(i -> 0xADD5 + i * 7919);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void agreesWithTheStringParsersOnRandomValues(int seed) {
        Random r = new Random(seed);
        int scanned = 0;
        for (int i = 0; i < 150; i++) {
            List<String> values = new ArrayList<>();
            for (int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0); n > 0; n--) {
                values.add(randomValue(r));
            }
            scanned += agree(values, "seed=" + seed + " #" + i + ": " + values);
        }
        assertThat(scanned).as("seed=" + seed + ": values the byte scan took").isPositive();
    }

    // ---- (c) focused cases ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<sip:proxy.atlanta.example.com;lr>",
        "<sip:edge.biloxi.example.com:5060;transport=udp;lr>",
        "<sips:alice@192.0.2.101:5060;transport=tls>;expires=3600;q=0.5",
        "<sip:alice@a.example.com>;+sip.instance=\"<urn:uuid:f81d4fae>\";reg-id=1",
        "<sip:alice@a.example.com>;reg-id=0",
        "<sip:alice@a.example.com>;q=2",
        "<sip:a.example.com;ttl=1>",
        "<sip:a.example.com;maddr=239.255.255.1>",
        "<sip:a.example.com;transport=>",
        "<sip:a.example.com?subject=x>",
        "<sip:a.example.com>;tag",
        "<sip:a.example.com>;TAG=x",
        "<sip:a.example.com> ;lr",
        "<sip:a.example.com>,<sip:b.example.com>",
        "<sip:a,b@a.example.com>",
        "<sip:a.example.com:65536>",
        "<sip:a.example.com:>",
        "<sip:[2001:db8::1]:5060;lr>",
        "<sip:2001:db8::1;lr>",
        "<sip:a_b.example.com;lr>",
        "<sip:@a.example.com>",
        "<sip:a@b@c.example.com>",
        "<sip:a.example.com;;lr>",
        "<sip:a.example.com;=x>",
        "<sip:a.example.com;lr=>",
        "<SIP:A.EXAMPLE.COM;LR>",
        "<sips:a.example.com.>",
        "<sip:1.2.3.4.5>",
        "<sip:256.0.0.1>",
        "<tel:+1-201-555-0123>",
        "<sip:a.example.com",
        "<>",
        "<sip:>",
        "<sip:a.example.com>junk",
        "*",
        "<sip:\u00e9.example.com>",
    })
    void agreesWithTheStringParsersOnEdgeCases(String value) {
        agree(List.of(value), value);
    }

    @Test
    void readsTheUsualRouteAndContactFromTheBytes() {
        assertThat(agree(List.of("<sip:proxy.atlanta.example.com;lr>",
                "<sip:edge.biloxi.example.com:5060;transport=udp;lr>",
                "<sip:alice@192.0.2.101:5060;transport=udp>;expires=60"), "usual values")).isEqualTo(3);
    }
}
