package org.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.message.HeaderName;
import org.parley.message.ResponseBuilder;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.header.Address;
import org.parley.message.validation.ElementRole;
import org.parley.message.validation.Finding;
import org.parley.message.validation.MessageValidator;
import org.parley.message.validation.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley lint [FILE|-]}: reads one SIP message, prints a summary and its canonical form, and
 * says whether a SIP element may accept it and, when the answer depends on the element's role, what
 * each role does. Exit 0 when some element may accept the message, 1 when none may, 2 when the file
 * cannot be read.
 *
 * <p>The message is taken as one datagram (the way RFC 4475 presents its torture tests): the body
 * ends at Content-Length, or at the end of the input when there is none. Thread model: runs on the
 * main thread.
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Check one SIP message against RFC 3261 and print its canonical form.",
            "",
            "Reads raw bytes (CRLF line ends; bare LF is accepted with a warning). Prints a one-line summary, "
                + "the message in canonical form, and a verdict: whether a SIP element may accept it, and if "
                + "not, why and the response an element should send. When the answer depends on the element's "
                + "role (UAS, proxy, registrar), prints what each role does.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  parley lint invite.sip        check a message saved to a file",
            "  parley lint - < invite.sip    the same, from standard input",
            "  parley lint bext01.dat        an RFC 4475 message whose answer depends on the role",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:some SIP element may accept the message (role-dependent answers are printed)",
            "1:no SIP element may accept it as it is (broken syntax or a rule every element enforces)",
            "2:bad usage, or the file cannot be read",
        })
final class LintCommand implements Callable<Integer> {
    /** RFC 3261 §18.1.1's 64 KiB message bound, and more than any test message needs. */
    private static final int MAX_INPUT = 1024 * 1024;

    /** Where "-" reads from. */
    private final InputStream stdin;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = "-",
            description = "the message file; '-' or nothing reads standard input")
    private String file;

    /** A command that reads "-" from standard input; picocli creates it this way. */
    LintCommand() {
        this(System.in);
    }

    /** A command that reads "-" from {@code stdin}: tests hand in bytes without replacing System.in. */
    LintCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        // The message's own control bytes are shown escaped, never sent raw to the terminal.
        PrintWriter out = new PrintWriter(new VisibleWriter(spec.commandLine().getOut()));
        try {
            return lint(out, spec.commandLine().getErr());
        } finally {
            out.flush();
        }
    }

    private int lint(PrintWriter out, PrintWriter err) {
        byte[] input;
        try {
            input = read();
        } catch (IOException e) {
            err.println("parley lint: cannot read " + file + ": " + describe(e));
            return 2;
        }
        LintInput prepared = LintInput.of(input);
        for (String warning : prepared.warnings()) {
            err.println("warning: " + warning);
        }
        SipMessage message;
        try {
            message = new SipParser(LintInput.CONFIG).parseDatagram(prepared.bytes());
        } catch (SipParseException e) {
            out.println(prepared.firstLine() + "  [does not parse]");
            out.println();
            printRefusal(out, e.reason(), prepared.looksLikeResponse(), e.statusCode(), e.reasonPhrase(),
                    Optional.empty());
            return 1;
        }
        out.println(summary(message));
        out.println();
        printCanonical(out, message);
        Validation validation = MessageValidator.standard().validate(message);
        Optional<Finding> refusal = validation.refusal();
        if (refusal.isPresent()) {
            Finding f = refusal.get();
            printRefusal(out, f.reason(), !message.isRequest(), f.statusCode(), f.reasonPhrase(),
                    Optional.of(new Answer(message, f)));
            printOthers(out, validation, f);
            return 1;
        }
        printAcceptable(out, message, validation);
        return 0;
    }

    private byte[] read() throws IOException {
        if (file.equals("-")) {
            byte[] bytes = stdin.readNBytes(MAX_INPUT + 1);
            return checkSize(bytes);
        }
        Path path = Path.of(file);
        if (Files.size(path) > MAX_INPUT) {
            throw new IOException("larger than " + MAX_INPUT + " bytes: not a SIP message");
        }
        return Files.readAllBytes(path);
    }

    private static byte[] checkSize(byte[] bytes) throws IOException {
        if (bytes.length > MAX_INPUT) {
            throw new IOException("more than " + MAX_INPUT + " bytes: not a SIP message");
        }
        return bytes;
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    }

    /** The canonical form, CRLF shown as line breaks; a body that is not text is described, not printed. */
    private static void printCanonical(PrintWriter out, SipMessage m) {
        byte[] canonical = m.toCanonicalBytes();
        int headEnd = canonical.length - m.bodyLength();
        out.print(new String(canonical, 0, headEnd, StandardCharsets.UTF_8).replace("\r\n", "\n"));
        byte[] body = m.body();
        if (body.length == 0) {
            return;
        }
        if (isText(body)) {
            String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
        } else {
            out.println("<" + body.length + " bytes of body that is not UTF-8 text: not shown>");
        }
        out.println();
    }

    private static boolean isText(byte[] body) {
        for (byte b : body) {
            if (b == 0 || b > 0 && b < 32 && b != '\r' && b != '\n' && b != '\t') {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String summary(SipMessage m) {
        String kind = m.isRequest() ? "request" : "response";
        String body = m.hasBody() ? m.bodyLength() + "-byte body" : "no body";
        return m.startLine() + "  [" + kind + ", " + m.headerLineCount() + " header lines, " + body + "]";
    }

    private static void printRefusal(PrintWriter out, String reason, boolean response, int status, String phrase,
            Optional<Answer> answer) {
        out.println("verdict: INVALID - no SIP element may accept this message as it is");
        out.println("  reason: " + reason);
        if (response || status == 0) {
            out.println("  action: every element drops it (a response is never answered)");
            return;
        }
        out.println("  answer: every element responds:");
        String text = answer.map(Answer::render).orElse("SIP/2.0 " + status + " " + phrase + "\n");
        for (String line : text.split("\n")) {
            out.println("    " + line);
        }
    }

    private static void printOthers(PrintWriter out, Validation validation, Finding first) {
        for (Finding f : validation.findings()) {
            if (f != first) {
                out.println("  also: " + (f.isRefusal() ? f.reason() : "note: " + f.reason()));
            }
        }
    }

    private static void printAcceptable(PrintWriter out, SipMessage m, Validation validation) {
        out.println("verdict: valid");
        for (Finding f : validation.findings()) {
            if (isGeneralNote(f)) {
                out.println("  note: " + f.reason());
            }
        }
        List<ElementRole> roles = m.isRequest() && ((SipRequest) m).method().name().equals("REGISTER")
                ? List.of(ElementRole.values())
                : List.of(ElementRole.UAS, ElementRole.PROXY);
        if (!m.isRequest()) {
            boolean any = false;
            for (Finding f : validation.findings()) {
                if (!isGeneralNote(f)) {
                    out.println("  " + roleNames(f) + ": " + describe(f));
                    any = true;
                }
            }
            if (!any) {
                out.println("  every element: hands it to the matching client transaction, or drops it when none "
                        + "matches (RFC 3261 §17.1.3, §18.1.2)");
            }
            return;
        }
        for (ElementRole role : roles) {
            List<Finding> findings = validation.forRole(role).stream().filter(f -> !isGeneralNote(f)).toList();
            Optional<Finding> refusal = findings.stream().filter(Finding::isRefusal).findFirst();
            if (refusal.isPresent()) {
                out.println("  " + role.label() + ": " + describe(refusal.get()));
            } else {
                out.println("  " + role.label() + ": processes it normally");
            }
            for (Finding f : findings) {
                if (!f.isRefusal()) {
                    out.println("    note: " + f.reason());
                }
            }
        }
    }

    private static boolean isGeneralNote(Finding f) {
        return f.action() == Finding.Action.NOTE && f.appliesToEveryElement();
    }

    private static String roleNames(Finding f) {
        return String.join("/", f.roles().stream().map(ElementRole::label).sorted().toList());
    }

    private static String describe(Finding f) {
        String extra = f.responseHeaders().isEmpty() ? ""
                : " (" + String.join("; ", f.responseHeaders().stream().map(h -> h.name() + ": " + h.value())
                        .toList()) + ")";
        return switch (f.action()) {
            case RESPOND -> f.statusCode() + " " + f.reasonPhrase() + extra + " - " + f.reason();
            case DISCARD -> "drops it - " + f.reason();
            case NOTE -> f.reason();
        };
    }

    /** The response an element sends for a refusal, built from the request (RFC 3261 §8.2.6). */
    private record Answer(SipMessage message, Finding finding) {
        private static final SecureRandom RANDOM = new SecureRandom();

        String render() {
            SipResponse response;
            try {
                SipRequest request = (SipRequest) message;
                var builder = SipResponse.responseTo(request, finding.statusCode(), finding.reasonPhrase());
                addToTag(request, builder);
                finding.responseHeaders().forEach(h -> builder.add(h.name(), h.value()));
                response = builder.build();
            } catch (IllegalArgumentException e) {
                return "SIP/2.0 " + finding.statusCode() + " " + finding.reasonPhrase() + "\n";
            }
            return new String(response.toBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").strip() + "\n";
        }

        /** RFC 3261 §8.2.6.2: a UAS adds a To tag to every response but 100 when the request had none. */
        private void addToTag(SipRequest request, ResponseBuilder builder) {
            try {
                Address to = request.to();
                if (to.tag().isEmpty() && finding.statusCode() != 100) {
                    builder.set(HeaderName.TO, to.withTag(newTag()).toString());
                }
            } catch (SipParseException e) {
                // A To that does not parse is echoed as it came; the refusal already names it.
                return;
            }
        }

        private static String newTag() {
            byte[] random = new byte[6];
            RANDOM.nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
    }
}
