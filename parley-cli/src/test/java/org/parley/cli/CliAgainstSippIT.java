package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;

/**
 * The packaged {@code parley} tool, run as a process the way users run it, against SIPp on
 * loopback: OPTIONS and MESSAGE answered by SIPp's {@code uas-requests.xml}, and a MESSAGE
 * challenged by {@code uas-digest.xml} (MD5, qop=auth), answered with the password read from the
 * environment variable named by {@code --password-env}, and checked by SIPp's verifyauth; a call
 * answered by {@code uas-answer.xml}; a registration kept and removed, and one authenticated.
 */
class CliAgainstSippIT {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Path JAR = Path.of("target", "parley.jar");

    @BeforeAll
    static void needsSipp() {
        // STYLE.md §9: skipped with a reason where SIPp is missing, never in CI (.ci/run installs it).
        Assumptions.assumeTrue(Sipp.isInstalled() || "true".equals(System.getenv("CI")),
                "sipp is not installed (Debian package " + Sipp.PACKAGE + "); skipping");
    }

    /** What the tool printed and how it exited. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run parley(List<String> env, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar is packaged before the integration tests").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path outFile = Files.createTempFile("parley-out", ".txt");
        Path errFile = Files.createTempFile("parley-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(outFile.toFile())
                .redirectError(errFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        for (int i = 0; i + 1 < env.size(); i += 2) {
            pb.environment().put(env.get(i), env.get(i + 1));
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("parley " + String.join(" ", args) + " did not end within " + LIMIT);
            }
            return new Run(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    private static SippProcess uas(Sipp sipp) {
        return sipp.remote(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060)).start();
    }

    @Test
    void optionsAndMessageAnsweredBySipp() throws Exception {
        try (SippProcess sipp = uas(Sipp.resource("uas-requests.xml").calls(2))) {
            String target = "sip:bob@127.0.0.1:" + sipp.localPort();

            Run options = parley(List.of(), "options", target, "--listen", "udp:127.0.0.1:0");
            Run message = parley(List.of(), "message", target, "hello SIPp", "--listen", "udp:127.0.0.1:0");

            assertThat(options.exitCode()).as(options.err()).isZero();
            assertThat(options.out()).startsWith("SIP/2.0 200 OK").contains("Round trip:");
            assertThat(message.exitCode()).as(message.err()).isZero();
            assertThat(message.out()).startsWith("SIP/2.0 200 OK");
            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).isEqualTo(2);
        }
    }

    @Test
    void messageAnswersTheDigestChallengeWithThePasswordFromTheEnvironment() throws Exception {
        try (SippProcess sipp = uas(Sipp.resource("uas-digest.xml").set("password", "s3cret"))) {
            String target = "sip:bob@127.0.0.1:" + sipp.localPort();

            Run run = parley(List.of("PARLEY_TEST_PW", "s3cret"), "message", target, "authenticated hello",
                    "--user", "alice", "--password-env", "PARLEY_TEST_PW", "--listen", "udp:127.0.0.1:0");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("SIP/2.0 200 OK");
            assertThat(run.out() + run.err()).doesNotContain("s3cret");
            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
        }
    }

    @Test
    void theOutboundProxyTakesTheRequestWhateverTheRequestUriNames() throws Exception {
        try (SippProcess sipp = uas(Sipp.resource("uas-requests.xml"))) {
            // example.invalid never resolves: only the proxy's address can have carried the MESSAGE.
            Run run = parley(List.of(), "message", "sip:bob@example.invalid", "via the proxy", "--proxy",
                    "sip:127.0.0.1:" + sipp.localPort(), "--listen", "udp:127.0.0.1:0");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("SIP/2.0 200 OK");
            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            // RFC 3261 §8.1.2: the proxy is a preloaded loose Route; the Request-URI stays the target's.
            assertThat(result.messages()).contains("MESSAGE sip:bob@example.invalid SIP/2.0")
                    .containsPattern("Route: <sip:127\\.0\\.0\\.1:\\d+;lr>");
        }
    }

    @Test
    void callToSippIsAnsweredAndHungUp() throws Exception {
        try (SippProcess sipp = uas(Sipp.resource("uas-answer.xml"))) {
            String target = "sip:service@127.0.0.1:" + sipp.localPort();

            Run run = parley(List.of(), "call", target, "--duration", "1", "--listen", "udp:127.0.0.1:0");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("SIP/2.0 180 Ringing").contains("SIP/2.0 200 OK")
                    .contains("m=audio").contains("Call ended: we hung up");
            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
        }
    }

    @Test
    void registerKeepsTheBindingThenRemovesIt() throws Exception {
        // Two REGISTERs on one Call-ID: SIPp must forget the first at once to take the second.
        try (SippProcess sipp = uas(Sipp.resource("uas-requests.xml").calls(2).args("-deadcall_wait", "0"))) {
            String aor = "sip:alice@127.0.0.1:" + sipp.localPort();

            Run run = parley(List.of(), "register", aor, "--expires", "60", "--keep", "--duration", "1",
                    "--listen", "udp:127.0.0.1:0");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("SIP/2.0 200 OK").contains("Bindings (1):")
                    .containsPattern("expires in 60 s +\\(this one\\)").contains("Unregistered; no bindings left");
            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            assertThat(result.successfulCalls()).isEqualTo(2);
        }
    }

    @Test
    void registerAnswersTheChallengeAndLeavesTheBinding() throws Exception {
        try (SippProcess sipp = uas(Sipp.resource("uas-digest.xml").set("password", "s3cret"))) {
            String aor = "sip:alice@127.0.0.1:" + sipp.localPort();

            Run run = parley(List.of("PARLEY_TEST_PW", "s3cret"), "register", aor, "--user", "alice",
                    "--password-env", "PARLEY_TEST_PW", "--listen", "udp:127.0.0.1:0");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("SIP/2.0 200 OK").doesNotContain("Unregistered");
            SippResult result = sipp.awaitExit(LIMIT);
            assertThat(result.isSuccess()).as(result.describe()).isTrue();
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndExitsOne() throws Exception {
        try (SippProcess sipp = uas(Sipp.resource("uas-digest.xml").set("password", "right"))) {
            String target = "sip:bob@127.0.0.1:" + sipp.localPort();

            Run run = parley(List.of("PARLEY_TEST_PW", "wrong"), "message", target, "hi", "--user", "alice",
                    "--password-env", "PARLEY_TEST_PW", "--listen", "udp:127.0.0.1:0");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).startsWith("SIP/2.0 403 Forbidden");
        }
    }
}
