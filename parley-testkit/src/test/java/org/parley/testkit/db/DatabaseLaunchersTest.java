package org.parley.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launchers say before they start anything: missing programs and bad options. */
class DatabaseLaunchersTest {
    @TempDir
    Path empty;

    @Test
    void postgresWithoutItsProgramsNamesTheDebianPackageAndLeavesNoDirectory() throws IOException {
        long before = launcherDirectories("parley-postgres-");

        assertThatThrownBy(() -> PostgresServer.builder().binDirectory(empty).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL is not installed in " + empty)
                .hasMessageContaining("[initdb, postgres, pg_ctl, psql] missing")
                .hasMessageContaining("apt-get install -y --no-install-recommends postgresql");
        assertThat(launcherDirectories("parley-postgres-")).isEqualTo(before);
    }

    @Test
    void redisWithoutItsProgramNamesTheDebianPackage() {
        assertThatThrownBy(() -> RedisServer.builder().executable("parley-no-such-redis-server").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Redis ('parley-no-such-redis-server') is not installed")
                .hasMessageContaining("apt-get install -y --no-install-recommends redis-server");
        assertThatThrownBy(() -> RedisServer.builder().executable(empty.resolve("redis-server").toString()).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Debian package redis-server");
    }

    @Test
    void redisThatExitsAtOnceReportsItsExitAndLeavesNoDirectory() throws IOException {
        Path fake = Files.writeString(empty.resolve("redis-server"),
                "#!/bin/sh\necho 'no redis here' \"$@\"\nexit 3\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        long before = launcherDirectories("parley-redis-");

        assertThatThrownBy(() -> RedisServer.builder().executable(fake.toString()).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Redis exited with code 3")
                .hasMessageContaining("no redis here --port");
        assertThat(launcherDirectories("parley-redis-")).isEqualTo(before);
    }

    @Test
    void redisThatNeverAnswersIsStoppedAfterTheStartTimeout() throws IOException {
        Path fake = Files.writeString(empty.resolve("redis-server"), "#!/bin/sh\nexec sleep 60\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> RedisServer.builder().executable(fake.toString())
                .startTimeout(Duration.ofMillis(300)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not answer PING");
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("sleep")))
                .as("the wedged server was killed").isEmpty();
    }

    @Test
    void refusesNamesPasswordsAndTimeoutsItCannotUse() {
        assertThatThrownBy(() -> PostgresServer.builder().database("Bad-Name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 'Bad-Name'");
        assertThatThrownBy(() -> PostgresServer.builder().user("postgres"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("superuser");
        assertThatThrownBy(() -> PostgresServer.builder().password("it's"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password must be")
                .hasMessageNotContaining("it's");
        assertThatThrownBy(() -> PostgresServer.builder().startTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> RedisServer.builder().startTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout");
    }

    private static long launcherDirectories(String prefix) throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }
}
