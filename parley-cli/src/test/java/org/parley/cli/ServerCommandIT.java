package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ua.UserAgent;

/**
 * {@code parley server} as a process of its own (the test JVM's class path), on 127.0.0.1 port-0
 * listeners and a temporary data directory: the printed ports are read back, a user added with
 * {@code parley user add --data} while it runs registers, SIGHUP reloads the file without stopping it,
 * and SIGTERM stops it gracefully (exit status 143, as for any JVM ended by SIGTERM).
 */
class ServerCommandIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\w+) (\\S+):(\\d+)");
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    private Process process;
    private Path stdout;
    private Path stderr;

    @AfterEach
    void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts the tool with {@code args}; its stdout and stderr go to files (a pipe read while the process
     * exits may lose its last lines).
     */
    private void start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        stdout = dir.resolve("stdout.txt");
        stderr = dir.resolve("stderr.txt");
        process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /**
     * The lines of {@code file} up to and including the first (after {@code skip} lines) containing
     * {@code marker}, polled every 100 ms (waiting on the process, which ends the wait early when it
     * exits) for at most {@link #WAIT_SECONDS}.
     */
    private List<String> readUntil(Path file, String marker, int skip) throws IOException, InterruptedException {
        for (int round = 0; round < WAIT_SECONDS * 10; round++) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = skip; i < lines.size(); i++) {
                if (lines.get(i).contains(marker)) {
                    return lines.subList(0, i + 1);
                }
            }
            if (!process.isAlive() && round > 0) {
                break;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no \"" + marker + "\" in " + file + " within " + WAIT_SECONDS + " s; stdout: "
                + Files.readString(stdout) + "\nstderr: " + Files.readString(stderr));
    }

    @Test
    void startsPrintsItsPortsRegistersANewUserReloadsOnSighupAndStopsOnSigterm() throws Exception {
        Path config = dir.resolve("parley.yaml");
        Files.writeString(config, "log: {level: INFO}\n");
        Path data = dir.resolve("data");
        start("server", "--config", config.toString(), "--listen", "udp:127.0.0.1:0", "--listen", "tcp:127.0.0.1:0",
                "--domain", "127.0.0.1", "--data", data.toString(), "--no-admin");
        List<String> banner = readUntil(stdout, "Ctrl-C or SIGTERM stops gracefully", 0);
        int udp = -1;
        int tcp = -1;
        for (String line : banner) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                if (m.group(1).equals("udp")) {
                    udp = Integer.parseInt(m.group(3));
                } else if (m.group(1).equals("tcp")) {
                    tcp = Integer.parseInt(m.group(3));
                }
            }
        }
        assertThat(udp).as("udp port in %s", banner).isPositive();
        assertThat(tcp).as("tcp port in %s", banner).isPositive();
        assertThat(String.join("\n", banner)).contains("domains: 127.0.0.1")
                .contains("./parley user add alice@127.0.0.1 --password-env PASS --data " + data)
                .contains("SIGHUP reloads --config");

        CliRun add = new CliRun();
        assertThat(add.run("user", "add", "alice@127.0.0.1", "--password-env", "PARLEY_TEST_USER_PASSWORD", "--data",
                data.toString())).as(add.err.toString()).isZero();
        try (UserAgent alice = UserAgent.builder().identity("sip:alice@127.0.0.1")
                .account("alice", System.getenv("PARLEY_TEST_USER_PASSWORD")).listen("udp:127.0.0.1:0").start()) {
            assertThat(alice.register("sip:127.0.0.1:" + udp).start().get(20, TimeUnit.SECONDS)).hasSize(1);
        }

        Files.writeString(config, "log: {level: DEBUG}\nlimits: {maxBindingsPerAor: 5}\n");
        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        assertThat(hup.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(hup.exitValue()).isZero();
        String reloaded = readUntil(stderr, "SIGHUP: reloaded", 0).getLast();
        assertThat(reloaded).contains("restart to apply limits");
        assertThat(process.isAlive()).isTrue();

        process.destroy();
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // 128 + 15: the JVM's status after a SIGTERM, once the shutdown hook (the graceful stop) returned.
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(readUntil(stdout, "stopped", banner.size())).contains("stopped");
    }

    @Test
    void showsTheAdminTokenOnTheFirstStartOnlyAndServesTheListenersAddressWithoutDomain() throws Exception {
        Path data = dir.resolve("data");
        start("server", "--listen", "udp:127.0.0.1:0", "--data", data.toString(), "--admin", "127.0.0.1:0");
        String first = String.join("\n", readUntil(stdout, "Ctrl-C or SIGTERM stops gracefully", 0));
        String token = Files.readString(data.resolve("admin-token")).strip();
        assertThat(first).contains("domains: 127.0.0.1").contains("admin token (shown once").contains(token);
        process.destroy();
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        start("server", "--listen", "udp:127.0.0.1:0", "--data", data.toString(), "--admin", "127.0.0.1:0");
        String second = String.join("\n", readUntil(stdout, "Ctrl-C or SIGTERM stops gracefully", 0));
        assertThat(second).doesNotContain("admin token").doesNotContain(token);
        process.destroy();
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPortInUseIsReportedWithExitCode1() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            start("server", "--listen", "udp:127.0.0.1:" + taken.getLocalPort(), "--domain", "127.0.0.1", "--data",
                    dir.resolve("data").toString(), "--no-admin");
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(readUntil(stderr, "parley server: cannot start", 0).getLast())
                    .contains(String.valueOf(taken.getLocalPort()));
        }
    }
}
