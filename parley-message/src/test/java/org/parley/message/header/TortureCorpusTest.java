package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.message.HeaderName;
import org.parley.message.HeaderValues;
import org.parley.message.SipParseException;
import org.parley.message.TortureCorpus;

/**
 * Runs the headers this package types, in every RFC 4475 and RFC 5118 torture message, through
 * their parsers: each parses, except where the RFC calls the value invalid.
 */
class TortureCorpusTest {

    /** The headers whose values the RFCs call invalid, by file. */
    private static final Map<String, Set<String>> EXPECTED_FAILURES = Map.of(
            // RFC 4475 §3.1.2.1: "Via: SIP/2.0/UDP 192.0.2.15;;,;,," and "Contact: ...;;;;"
            "badinv01.dat", Set.of("Via", "Contact"),
            // RFC 4475 §3.1.2.6: unterminated quoted display name
            "quotbal.dat", Set.of("To"),
            // RFC 4475 §3.1.2.13: URI with escaped headers not in '<' '>'
            "regbadct.dat", Set.of("Contact"),
            // RFC 4475 §3.1.2.14: whitespace inside '<' '>'
            "badaspec.dat", Set.of("To"),
            // RFC 4475 §3.1.2.15: unquoted display names with ','
            "baddn.dat", Set.of("From", "To"),
            // RFC 4475 §3.1.2.4: CSeq > 2^32-1, Max-Forwards 300, Expires 10^100
            "scalar02.dat", Set.of("CSeq", "Max-Forwards", "Expires"),
            // RFC 4475 §3.1.2.5: CSeq > 2^32-1, Retry-After > 2^32-1
            "scalarlg.dat", Set.of("CSeq", "Retry-After"));

    /** Header name → parser of one element; list headers are split first. */
    private static final Map<HeaderName, Consumer<String>> PARSERS = Map.ofEntries(
            Map.entry(HeaderName.VIA, Via::parse),
            Map.entry(HeaderName.CSEQ, CSeq::parse),
            Map.entry(HeaderName.MAX_FORWARDS, MaxForwards::parse),
            Map.entry(HeaderName.CONTENT_TYPE, MediaType::parse),
            Map.entry(HeaderName.ACCEPT, v -> MediaType.parse("Accept", v)),
            Map.entry(HeaderName.EXPIRES, v -> DeltaSeconds.parse("Expires", v)),
            Map.entry(HeaderName.RETRY_AFTER, v -> DeltaSeconds.parse("Retry-After", v)),
            Map.entry(HeaderName.AUTHORIZATION, Credentials::parse),
            Map.entry(HeaderName.REQUIRE, v -> OptionTags.parse("Require", v)),
            Map.entry(HeaderName.PROXY_REQUIRE, v -> OptionTags.parse("Proxy-Require", v)),
            Map.entry(HeaderName.FROM, v -> Address.parse("From", v)),
            Map.entry(HeaderName.TO, v -> Address.parse("To", v)),
            Map.entry(HeaderName.CONTACT, Contact::parse),
            Map.entry(HeaderName.ROUTE, v -> Address.parse("Route", v)),
            Map.entry(HeaderName.RECORD_ROUTE, v -> Address.parse("Record-Route", v)));

    static Stream<Path> messages() {
        // A missing corpus fails the run instead of running zero cases (STYLE.md §9).
        List<Path> files = new ArrayList<>();
        TortureCorpus.names(TortureCorpus.RFC4475, 49)
                .forEach(n -> files.add(TortureCorpus.path(TortureCorpus.RFC4475, n)));
        TortureCorpus.names(TortureCorpus.RFC5118_WIRE, 12)
                .forEach(n -> files.add(TortureCorpus.path(TortureCorpus.RFC5118_WIRE, n)));
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void parsesEveryTypedHeaderExceptTheOnesTheRfcCallsInvalid(Path file) {
        Set<String> failed = new TreeSet<>();
        int parsed = 0;
        for (String[] header : headers(file)) {
            HeaderName name = HeaderName.of(header[0]);
            Consumer<String> parser = PARSERS.get(name);
            if (parser == null) {
                continue;
            }
            try {
                List<String> elements = name.isList() ? HeaderValues.split(name.name(), header[1])
                        : List.of(header[1].strip());
                elements.forEach(parser);
                parsed++;
            } catch (SipParseException e) {
                assertThat(e.statusCode()).isEqualTo(400);
                failed.add(name.name());
            }
        }

        String fileName = file.getFileName().toString();
        assertThat(failed).as(fileName).isEqualTo(EXPECTED_FAILURES.getOrDefault(fileName, Set.of()));
        assertThat(parsed + failed.size()).as(fileName).isPositive();
    }

    /** The header lines of a message as {name, value} pairs, line folds replaced by a space. */
    private static List<String[]> headers(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        List<String[]> out = new ArrayList<>();
        String[] lines = head.replaceAll("\r\n(?=[ \t])", " ").split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                out.add(new String[] {lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1)});
            }
        }
        return out;
    }
}
