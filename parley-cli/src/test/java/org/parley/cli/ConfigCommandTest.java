package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.config.ConfigLoader;
import org.parley.server.config.DomainConfig;
import org.parley.server.config.ListenAddress;
import org.parley.server.config.ServerConfig;

/**
 * {@code parley config show} in-process: the defaults, a file, flags over the file, and the refusals of
 * a bad file or flag (exit 2, naming the file and key or the flag). {@code parley server} refuses the
 * same way before starting anything.
 */
class ConfigCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void showsTheDefaultsWithTheDetectedDomains() throws IOException {
        assertThat(cli.run("config", "show")).isZero();
        String yaml = cli.out.toString();
        assertThat(yaml).contains("udp:0.0.0.0:5060", "tcp:0.0.0.0:5060", "tls:0.0.0.0:5061", "ws:0.0.0.0:5066",
                "dataDirectory: data", "admin: 127.0.0.1:8080", "name: 127.0.0.1", "type: sqlite");
        ServerConfig shown = ConfigLoader.load(write(yaml));
        assertThat(shown.toBuilder().domains(List.of()).build()).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        Path file = write("""
                listeners: ["tcp:127.0.0.1:5080"]
                domains: [file.example.test]
                log: {level: DEBUG}
                """);
        assertThat(cli.run("config", "show", "--config", file.toString(), "--listen", "udp:[::1]:0", "--listen",
                "ws:127.0.0.1:0", "--domain", "flag.example.test", "--data", dir.resolve("d").toString(),
                "--no-admin")).isZero();
        ServerConfig shown = ConfigLoader.load(write(cli.out.toString()));
        assertThat(shown.listeners()).extracting(ListenAddress::toString).containsExactly("udp:[::1]:0",
                "ws:127.0.0.1:0");
        assertThat(shown.domains()).containsExactly(DomainConfig.of("flag.example.test"));
        assertThat(shown.dataDirectory()).isEqualTo(dir.resolve("d"));
        assertThat(shown.admin()).isEmpty();
        assertThat(shown.log().level()).isEqualTo("DEBUG");
    }

    @Test
    void aBadFileIsRefusedWithItsKey() throws IOException {
        Path file = write("limits:\n  maxBindingsPerAor: 0\n");
        assertThat(cli.run("config", "show", "--config", file.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("parley config show: " + file + ": limits.maxBindingsPerAor: "
                + "expected a whole number 1..");
        CliRun server = new CliRun();
        assertThat(server.run("server", "--config", file.toString())).isEqualTo(2);
        assertThat(server.err.toString()).contains("parley server: " + file + ": limits.maxBindingsPerAor");
    }

    @Test
    void aBadFlagIsRefusedNamingIt() {
        assertThat(cli.run("config", "show", "--listen", "sctp:127.0.0.1:5060")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--listen: transport must be udp, tcp, tls, ws or wss");
        CliRun both = new CliRun();
        assertThat(both.run("config", "show", "--admin", "127.0.0.1:9000", "--no-admin")).isEqualTo(2);
        assertThat(both.err.toString()).contains("--admin and --no-admin exclude each other");
        CliRun missing = new CliRun();
        assertThat(missing.run("server", "--config", dir.resolve("none.yaml").toString())).isEqualTo(2);
        assertThat(missing.err.toString()).contains("none.yaml: no such file");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "parley", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
