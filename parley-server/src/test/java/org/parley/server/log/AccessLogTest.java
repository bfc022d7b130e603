package org.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.transport.Transport;

/** {@link AccessLog}: the line format, appending, and dropping instead of blocking. */
class AccessLogTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T03:16:02.123456Z"));
    private static final FakeServerTransaction REGISTER = FakeServerTransaction.of("REGISTER", "a84b4c76e66710@pc33",
            Transport.UDP, new InetSocketAddress("192.0.2.4", 5060));
    private static final FakeServerTransaction INVITE = FakeServerTransaction.of("INVITE", "call-2",
            Transport.TCP, new InetSocketAddress("::1", 40_001));

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerServerTransactionWithTimeCallIdMethodSourceStatusAndMilliseconds() throws IOException {
        Path file = dir.resolve("logs/access.log");
        try (AccessLog log = AccessLog.open(AccessLogConfig.of(file), CLOCK)) {
            log.onServerAnswered(REGISTER, 200, 1_234_567);
            log.onServerAnswered(INVITE, 486, 45_000);
            log.onClientCompleted(null, 200, 1);
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "2026-11-22T03:16:02.123Z a84b4c76e66710@pc33 REGISTER udp:192.0.2.4:5060 200 1.234",
                "2026-11-22T03:16:02.123Z call-2 INVITE tcp:[0:0:0:0:0:0:0:1]:40001 486 0.045");
    }

    @Test
    void appendsToTheLinesAlreadyInTheFile() throws IOException {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier line\n");
        try (AccessLog log = AccessLog.open(AccessLogConfig.of(file), CLOCK)) {
            log.onServerAnswered(REGISTER, 401, 2_000_000_000L);
        }
        assertThat(Files.readAllLines(file)).containsExactly("earlier line",
                "2026-11-22T03:16:02.123Z a84b4c76e66710@pc33 REGISTER udp:192.0.2.4:5060 401 2000.000");
    }

    @Test
    void dropsAndCountsLinesWhenTheQueueIsFullInsteadOfWaiting() {
        StringWriter out = new StringWriter();
        AccessLog log = AccessLog.create(new AccessLogConfig(dir.resolve("unused"), 2), CLOCK, out);
        for (int i = 0; i < 5; i++) {
            log.onServerAnswered(REGISTER, 200, 1_000_000);
        }
        assertThat(log.dropped()).isEqualTo(3);
        log.start();
        log.close();
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(log.written()).isEqualTo(2);
        log.onServerAnswered(REGISTER, 200, 1_000_000);
        assertThat(log.dropped()).as("after close").isEqualTo(4);
    }

    @Test
    void exposesItsCountersToMetrics() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AccessLog log = AccessLog.open(AccessLogConfig.of(dir.resolve("a.log")), CLOCK)) {
            log.bindTo(registry);
            log.onServerAnswered(REGISTER, 200, 1);
        }
        assertThat(registry.get("parley.access.log.lines").functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get("parley.access.log.dropped").functionCounter().count()).isZero();
    }

    @Test
    void namesAFileItCannotOpen() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        assertThatThrownBy(() -> AccessLog.open(AccessLogConfig.of(directory), CLOCK)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot open the access log").hasMessageContaining(directory.toString());
    }

    @Test
    void refusesAQueueOfNoLines() {
        assertThatThrownBy(() -> new AccessLogConfig(dir.resolve("x"), 0))
                .hasMessage("queueCapacity must be 1..16777216, was 0");
    }
}
