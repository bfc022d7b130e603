package org.parley.cli;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code parley lint}, run in-process through picocli over every RFC 4475 and RFC 5118 torture
 * message (each file its own case), plus standard input, warnings, errors and help.
 */
class LintCommandTest {
    /** Exit 0: some element may accept the message. */
    private static final String VALID = "valid";
    /** Exit 1, a response: every element drops it. */
    private static final String DROP = "drop";

    /**
     * RFC 4475 file (without ".dat") → what lint says: {@link #VALID}, {@link #DROP}, or the status
     * every element answers. Role-dependent messages are {@link #VALID}: some element may accept them.
     */
    private static final Map<String, String> RFC4475 = Map.ofEntries(
            entry("wsinv", VALID), entry("intmeth", VALID), entry("esc01", VALID), entry("escnull", VALID),
            entry("esc02", VALID), entry("lwsdisp", VALID), entry("longreq", VALID), entry("dblreq", VALID),
            entry("semiuri", VALID), entry("transports", VALID), entry("mpart01", VALID), entry("unreason", VALID),
            entry("noreason", VALID),
            entry("badinv01", "400"), entry("clerr", "400"), entry("ncl", "400"), entry("scalar02", "400"),
            entry("scalarlg", DROP), entry("quotbal", "400"), entry("ltgtruri", "400"), entry("lwsruri", "400"),
            entry("lwsstart", "400"), entry("trws", "400"), entry("escruri", "400"), entry("baddate", VALID),
            entry("regbadct", "400"), entry("badaspec", "400"), entry("baddn", "400"), entry("badvers", "505"),
            entry("mismatch01", "400"), entry("mismatch02", "501"), entry("bigcode", DROP),
            entry("badbranch", VALID),
            entry("insuf", "400"), entry("unkscm", VALID), entry("novelsc", VALID), entry("unksm2", VALID),
            entry("bext01", VALID), entry("invut", VALID), entry("regaut01", VALID), entry("multi01", "400"),
            entry("mcl01", "400"), entry("bcast", VALID), entry("zeromf", VALID), entry("cparam01", VALID),
            entry("cparam02", VALID), entry("regescrt", VALID), entry("sdp01", VALID),
            entry("inv2543", VALID));

    /** RFC 5118 wire copies → what lint says. */
    private static final Map<String, String> RFC5118_WIRE = Map.ofEntries(
            entry("ipv6-good", VALID), entry("ipv6-bad", "400"), entry("port-ambiguous", VALID),
            entry("port-unambiguous", VALID), entry("via-received-param-with-delim", VALID),
            entry("via-received-param-no-delim", VALID), entry("ipv6-in-sdp", VALID),
            entry("mult-ip-in-header", VALID), entry("mult-ip-in-sdp", VALID), entry("ipv4-mapped-ipv6", VALID),
            entry("ipv6-bug-abnf-3-colons", VALID), entry("ipv6-correct-abnf-2-colons", VALID));

    /**
     * RFC 5118 archive copies: as the wire copies, except the two whose Content-Length exceeds their
     * LF body. Lint supplies the empty line the two §4.10 files lack, with a warning.
     */
    private static final Map<String, String> RFC5118_ARCHIVE = archive();

    /** Files whose header section lacks its closing empty line, which lint assumes with a warning. */
    private static final Set<String> UNCLOSED = Set.of("rfc4475/baddn.dat", "rfc5118/ipv6-bug-abnf-3-colons.dat",
            "rfc5118/ipv6-correct-abnf-2-colons.dat");

    private static Map<String, String> archive() {
        Map<String, String> archive = new HashMap<>(RFC5118_WIRE);
        archive.put("ipv6-in-sdp", "400");
        archive.put("mult-ip-in-sdp", "400");
        return Map.copyOf(archive);
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;

    static Stream<String> corpus() {
        List<String> files = new ArrayList<>();
        files.addAll(names("rfc4475", 49));
        files.addAll(names("rfc5118", 12));
        files.addAll(names("rfc5118/wire", 12));
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void lintsEveryTortureMessageWithTheExpectedVerdict(String file) {
        String expected = expectation(file);
        assertThat(expected).as("the table's verdict for " + file).isNotNull();

        int exit = run(null, "lint", root().resolve(file).toString());

        String printed = printed();
        if (expected.equals(VALID)) {
            assertThat(exit).as(printed).isZero();
            assertThat(printed).contains("\nverdict: valid\n");
            if (!printed.startsWith("SIP/")) {
                // A request: what a UAS and a proxy do with it, each on its own line.
                assertThat(printed).containsPattern("\n  UAS: [^\n]+\n").containsPattern("\n  proxy: [^\n]+\n");
            }
        } else {
            assertThat(exit).as(printed).isEqualTo(1);
            assertThat(printed).contains("\nverdict: INVALID - no SIP element may accept this message as it is\n",
                    "\n  reason: ");
            assertThat(printed).contains(expected.equals(DROP)
                    ? "\n  action: every element drops it"
                    : "\n  answer: every element responds:\n    SIP/2.0 " + expected + " ");
        }
        List<String> warnings = new ArrayList<>();
        if (file.startsWith("rfc5118/") && !file.startsWith("rfc5118/wire/")) {
            warnings.add("warning: line ends are bare LF, not CRLF as RFC 3261 §7 requires; read as if they were CRLF");
        }
        if (UNCLOSED.contains(file)) {
            warnings.add("warning: the input ends without the empty line that closes the header section; "
                    + "assumed there");
        }
        assertThat(err.toString().lines()).containsExactlyElementsOf(warnings);
    }

    @Test
    void tablesCoverExactlyTheFilesOfTheCorpus() {
        assertThat(names("rfc4475", 49)).containsExactlyInAnyOrderElementsOf(dat("rfc4475/", RFC4475));
        assertThat(names("rfc5118", 12)).containsExactlyInAnyOrderElementsOf(dat("rfc5118/", RFC5118_ARCHIVE));
        assertThat(names("rfc5118/wire", 12))
                .containsExactlyInAnyOrderElementsOf(dat("rfc5118/wire/", RFC5118_WIRE));
    }

    @Test
    void printsWhatEachRoleDoesWithARoleDependentMessage() {
        assertThat(run(null, "lint", corpusFile("rfc4475/bext01.dat"))).isZero();

        assertThat(printed()).contains(
                "\n  UAS: 420 Bad Extension (Unsupported: nothingSupportsThis, nothingSupportsThisEither) - ",
                "\n  proxy: 420 Bad Extension (Unsupported: noProxiesSupportThis, norDoAnyProxiesSupportThis) - ");
    }

    @Test
    void showsControlCharactersOfTheMessageEscaped() {
        assertThat(run(null, "lint", corpusFile("rfc4475/intmeth.dat"))).isZero();

        assertThat(printed()).contains("To: \"BEL:\\\\x07 NUL:\\\\x00 DEL:\\\\x7F\" <sip:1_unusual.URI")
                .doesNotContain("\u0000").doesNotContain("\u0007");
    }

    @Test
    void printsTheRegistrarsAnswerToARegister() {
        assertThat(run(null, "lint", corpusFile("rfc4475/unksm2.dat"))).isZero();

        assertThat(printed()).contains("\n  UAS: processes it normally\n", "\n  proxy: processes it normally\n",
                "\n  registrar: 400 Bad Request - To is not a SIP URI - ");
    }

    @Test
    void printsTheWholeAnswerToARefusedRequest() {
        assertThat(run(null, "lint", corpusFile("rfc4475/mismatch01.dat"))).isEqualTo(1);

        assertThat(printed()).contains(
                "\n  reason: CSeq method INVITE does not match the request method OPTIONS (RFC 3261 §8.1.1.5)\n",
                "\n    SIP/2.0 400 Bad Request - CSeq method mismatch\n",
                "\n    CSeq: 8 INVITE\n");
    }

    @Test
    void readsStandardInputWhenTheFileIsADash() {
        byte[] zeromf = read("rfc4475/zeromf.dat");

        assertThat(run(new ByteArrayInputStream(zeromf), "lint", "-")).isZero();

        assertThat(printed()).startsWith("OPTIONS sip:user@example.com SIP/2.0  [request, ")
                .contains("\n  UAS: processes it normally\n", "\n  proxy: 483 Too Many Hops - ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void readsStandardInputWhenNoFileIsGiven() {
        byte[] badvers = read("rfc4475/badvers.dat");

        assertThat(run(new ByteArrayInputStream(badvers), "lint")).isEqualTo(1);

        assertThat(printed()).contains("[does not parse]", "\n  reason: SIP version 7.0 is not supported\n",
                "\n    SIP/2.0 505 Version Not Supported\n");
    }

    @Test
    void warnsAboutBareLineFeedsAndStillParses() {
        String lf = new String(read("rfc4475/lwsdisp.dat"), StandardCharsets.US_ASCII).replace("\r\n", "\n");

        int exit = run(new ByteArrayInputStream(lf.getBytes(StandardCharsets.US_ASCII)), "lint", "-");

        assertThat(exit).isZero();
        assertThat(err.toString()).startsWith("warning: line ends are bare LF");
        assertThat(printed()).contains("\nFrom: caller<sip:caller@example.com>;tag=323\n", "\nverdict: valid\n");
    }

    @Test
    void exitsWith2NamingAFileItCannotRead() {
        String missing = tmp.resolve("no-such-message.dat").toString();

        assertThat(run(null, "lint", missing)).isEqualTo(2);

        assertThat(err.toString()).contains("cannot read", missing);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(run(null, "lint", "--help")).isZero();

        assertThat(printed()).contains("Usage: parley lint", "Exit codes:", "\n  0 ", "\n  1 ", "\n  2 ");
    }

    /** What the command printed to stdout, line ends as "\n". */
    private String printed() {
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    /** Runs {@code parley args...} in-process; "-" reads {@code stdin} (or nothing when null). */
    private int run(InputStream stdin, String... args) {
        InputStream in = stdin != null ? stdin : InputStream.nullInputStream();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == LintCommand.class ? type.cast(new LintCommand(in))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new Main(), factory);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String expectation(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.dat$", "");
        if (file.startsWith("rfc4475/")) {
            return RFC4475.get(name);
        }
        return file.startsWith("rfc5118/wire/") ? RFC5118_WIRE.get(name) : RFC5118_ARCHIVE.get(name);
    }

    private static List<String> dat(String folder, Map<String, String> table) {
        return table.keySet().stream().map(n -> folder + n + ".dat").toList();
    }

    /** The corpus folder: system property parley.testdata, set by surefire in the POM. */
    private static Path root() {
        return Path.of(System.getProperty("parley.testdata", "../../shared/testdata"));
    }

    /**
     * The .dat files of {@code folder}, as "folder/name.dat", sorted; fails when the folder is
     * missing or holds fewer than {@code expected}, so a missing corpus cannot run zero cases.
     */
    private static List<String> names(String folder, int expected) {
        Path dir = root().resolve(folder);
        assertThat(dir).as("torture corpus folder (system property parley.testdata)").isDirectory();
        List<String> names;
        try (Stream<Path> list = Files.list(dir)) {
            names = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dat")).sorted()
                    .map(n -> folder + "/" + n).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(names).as(".dat files in " + dir).hasSizeGreaterThanOrEqualTo(expected);
        return names;
    }

    private static String corpusFile(String file) {
        return root().resolve(file).toString();
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(root().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
