package org.parley.message;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.parley.message.TortureOutcome.RoleAnswer.DROP;
import static org.parley.message.TortureOutcome.RoleAnswer.proxy;
import static org.parley.message.TortureOutcome.RoleAnswer.registrar;
import static org.parley.message.TortureOutcome.RoleAnswer.uas;
import static org.parley.message.TortureOutcome.parseFails;
import static org.parley.message.TortureOutcome.refused;
import static org.parley.message.TortureOutcome.responseDropped;
import static org.parley.message.TortureOutcome.responseDroppedUnparsed;
import static org.parley.message.TortureOutcome.roleDependent;
import static org.parley.message.TortureOutcome.valid;
import static org.parley.message.validation.Finding.Basis.CAPABILITY;
import static org.parley.message.validation.Finding.Basis.RULE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.message.header.Via;
import org.parley.message.uri.AbsoluteUri;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.UriEscapes;
import org.parley.message.validation.ElementRole;
import org.parley.message.validation.Finding;
import org.parley.message.validation.MessageValidator;
import org.parley.message.validation.Validation;

/**
 * The 49 messages of RFC 4475 §3, each parsed as one datagram: the valid ones parse with the
 * values the RFC names, the broken ones fail with a reason, and the ones an element must refuse
 * are caught by {@link MessageValidator}, which says what each role answers. INDEX.md in the
 * corpus folder paraphrases what the RFC asks of each file; where it allows a choice, the table
 * holds what Parley does.
 */
class Rfc4475TortureTest {

    /** File name without ".dat" → outcome, in the order of RFC 4475 §3. */
    private static final Map<String, TortureOutcome> EXPECTED = Map.ofEntries(
            // §3.1.1 valid messages
            entry("wsinv", valid("top Via branch \"390skdjuw\"")),
            entry("intmeth", roleDependent(CAPABILITY, uas(501))),
            entry("esc01", valid()),
            entry("escnull", valid()),
            entry("esc02", roleDependent(CAPABILITY, uas(501))),
            entry("lwsdisp", valid()),
            entry("longreq", valid("top Via branch \"\"")),
            entry("dblreq", valid()),
            entry("semiuri", valid()),
            entry("transports", valid()),
            entry("mpart01", valid()),
            entry("unreason", valid()),
            entry("noreason", valid()),
            // §3.1.2 invalid messages
            entry("badinv01", refused(400, "Via: empty parameter name")),
            entry("clerr", parseFails(400, "Content-Length 9999 is larger than the 154 body bytes received")),
            entry("ncl", parseFails(400, "Content-Length: \"-999\" is not a non-negative number")),
            entry("scalar02", refused(400, "CSeq: sequence number must be at most 4294967295")),
            entry("scalarlg", responseDropped("CSeq: sequence number must be at most 4294967295")),
            entry("quotbal", refused(400, "To: unterminated quoted string")),
            entry("ltgtruri", parseFails(400, "Request-URI must not be enclosed in \"<>\"")),
            entry("lwsruri", parseFails(400, "Request-Line: whitespace inside the Request-URI")),
            entry("lwsstart", parseFails(400, "Request-Line: more than one SP before the Request-URI")),
            entry("trws", parseFails(400, "Request-Line: whitespace after the SIP version")),
            entry("escruri", refused(400, "the Request-URI carries URI headers")),
            entry("baddate", valid("Date \"Fri, 01 Jan 2010 16:00:00 EST\" is not in GMT")),
            entry("regbadct", refused(400, "Contact: URI holding ',' or '?' must be enclosed in '<' '>'")),
            entry("badaspec", refused(400, "To: whitespace inside '<' '>'")),
            // The archive's baddn.dat lacks the empty line that ends the header section (INDEX.md).
            entry("baddn", parseFails(400, "header section is not terminated by an empty line")),
            entry("badvers", parseFails(505, "SIP version 7.0 is not supported")),
            entry("mismatch01", refused(400, "CSeq method INVITE does not match the request method OPTIONS")),
            entry("mismatch02", refused(501, "CSeq method INVITE does not match the request method NEWMETHOD")),
            entry("bigcode", responseDroppedUnparsed("Status-Line: status code must be three digits")),
            // §3.2 transaction layer
            entry("badbranch", valid("top Via branch \"z9hG4bK\"")),
            // §3.3 application layer
            entry("insuf", refused(400, "From: missing")),
            entry("unkscm", roleDependent(CAPABILITY, uas(416), proxy(416), registrar(416))),
            entry("novelsc", roleDependent(CAPABILITY, uas(416), proxy(416), registrar(416))),
            entry("unksm2", roleDependent(RULE, registrar(400))),
            entry("bext01", roleDependent(CAPABILITY, uas(420), proxy(420), registrar(420))),
            entry("invut", roleDependent(CAPABILITY, uas(415))),
            entry("regaut01", valid("Authorization scheme \"NoOneKnowsThisScheme\" is unknown")),
            entry("multi01", refused(400, "From: appears more than once")),
            entry("mcl01", parseFails(400, "Content-Length: conflicting values 13 and 5")),
            entry("bcast", roleDependent(RULE, proxy(DROP))),
            entry("zeromf", roleDependent(RULE, proxy(483))),
            entry("cparam01", valid()),
            entry("cparam02", valid()),
            entry("regescrt", valid()),
            entry("sdp01", roleDependent(CAPABILITY, uas(406))),
            // §3.4 backward compatibility
            entry("inv2543", valid("no Max-Forwards", "top Via branch \"\"", "no From tag")));

    static List<String> files() {
        return TortureCorpus.names(TortureCorpus.RFC4475, 49);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyMessageHasTheOutcomeTheRfcAsksFor(String file) {
        TortureOutcome expected = EXPECTED.get(file.replaceFirst("\\.dat$", ""));
        assertThat(expected).as("the table's outcome for " + file).isNotNull();
        expected.verify(TortureCorpus.bytes(TortureCorpus.RFC4475, file));
    }

    @Test
    void tableCoversExactlyTheFilesOfTheCorpus() {
        assertThat(files()).containsExactlyInAnyOrderElementsOf(
                EXPECTED.keySet().stream().map(n -> n + ".dat").toList());
    }

    // ---- §3.1.1 valid messages: the values the RFC names --------------------------------------

    @Test
    void wsinvKeepsEveryValueThroughFoldsOddSpacingAndCompactNames() {
        byte[] bytes = TortureCorpus.bytes(TortureCorpus.RFC4475, "wsinv.dat");
        SipRequest r = (SipRequest) SipParser.parse(bytes);

        assertThat(r.method()).isEqualTo(Method.INVITE);
        SipUri uri = (SipUri) r.requestUri();
        assertThat(uri.user()).contains("vivekg");
        assertThat(uri.host().text()).isEqualTo("chair-dnrc.example.com");
        assertThat(uri.parameters().has("unknownparam")).isTrue();
        assertThat(uri.parameters().get("unknownparam")).isEmpty();

        assertThat(r.vias()).extracting(Via::transport, Via::host, v -> v.branch().orElseThrow())
                .containsExactly(
                        tuple("UDP", "192.0.2.2", "390skdjuw"),
                        tuple("TCP", "spindle.example.com", "z9hG4bK9ikj8"),
                        tuple("UDP", "192.168.255.111", "z9hG4bK30239"));
        assertThat(r.vias()).allSatisfy(v -> assertThat(v.protocolVersion()).isEqualTo("2.0"));

        assertThat(r.to().displayName()).isEmpty();
        assertThat(r.to().uri()).hasToString("sip:vivekg@chair-dnrc.example.com");
        assertThat(r.toTag()).contains("1918181833n");
        assertThat(r.from().displayName()).contains("J Rosenberg \\\"");
        assertThat(r.fromTag()).contains("98asjd8");
        assertThat(r.maxForwards()).hasValue(68);
        assertThat(r.cseq().number()).isEqualTo(9);
        assertThat(r.cseq().method()).isEqualTo(Method.INVITE);
        assertThat(r.callId()).isEqualTo("wsinv.ndaksdj@192.0.2.1");

        assertThat(r.header(HeaderName.SUBJECT)).contains("");
        assertThat(r.header("NewFangledHeader")).contains("newfangled value continued newfangled value");
        assertThat(r.header("UnknownHeaderWithUnusualValue")).contains(";;,,;;,;");
        assertThat(r.routes()).singleElement().satisfies(route ->
                assertThat(((SipUri) route.uri()).isLooseRouter()).isTrue());
        Contact contact = r.contacts().get(0);
        assertThat(r.contacts()).hasSize(1);
        assertThat(contact.address().orElseThrow().displayName()).contains("Quoted string \"\"");
        assertThat(contact.address().orElseThrow().parameters().get("newparam")).contains("newvalue");
        assertThat(contact.address().orElseThrow().parameters().has("secondparam")).isTrue();
        assertThat(contact.qThousandths()).hasValue(330);

        assertThat(r.contentType().orElseThrow().subtype()).isEqualTo("sdp");
        assertThat(r.bodyLength()).isEqualTo(150);
        assertThat(r.bodyText()).startsWith("v=0\r\n").endsWith("a=rtpmap:31 LPC\r\n");
        // A proxy forwards the unusual header unchanged (RFC 4475 §3.1.1.1).
        assertThat(r.toBytes()).isEqualTo(bytes);
        assertThat(new String(r.toCanonicalBytes(), StandardCharsets.UTF_8))
                .contains("\r\nUnknownHeaderWithUnusualValue: ;;,,;;,;\r\n");
    }

    @Test
    void intmethReadsEveryValidCharacterWhereTheGrammarAllowsIt() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "intmeth.dat");

        String method = "!interesting-Method0123456789_*+`.%indeed'~";
        assertThat(r.method().name()).isEqualTo(method);
        assertThat(r.method().isKnown()).isFalse();
        assertThat(r.cseq().method()).isEqualTo(r.method());
        assertThat(r.cseq().number()).isEqualTo(139122385);

        SipUri uri = (SipUri) r.requestUri();
        assertThat(uri.user()).contains("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(uri.password()).contains("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        assertThat(uri.host().text()).isEqualTo("example.com");

        // Quoted-pairs in the To display name, one of them a NUL byte.
        assertThat(r.to().displayName()).contains("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(r.from().displayName()).contains("token1~` token2'+_ token3*%!.-");
        assertThat(r.from().parameters().get("fromParam''~+*_!.-%")).contains("\"работающий\"");
        assertThat(r.fromTag()).contains("_token~1'+`*%!-.");
        assertThat(r.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        assertThat(r.header("extensionHeader-!.%*+_`'~")).contains("\uFEFF大停電");
        assertThat(r.topVia().branch()).contains("z9hG4bK-.!%66*_+`'~");
        assertThat(r.maxForwards()).hasValue(255);
    }

    @Test
    void esc01UndoesEscapesOnceWhereTheGrammarHasThem() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "esc01.dat");

        SipUri uri = (SipUri) r.requestUri();
        assertThat(uri.user()).contains("sips%3Auser%40example.com");
        assertThat(uri.decodedUser()).contains("sips:user@example.com");
        assertThat(uri.host().text()).isEqualTo("example.net");
        assertThat(((SipUri) r.to().uri()).decodedUser()).contains("user");
        assertThat(((SipUri) r.from().uri()).decodedUser()).contains("I have spaces");

        SipUri contact = (SipUri) r.contacts().get(0).address().orElseThrow().uri();
        assertThat(contact.decodedUser()).contains("caller");
        // ";%6C%72" is the lr parameter and "n%61me" is "name" (RFC 3261 §19.1.4); values keep their
        // escapes and, undone once, "v%61lue%25%34%31" is "value%41", not "valueA".
        assertThat(contact.parameters().names()).containsExactly("lr", "name");
        assertThat(contact.isLooseRouter()).isTrue();
        assertThat(contact.toString()).contains(";%6C%72;n%61me=v%61lue%25%34%31");
        assertThat(contact.parameters().get("name")).contains("v%61lue%25%34%31");
        assertThat(UriEscapes.decode(contact.parameters().value(1).orElseThrow())).isEqualTo("value%41");
    }

    @Test
    void escnullRegistersTwoDistinctContactsWhoseUsersAreNuls() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "escnull.dat");

        List<SipUri> contacts = r.contacts().stream().map(c -> (SipUri) c.address().orElseThrow().uri()).toList();
        assertThat(contacts).extracting(u -> u.user().orElseThrow()).containsExactly("%00", "%00%00");
        assertThat(contacts).extracting(u -> u.decodedUser().orElseThrow()).containsExactly("\u0000", "\u0000\u0000");
        assertThat(contacts.get(0)).isNotEqualTo(contacts.get(1));
        // An escaped NUL does not cut the user name short.
        assertThat(((SipUri) r.to().uri()).decodedUser()).contains("null-\u0000-null");
        assertThat(r.method()).isEqualTo(Method.REGISTER);
    }

    @Test
    void esc02IsAnUnknownMethodWithTwoContactsAndAnUnknownHeader() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "esc02.dat");

        assertThat(r.method().name()).isEqualTo("RE%47IST%45R");
        assertThat(r.method()).isNotEqualTo(Method.REGISTER);
        assertThat(r.method().isKnown()).isFalse();
        assertThat(r.cseq().method()).isEqualTo(r.method());
        assertThat(r.to().displayName()).contains("%Z%45");
        assertThat(r.from().displayName()).contains("%Z%45");
        assertThat(r.contacts()).extracting(c -> c.address().orElseThrow().uri().toString())
                .containsExactly("sip:alias1@host1.example.com", "sip:alias3@host3.example.com");
        assertThat(r.header("C%6Fntact")).contains("<sip:alias2@host2.example.com>");
        assertThat(r.topVia().branch()).contains("z9hG4bK209%fzsnel234");
    }

    @Test
    void lwsdispReadsADisplayNameRightBeforeTheAngleBracket() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "lwsdisp.dat");

        assertThat(r.from().displayName()).contains("caller");
        assertThat(r.from().uri()).hasToString("sip:caller@example.com");
        assertThat(r.fromTag()).contains("323");
    }

    @Test
    void longreqKeepsLongValuesIntact() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "longreq.dat");

        assertThat(r.to().displayName())
                .contains("I have a user name of " + "extreme".repeat(10) + " proportion");
        SipUri to = (SipUri) r.to().uri();
        assertThat(to.port()).hasValue(6000);
        assertThat(to.parameters().get("unknownparam1")).contains("very" + "long".repeat(20) + "value");
        assertThat(to.parameters().get("longparam" + "name".repeat(25))).contains("shortvalue");
        assertThat(to.parameters().has("very" + "long".repeat(25) + "ParameterNameWithNoValue")).isTrue();
        assertThat(r.from().uri().toString()).contains("amazinglylongcallername".repeat(5) + "@example.net");
        assertThat(r.fromTag()).contains("12" + "982".repeat(50) + "424");
        assertThat(r.from().parameters().get("unknownheaderparam" + "name".repeat(20)))
                .contains("unknowheaderparam" + "value".repeat(15));
        assertThat(r.from().parameters().has("unknownValuelessparam" + "nameparam".repeat(9) + "name")).isTrue();
        assertThat(r.callId()).isEqualTo("longreq.one" + "really".repeat(20) + "longcallid");
        assertThat(r.header("Unknown-" + "Long".repeat(20) + "-Name")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("unknown-" + "long".repeat(20) + "-value;"));
        assertThat(r.vias()).hasSize(34);
        assertThat(r.vias().get(33).branch()).contains("very" + "long".repeat(50) + "branchvalue");
        assertThat(r.vias().get(33).received()).contains("192.0.2.5");
        assertThat(r.contacts()).singleElement().satisfies(c -> assertThat(c.address().orElseThrow().uri())
                .hasToString("sip:" + "amazinglylongcallername".repeat(5) + "@host5.example.net"));
        assertThat(r.bodyLength()).isEqualTo(150);
    }

    @Test
    void dblreqIsOnlyTheRegisterAndLeavesTheTrailingInviteOut() {
        byte[] datagram = TortureCorpus.bytes(TortureCorpus.RFC4475, "dblreq.dat");
        SipRequest r = (SipRequest) SipParser.parse(datagram);

        assertThat(r.method()).isEqualTo(Method.REGISTER);
        assertThat(r.bodyLength()).isZero();
        assertThat(r.contacts()).singleElement().satisfies(c ->
                assertThat(c.address().orElseThrow().uri()).hasToString("sip:j.user@host.example.com"));
        String wire = new String(r.toBytes(), StandardCharsets.US_ASCII);
        assertThat(wire).startsWith("REGISTER ").endsWith("Content-Length: 0\r\n\r\n").doesNotContain("INVITE");
        assertThat(r.size()).isEqualTo(wire.length()).isLessThan(datagram.length);
    }

    @Test
    void semiuriKeepsTheSemicolonsInTheUserPart() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "semiuri.dat");

        SipUri uri = (SipUri) r.requestUri();
        assertThat(uri.user()).contains("user;par=u%40example.net");
        assertThat(uri.decodedUser()).contains("user;par=u@example.net");
        assertThat(uri.host().text()).isEqualTo("example.com");
        assertThat(uri.parameters().isEmpty()).isTrue();
    }

    @Test
    void transportsAcceptsAnUnknownTransportAmongTheKnownOnes() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "transports.dat");

        assertThat(r.vias()).extracting(Via::transport).containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
        assertThat(r.vias()).extracting(Via::host)
                .containsExactly("t1.example.com", "t2.example.com", "t3.example.com", "t4.example.com",
                        "t5.example.com");
    }

    @Test
    void mpart01FramesABinaryMultipartBodyByContentLength() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "mpart01.dat");

        assertThat(r.method()).isEqualTo(Method.MESSAGE);
        assertThat(r.header(HeaderName.CONTENT_LENGTH)).contains("553");
        assertThat(r.bodyLength()).isEqualTo(553);
        byte[] body = r.body();
        assertThat(body).contains((byte) 0);
        assertThat(new String(body, StandardCharsets.ISO_8859_1))
                .startsWith("--7a9cbec02ceef655\r\nContent-Type: text/plain\r\n")
                .contains("\r\n--7a9cbec02ceef655\r\nContent-Type: application/octet-stream\r\n")
                .contains("--7a9cbec02ceef655--");
        assertThat(r.contentType().orElseThrow().type()).isEqualTo("multipart");
        assertThat(r.contentType().orElseThrow().subtype()).isEqualTo("mixed");
        assertThat(r.contentType().orElseThrow().parameter("boundary")).contains("7a9cbec02ceef655");
    }

    @Test
    void unreasonKeepsAUtf8ReasonPhrase() {
        SipResponse r = (SipResponse) TortureCorpus.parse(TortureCorpus.RFC4475, "unreason.dat");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.reasonPhrase()).isEqualTo("= 2**3 * 5**2 но сто девяносто девять - простое");
        assertThat(r.bodyLength()).isEqualTo(154);
    }

    @Test
    void noreasonHasAnEmptyReasonPhrase() {
        SipResponse r = (SipResponse) TortureCorpus.parse(TortureCorpus.RFC4475, "noreason.dat");

        assertThat(r.statusCode()).isEqualTo(100);
        assertThat(r.reasonPhrase()).isEmpty();
        assertThat(r.startLine()).isEqualTo("SIP/2.0 100 ");
    }

    // ---- §3.1.2: what the refusals say --------------------------------------------------------

    @Test
    void baddnIsRefusedForItsDisplayNamesOnceItsHeaderSectionIsClosed() {
        byte[] archive = TortureCorpus.bytes(TortureCorpus.RFC4475, "baddn.dat");
        byte[] closed = Arrays.copyOf(archive, archive.length + 2);
        closed[archive.length] = '\r';
        closed[archive.length + 1] = '\n';

        Validation validation = MessageValidator.standard().validate(SipParser.parse(closed));

        assertThat(validation.refusal()).hasValueSatisfying(f -> {
            assertThat(f.statusCode()).isEqualTo(400);
            assertThat(f.reason()).isEqualTo("From: display name must be a quoted string or tokens");
        });
        assertThat(validation.findings()).extracting(Finding::reason)
                .contains("To: display name must be a quoted string or tokens");
    }

    @Test
    void scalar02ReportsEveryOverlargeValue() {
        Validation validation = validate("scalar02.dat");

        assertThat(validation.findings()).extracting(Finding::reason).anySatisfy(r -> assertThat(r)
                .startsWith("Max-Forwards")).anySatisfy(r -> assertThat(r).startsWith("Expires"));
    }

    @Test
    void insufNamesEveryMissingHeader() {
        assertThat(validate("insuf.dat").findings()).extracting(Finding::reason)
                .contains("From: missing", "To: missing", "Call-ID: missing");
    }

    @Test
    void multi01NamesEveryRepeatedSingleValueHeader() {
        assertThat(validate("multi01.dat").findings()).extracting(Finding::reason)
                .contains("From: appears more than once", "To: appears more than once",
                        "Call-ID: appears more than once", "CSeq: appears more than once",
                        "Max-Forwards: appears more than once");
    }

    // ---- §3.3 application layer: role-dependent answers -----------------------------------------

    @Test
    void bext01ListsTheRequireTagsToAUasAndTheProxyRequireTagsToAProxy() {
        Validation validation = validate("bext01.dat");

        assertThat(validation.firstRefusal(ElementRole.UAS).orElseThrow().responseHeaders())
                .containsExactly(new HeaderField("Unsupported", "nothingSupportsThis, nothingSupportsThisEither"));
        assertThat(validation.firstRefusal(ElementRole.PROXY).orElseThrow().responseHeaders())
                .containsExactly(new HeaderField("Unsupported", "noProxiesSupportThis, norDoAnyProxiesSupportThis"));
    }

    @Test
    void unknownRequestUriSchemesAreKeptAsWrittenAndAnswered416ByEveryRole() {
        for (String file : List.of("unkscm.dat", "novelsc.dat")) {
            SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, file);
            assertThat(r.requestUri()).isInstanceOf(AbsoluteUri.class);
            Finding f = MessageValidator.standard().validate(r).firstRefusal(ElementRole.PROXY).orElseThrow();
            assertThat(f.appliesToEveryElement()).isTrue();
            assertThat(f.reason()).contains("routing must not fall back to To");
        }
        assertThat(((SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "unkscm.dat")).requestUri())
                .hasToString("nobodyKnowsThisScheme:totallyopaquecontent");
        assertThat(((SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "novelsc.dat")).requestUri().scheme())
                .isEqualTo("soap.beep");
    }

    @Test
    void unksm2ParsesUnknownSchemesInHeadersAndOnlyARegistrarRefusesIt() {
        SipRequest r = (SipRequest) TortureCorpus.parse(TortureCorpus.RFC4475, "unksm2.dat");

        assertThat(r.to().uri()).hasToString("isbn:2983792873");
        assertThat(r.from().uri().scheme()).isEqualTo("http");
        assertThat(r.contacts()).singleElement().satisfies(c ->
                assertThat(c.address().orElseThrow().uri()).hasToString("name:John_Smith"));
        assertThat(MessageValidator.standard().validate(r).firstRefusal(ElementRole.REGISTRAR).orElseThrow()
                .reason()).contains("the address-of-record in To is a isbn URI");
    }

    @Test
    void invutAndSdp01TellAUasWhichBodyTypesItReads() {
        Finding invut = validate("invut.dat").firstRefusal(ElementRole.UAS).orElseThrow();
        Finding sdp01 = validate("sdp01.dat").firstRefusal(ElementRole.UAS).orElseThrow();

        assertThat(invut.reason()).contains("application/unknownformat");
        assertThat(invut.responseHeaders()).extracting(HeaderField::name).containsExactly("Accept");
        assertThat(sdp01.responseHeaders()).extracting(HeaderField::name).containsExactly("Accept");
    }

    @Test
    void unknownMethodsGetA501WithAllowFromAUasAndAreForwardedByAProxy() {
        for (String file : List.of("intmeth.dat", "esc02.dat")) {
            Validation validation = validate(file);
            assertThat(validation.firstRefusal(ElementRole.UAS).orElseThrow().responseHeaders())
                    .extracting(HeaderField::name).containsExactly("Allow");
            assertThat(validation.forRole(ElementRole.PROXY)).as(file).isEmpty();
        }
    }

    @Test
    void regaut01NotesTheUnknownAuthorizationSchemeForARegistrarOnly() {
        assertThat(validate("regaut01.dat").findings()).singleElement().satisfies(f -> {
            assertThat(f.roles()).containsExactly(ElementRole.REGISTRAR);
            assertThat(f.isRefusal()).isFalse();
        });
    }

    @Test
    void zeromfIsProcessedNormallyByAUas() {
        Validation validation = validate("zeromf.dat");

        assertThat(validation.forRole(ElementRole.UAS)).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("a UAS processes it normally"));
    }

    @Test
    void bcastIsAResponseTheProxyDropsRatherThanBroadcast() {
        SipMessage m = TortureCorpus.parse(TortureCorpus.RFC4475, "bcast.dat");

        assertThat(m.isRequest()).isFalse();
        assertThat(m.vias().get(1).host()).isEqualTo("255.255.255.255");
        assertThat(MessageValidator.standard().validate(m).findings()).singleElement()
                .satisfies(f -> assertThat(f.roles()).isEqualTo(Set.of(ElementRole.PROXY)));
    }

    @Test
    void cparam01ReadsAnUnbracketedParameterAsAContactParameter() {
        Address a = contactAddress("cparam01.dat");

        assertThat(a.parameters().has("unknownparam")).isTrue();
        assertThat(((SipUri) a.uri()).parameters().isEmpty()).isTrue();
        assertThat(a.uri()).hasToString("sip:+19725552222@gw1.example.net");
    }

    @Test
    void cparam02ReadsABracketedParameterAsAUriParameter() {
        Address a = contactAddress("cparam02.dat");

        assertThat(a.parameters().isEmpty()).isTrue();
        assertThat(((SipUri) a.uri()).parameters().has("unknownparam")).isTrue();
        assertThat(a.uri()).hasToString("sip:+19725552222@gw1.example.net;unknownparam");
    }

    @Test
    void regescrtKeepsTheEscapedRouteHeaderInTheContactUri() {
        SipUri uri = (SipUri) contactAddress("regescrt.dat").uri();

        assertThat(uri.headers().get("Route")).contains("%3Csip:sip.example.com%3E");
        assertThat(UriEscapes.decode(uri.headers().get("Route").orElseThrow())).isEqualTo("<sip:sip.example.com>");
        assertThat(uri).hasToString("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
    }

    // ---- §3.4 backward compatibility ------------------------------------------------------------

    @Test
    void inv2543IsReadTheRfc2543Way() {
        byte[] datagram = TortureCorpus.bytes(TortureCorpus.RFC4475, "inv2543.dat");
        SipRequest r = (SipRequest) SipParser.parse(datagram);

        assertThat(r.topVia().branch()).isEmpty();
        assertThat(r.fromTag()).isEmpty();
        assertThat(r.maxForwards()).isEmpty();
        assertThat(r.hasHeader(HeaderName.CONTENT_LENGTH)).isFalse();
        // RFC 3261 §18.3: without Content-Length, a datagram's body runs to its end.
        String text = new String(datagram, StandardCharsets.US_ASCII);
        assertThat(r.bodyLength()).isEqualTo(datagram.length - (text.indexOf("\r\n\r\n") + 4));
        assertThat(r.bodyText()).startsWith("v=0\r\n").endsWith("m=audio 49217 RTP/AVP 0\r\n");
        assertThat(r.size()).isEqualTo(datagram.length);
    }

    private static Validation validate(String file) {
        return MessageValidator.standard().validate(TortureCorpus.parse(TortureCorpus.RFC4475, file));
    }

    private static Address contactAddress(String file) {
        List<Contact> contacts = TortureCorpus.parse(TortureCorpus.RFC4475, file).contacts();
        assertThat(contacts).hasSize(1);
        return contacts.get(0).address().orElseThrow();
    }
}
