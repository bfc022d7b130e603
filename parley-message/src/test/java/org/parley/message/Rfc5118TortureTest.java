package org.parley.message;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.parley.message.TortureOutcome.parseFails;
import static org.parley.message.TortureOutcome.refused;
import static org.parley.message.TortureOutcome.valid;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.header.Via;
import org.parley.message.uri.Host;
import org.parley.message.uri.SipUri;
import org.parley.message.validation.MessageValidator;

/**
 * The 12 IPv6 messages of RFC 5118 §4, in both copies of the corpus: {@code wire/} (CRLF, closed
 * header sections, matching Content-Length: the outcomes the RFC asks for) and the archive copy
 * (bare LF, which the parser tolerates, and the archive's own quirks that INDEX.md lists).
 */
class Rfc5118TortureTest {

    /** File name without ".dat" → outcome of the wire copy. */
    private static final Map<String, TortureOutcome> WIRE = Map.ofEntries(
            entry("ipv6-good", valid()),
            entry("ipv6-bad", refused(400, "URI: IPv6 address must be enclosed in '[' ']' (RFC 5118 §4.2)")),
            entry("port-ambiguous", valid()),
            entry("port-unambiguous", valid()),
            entry("via-received-param-with-delim", valid()),
            entry("via-received-param-no-delim", valid()),
            entry("ipv6-in-sdp", valid()),
            entry("mult-ip-in-header", valid()),
            entry("mult-ip-in-sdp", valid()),
            entry("ipv4-mapped-ipv6", valid()),
            entry("ipv6-bug-abnf-3-colons", valid()),
            entry("ipv6-correct-abnf-2-colons", valid()));

    /** The archive copy: the wire outcomes, except where the archive's bytes differ (INDEX.md). */
    private static final Map<String, TortureOutcome> ARCHIVE = archive();

    private static Map<String, TortureOutcome> archive() {
        Map<String, TortureOutcome> archive = new HashMap<>(WIRE);
        // Content-Length does not match the LF body.
        archive.put("ipv6-in-sdp", parseFails(400, "Content-Length 268 is larger than the 242 body bytes received"));
        archive.put("mult-ip-in-sdp", parseFails(400, "Content-Length 181 is larger than the 180 body bytes received"));
        // The two §4.10 files end without the empty line that closes the header section.
        archive.put("ipv6-bug-abnf-3-colons", parseFails(400, "header section is not terminated by an empty line"));
        archive.put("ipv6-correct-abnf-2-colons",
                parseFails(400, "header section is not terminated by an empty line"));
        return Map.copyOf(archive);
    }

    static List<String> wireFiles() {
        return TortureCorpus.names(TortureCorpus.RFC5118_WIRE, 12);
    }

    static List<String> archiveFiles() {
        return TortureCorpus.names(TortureCorpus.RFC5118, 12);
    }

    @ParameterizedTest(name = "wire/{0}")
    @MethodSource("wireFiles")
    void everyWireMessageHasTheOutcomeTheRfcAsksFor(String file) {
        verify(WIRE, TortureCorpus.RFC5118_WIRE, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archiveFiles")
    void everyArchiveMessageHasTheOutcomeItsBytesCallFor(String file) {
        verify(ARCHIVE, TortureCorpus.RFC5118, file);
    }

    private static void verify(Map<String, TortureOutcome> table, String folder, String file) {
        TortureOutcome expected = table.get(file.replaceFirst("\\.dat$", ""));
        assertThat(expected).as("the table's outcome for " + folder + "/" + file).isNotNull();
        expected.verify(TortureCorpus.bytes(folder, file));
    }

    @Test
    void tableCoversExactlyTheFilesOfBothCopies() {
        List<String> names = WIRE.keySet().stream().map(n -> n + ".dat").toList();
        assertThat(wireFiles()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(archiveFiles()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void theArchiveSection410FilesParseOnceTheirHeaderSectionIsClosed() {
        for (String file : List.of("ipv6-bug-abnf-3-colons.dat", "ipv6-correct-abnf-2-colons.dat")) {
            byte[] archive = TortureCorpus.bytes(TortureCorpus.RFC5118, file);
            byte[] closed = Arrays.copyOf(archive, archive.length + 1);
            closed[archive.length] = '\n';

            SipMessage m = SipParser.parse(closed);

            assertThat(MessageValidator.standard().validate(m).findings()).as(file).isEmpty();
            assertThat(m.toString()).isEqualTo(TortureCorpus.parse(TortureCorpus.RFC5118_WIRE, file).toString()
                    .replace("\r\n", "\n"));
        }
    }

    // ---- the values RFC 5118 §4 names, in every copy that parses --------------------------------

    @ParameterizedTest
    @ValueSource(strings = {TortureCorpus.RFC5118, TortureCorpus.RFC5118_WIRE})
    void ipv6GoodReadsIpv6ReferencesInTheRequestUriViaAndContact(String folder) {
        SipRequest r = (SipRequest) TortureCorpus.parse(folder, "ipv6-good.dat");

        SipUri uri = (SipUri) r.requestUri();
        assertThat(uri.host().kind()).isEqualTo(Host.Kind.IPV6);
        assertThat(uri.host().text()).isEqualTo("2001:db8::10");
        assertThat(uri.host()).hasToString("[2001:db8::10]");
        assertThat(uri.port()).isEmpty();
        assertThat(r.topVia().host()).isEqualTo("[2001:db8::9:1]");
        assertThat(contactHost(r)).isEqualTo(Host.parse("[2001:db8::1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {TortureCorpus.RFC5118, TortureCorpus.RFC5118_WIRE})
    void portAmbiguousHasNoPortAndAnAddressEndingIn5070(String folder) {
        SipUri uri = (SipUri) ((SipRequest) TortureCorpus.parse(folder, "port-ambiguous.dat")).requestUri();

        assertThat(uri.port()).isEmpty();
        assertThat(uri.host().kind()).isEqualTo(Host.Kind.IPV6);
        assertThat(uri.host().text()).isEqualTo("2001:db8::10:5070").endsWith(":5070");
        assertThat(uri.host()).isNotEqualTo(Host.parse("[2001:db8::10]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {TortureCorpus.RFC5118, TortureCorpus.RFC5118_WIRE})
    void portUnambiguousHasPort5070OutsideTheBrackets(String folder) {
        SipUri uri = (SipUri) ((SipRequest) TortureCorpus.parse(folder, "port-unambiguous.dat")).requestUri();

        assertThat(uri.port()).hasValue(5070);
        assertThat(uri.host().text()).isEqualTo("2001:db8::10");
    }

    @ParameterizedTest
    @ValueSource(strings = {TortureCorpus.RFC5118, TortureCorpus.RFC5118_WIRE})
    void viaReceivedIsReadWithAndWithoutBrackets(String folder) {
        Via with = TortureCorpus.parse(folder, "via-received-param-with-delim.dat").topVia();
        Via without = TortureCorpus.parse(folder, "via-received-param-no-delim.dat").topVia();

        assertThat(with.parameters().get("received")).contains("[2001:db8::9:255]");
        assertThat(without.parameters().get("received")).contains("2001:db8::9:255");
        // Either way received() gives the form host() uses (RFC 5118 §4.5).
        assertThat(with.received()).contains("[2001:db8::9:255]");
        assertThat(without.received()).contains("[2001:db8::9:255]");
        assertThat(with.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(with.branch()).contains("z9hG4bKas3-111");
        assertThat(without.branch()).contains("z9hG4bKas3");
    }

    @ParameterizedTest
    @ValueSource(strings = {TortureCorpus.RFC5118, TortureCorpus.RFC5118_WIRE})
    void multIpInHeaderReadsAViaListMixingIpv6AndIpv4(String folder) {
        List<Via> vias = TortureCorpus.parse(folder, "mult-ip-in-header.dat").vias();

        assertThat(vias).extracting(Via::transport, Via::host, v -> v.port().orElse(-1), v -> v.received().orElse(""))
                .containsExactly(
                        tuple("UDP", "[2001:db8::9:1]", 6050, ""),
                        tuple("UDP", "192.0.2.1", -1, ""),
                        tuple("TCP", "[2001:db8::9:255]", -1, "192.0.2.200"));
    }

    @ParameterizedTest
    @ValueSource(strings = {TortureCorpus.RFC5118, TortureCorpus.RFC5118_WIRE})
    void ipv4MappedAddressesAreIpv6WithThePortAfterTheBracket(String folder) {
        SipRequest r = (SipRequest) TortureCorpus.parse(folder, "ipv4-mapped-ipv6.dat");

        assertThat(r.vias()).extracting(Via::host, v -> v.port().orElse(-1))
                .containsExactly(tuple("[::ffff:192.0.2.10]", 19823), tuple("[::ffff:192.0.2.2]", -1));
        assertThat(contactHost(r).kind()).isEqualTo(Host.Kind.IPV6);
        assertThat(contactHost(r).text()).isEqualTo("::ffff:192.0.2.2");
        assertThat(r.bodyText()).contains("c=IN IP6 ::ffff:192.0.2.2");
    }

    @Test
    void theThreeColonFormIsToleratedAndEqualsTheTwoColonForm() {
        SipRequest bug = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC5118_WIRE, "ipv6-bug-abnf-3-colons.dat");
        SipRequest good = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC5118_WIRE,
                "ipv6-correct-abnf-2-colons.dat");

        Host bugHost = ((SipUri) bug.requestUri()).host();
        Host goodHost = ((SipUri) good.requestUri()).host();
        assertThat(bugHost.kind()).isEqualTo(Host.Kind.IPV6);
        assertThat(bugHost.text()).isEqualTo("2001:db8:::192.0.2.1");
        assertThat(goodHost.text()).isEqualTo("2001:db8::192.0.2.1");
        assertThat(bugHost).isEqualTo(goodHost);
        assertThat(((SipUri) bug.to().uri()).host()).isEqualTo(goodHost);
    }

    @Test
    void ipv6AddressesInSdpBodiesAreUntouchedBodyText() {
        SipRequest one = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC5118_WIRE, "ipv6-in-sdp.dat");
        SipRequest two = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC5118_WIRE, "mult-ip-in-sdp.dat");

        assertThat(one.bodyLength()).isEqualTo(251);
        assertThat(one.bodyText()).startsWith("v=0\r\no=assistant 971731711378798081 0 IN IP6 2001:db8::20\r\n")
                .contains("\r\nc=IN IP6 2001:db8::20\r\n");
        assertThat(((SipUri) one.requestUri()).host().text()).isEqualTo("2001:db8::10");
        assertThat(two.bodyLength()).isEqualTo(189);
        assertThat(two.bodyText()).contains("\r\nc=IN IP4 192.0.2.1\r\n", "\r\nc=IN IP6 2001:db8::1\r\n");
    }

    private static Host contactHost(SipMessage m) {
        return ((SipUri) m.contacts().get(0).address().orElseThrow().uri()).host();
    }
}
