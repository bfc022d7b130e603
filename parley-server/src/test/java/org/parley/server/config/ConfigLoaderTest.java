package org.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.transport.Transport;

/**
 * {@link ConfigLoader}: the annotated example holds the true defaults, every section is read, and each
 * kind of error names the file, the key path and what was expected.
 */
class ConfigLoaderTest {
    /** The annotated example at the repository root (the tests run in the module directory). */
    private static final Path EXAMPLE = Path.of("..", "parley.example.yaml");

    @TempDir
    Path dir;

    @Test
    void theAnnotatedExampleLoadsAndItsValuesAreTheDefaults() {
        assertThat(EXAMPLE).exists();
        ServerConfig loaded = ConfigLoader.load(EXAMPLE);
        // The example shows every default; only its domains are an example's.
        ServerConfig expected = ServerConfig.builder().domain("example.com")
                .domain(new DomainConfig("example.org", "example.org")).build();
        assertThat(loaded).isEqualTo(expected);
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        assertThat(ConfigLoader.load(write(""))).isEqualTo(ServerConfig.defaults());
        assertThat(ConfigLoader.load(write("# only a comment\n"))).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void readsEverySection() throws IOException {
        ServerConfig c = ConfigLoader.load(write("""
                listeners:
                  - udp:127.0.0.1:0
                  - transport: tls
                    host: "[::1]"
                    port: 5061
                domains:
                  - Example.COM
                  - name: example.org
                    realm: Example Org
                dataDirectory: /var/lib/parley/
                admin: off
                tls:
                  certificate: cert.pem
                  key: key.pem
                  keyPasswordEnv: KEY_PW
                storage:
                  type: postgres
                  postgres:
                    url: jdbc:postgresql://db:5432/parley
                    passwordEnv: PG_PW
                  redis:
                    uri: redis://cache:6379
                timers: {t1: 250ms, t2: 2s, t4: 4s, timerC: 4m}
                limits: {maxMessageBytes: 8192, maxBindingsPerAor: 3, minExpires: 30s, shutdownGrace: 5s}
                log: {level: debug, accessLog: true, accessLogFile: /var/log/parley/access.log}
                """));
        assertThat(c.listeners()).containsExactly(new ListenAddress(Transport.UDP, "127.0.0.1", 0),
                new ListenAddress(Transport.TLS, "::1", 5061));
        assertThat(c.domains()).containsExactly(new DomainConfig("example.com", "example.com"),
                new DomainConfig("example.org", "Example Org"));
        assertThat(c.dataDirectory()).isEqualTo(Path.of("/var/lib/parley"));
        assertThat(c.admin()).isEmpty();
        assertThat(c.tls()).isEqualTo(new TlsFiles(Optional.of(Path.of("cert.pem")), Optional.of(Path.of("key.pem")),
                Optional.of("KEY_PW")));
        assertThat(c.storage()).isEqualTo(StorageConfig.postgres("jdbc:postgresql://db:5432/parley", "parley", "PG_PW",
                "redis://cache:6379"));
        assertThat(c.timers()).isEqualTo(new Timers(Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofMinutes(4)));
        assertThat(c.limits().maxMessageBytes()).isEqualTo(8192);
        assertThat(c.limits().maxBindingsPerAor()).isEqualTo(3);
        assertThat(c.limits().minExpires()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.limits().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.limits().maxConnections()).isEqualTo(Limits.DEFAULTS.maxConnections());
        assertThat(c.log()).isEqualTo(new LogConfig("DEBUG", true, Path.of("/var/log/parley/access.log")));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown top-level key", "listners: []\n", "listners",
                        "unknown key; expected one of listeners, domains"),
                Arguments.of("unknown nested key", "limits:\n  maxConection: 5\n", "limits.maxConection",
                        "unknown key; expected one of maxMessageBytes"),
                Arguments.of("port out of range", "listeners:\n  - udp:127.0.0.1:5060\n  - tcp:127.0.0.1:5060\n"
                        + "  - {transport: tls, host: 127.0.0.1, port: 70000}\n", "listeners[2].port",
                        "expected a whole number 0..65535, was 70000"),
                Arguments.of("bad listener text", "listeners:\n  - udp:127.0.0.1:5060\n  - sctp:127.0.0.1:5060\n",
                        "listeners[1]", "transport must be udp, tcp, tls, ws or wss, was \"sctp\""),
                Arguments.of("host name as listener", "listeners: [\"udp:example.com:5060\"]\n", "listeners[0]",
                        "host must be an IP address"),
                Arguments.of("missing listener key", "listeners:\n  - {transport: udp, port: 5060}\n",
                        "listeners[0].host", "missing; it is required here"),
                Arguments.of("empty listeners", "listeners: []\n", "listeners", "at least one listener"),
                Arguments.of("text for a number", "limits: {maxConnections: many}\n", "limits.maxConnections",
                        "expected a whole number 1..2147483647, was \"many\""),
                Arguments.of("number for a duration", "timers: {t1: 500}\n", "timers.t1",
                        "expected a duration such as 500ms"),
                Arguments.of("rule across keys", "timers: {t1: 5s, t2: 1s}\n", "timers", "t2 must be at least t1 (5s)"),
                Arguments.of("timer C too short", "timers: {timerC: 3m}\n", "timers", "more than 3m"),
                Arguments.of("expiry order", "limits: {minExpires: 2h}\n", "limits",
                        "minExpires <= defaultExpires <= maxExpires"),
                Arguments.of("missing password variable", "storage:\n  type: postgres\n  postgres:\n"
                        + "    url: jdbc:postgresql://db/parley\n  redis: {uri: \"redis://r:6379\"}\n",
                        "storage.postgres.passwordEnv", "missing; it is required here"),
                Arguments.of("unknown storage", "storage: {type: mysql}\n", "storage.type",
                        "expected sqlite or postgres, was \"mysql\""),
                Arguments.of("postgres keys with sqlite", "storage: {postgres: {url: x}}\n", "storage",
                        "postgres and redis need type: postgres"),
                Arguments.of("bad log level", "log: {level: loud}\n", "log.level",
                        "level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, was \"LOUD\""),
                Arguments.of("not a boolean", "log: {accessLog: maybe}\n", "log.accessLog",
                        "expected true or false, was \"maybe\""),
                Arguments.of("bad admin", "admin: localhost:8080\n", "admin", "host must be an IP address"),
                Arguments.of("bad domain", "domains: [\"exa mple.com\"]\n", "domains[0]",
                        "domain must be a host name or an IP address"),
                Arguments.of("duplicate domain", "domains: [a.example, A.example]\n", "",
                        "domains must differ, was a.example twice"),
                Arguments.of("certificate without key", "tls: {certificate: c.pem}\n", "tls",
                        "tls.certificate and tls.key go together"),
                Arguments.of("a list where a mapping belongs", "limits: [1, 2]\n", "limits", "expected a mapping"),
                Arguments.of("a scalar document", "hello\n", "", "expected a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void refusesABadFileNamingTheFileTheKeyAndWhatWasExpected(String what, String yaml, String key, String expected)
            throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.getMessage()).startsWith(file + ": " + (key.isEmpty() ? "" : key + ": ")).contains(expected);
        });
    }

    @Test
    void refusesDuplicateKeysAndBrokenYamlWithTheLine() throws IOException {
        Path dup = write("log: {level: INFO}\nlog: {level: WARN}\n");
        assertThatThrownBy(() -> ConfigLoader.load(dup)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dup + ": not valid YAML").hasMessageContaining("Duplicate");
        Path broken = write("limits:\n  maxConnections: 5\n bad indentation: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(broken + ": not valid YAML (line ");
    }

    @Test
    void refusesAnAliasBombAndAnOversizedFileQuickly() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        Path file = write(bomb.toString());
        // 9^10 strings if the aliases were copied; the tree is read without expanding them, at once.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file + ": a: unknown key"));
        Path big = write("# " + "x".repeat((int) ConfigLoader.MAX_FILE_BYTES) + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(big)).isInstanceOf(ConfigException.class)
                .hasMessage(big + ": larger than 1048576 bytes; not a configuration");
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void printedConfigurationLoadsBackEqualWithSecretsMasked() throws IOException {
        ServerConfig c = ServerConfig.builder().listen("udp:[::1]:0").listen("wss:0.0.0.0:5067")
                .domain(new DomainConfig("example.com", "Example Realm")).noAdmin()
                .timers(new Timers(Duration.ofMillis(300), Duration.ofSeconds(4), Duration.ofSeconds(5),
                        Duration.ofMinutes(4)))
                .build();
        assertThat(ConfigLoader.load(write(ConfigPrinter.toYaml(c)))).isEqualTo(c);
        assertThat(ConfigLoader.load(write(ConfigPrinter.toYaml(ServerConfig.defaults()))))
                .isEqualTo(ServerConfig.defaults());

        ServerConfig shared = ServerConfig.builder().storage(StorageConfig.postgres(
                "jdbc:postgresql://db/parley?password=hunter2&ssl=true", "parley", "PG_PW",
                "redis://:s3cret@cache:6379")).build();
        String yaml = ConfigPrinter.toYaml(shared);
        assertThat(yaml).doesNotContain("hunter2").doesNotContain("s3cret")
                .contains("password=***&ssl=true").contains("redis://***@cache:6379").contains("passwordEnv: PG_PW");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "parley", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void listsEveryTopLevelKeyInTheExample() throws IOException {
        String example = Files.readString(EXAMPLE);
        for (String key : List.of("listeners:", "domains:", "dataDirectory:", "admin:", "tls:", "storage:",
                "timers:", "limits:", "log:")) {
            assertThat(example).contains("\n" + key);
        }
        for (String key : List.of("maxMessageBytes", "maxHeaderCount", "maxConnections", "maxConnectionsPerAddress",
                "idleTimeout", "maxBindings", "maxBindingsPerAor", "minExpires", "defaultExpires", "maxExpires",
                "shutdownGrace", "t1", "t2", "t4", "timerC", "level", "accessLog", "accessLogFile", "certificate",
                "keyPasswordEnv", "passwordEnv", "uri")) {
            assertThat(example).contains(key + ":");
        }
    }
}
