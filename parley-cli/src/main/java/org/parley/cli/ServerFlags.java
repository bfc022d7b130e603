package org.parley.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.parley.server.config.ConfigLoader;
import org.parley.server.config.DomainConfig;
import org.parley.server.config.ListenAddress;
import org.parley.server.config.ServerConfig;
import picocli.CommandLine.Option;

/**
 * The options {@code parley server} and {@code parley config show} share: a configuration file and
 * the flags that override it. The effective configuration is the defaults, then the file, then the
 * flags: {@code --listen} and {@code --domain} replace the file's lists (not add to them).
 *
 * <p>Confined to the main thread (picocli fills it; {@link #configuration()} may run again on a
 * reload).
 */
final class ServerFlags {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the YAML configuration file (annotated example: parley.example.yaml); flags override it")
    Path config;

    @Option(names = "--listen", paramLabel = "T:H:P", description = "listen on TRANSPORT:HOST:PORT, transport udp, "
            + "tcp, tls, ws or wss, IPv6 in brackets (udp:[::1]:5060), port 0 for any; repeatable; replaces the "
            + "default listeners (udp and tcp 0.0.0.0:5060, tls :5061, ws :5066)")
    List<String> listen = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "NAME", description = "a domain to serve (its realm is its name); "
            + "repeatable (default: this host's IPv4 addresses and 127.0.0.1)")
    List<String> domains = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR",
            description = "the data directory: SQLite database, certificate, admin token (default: ./data)")
    Path data;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "the admin HTTP endpoint's address (default: 127.0.0.1:8080)")
    String admin;

    @Option(names = "--no-admin", description = "no admin HTTP endpoint")
    boolean noAdmin;

    /**
     * The effective configuration.
     *
     * @throws org.parley.server.config.ConfigException when the file is refused (naming file and key)
     * @throws CliException for a bad flag (exit 2, naming the flag)
     */
    ServerConfig configuration() {
        ServerConfig base = config == null ? ServerConfig.defaults() : ConfigLoader.load(config);
        ServerConfig.Builder b = base.toBuilder();
        try {
            if (!listen.isEmpty()) {
                List<ListenAddress> all = new ArrayList<>();
                for (String l : listen) {
                    all.add(flag("--listen", () -> ListenAddress.parse(l)));
                }
                b.listeners(all);
            }
            if (!domains.isEmpty()) {
                List<DomainConfig> all = new ArrayList<>();
                for (String d : domains) {
                    all.add(flag("--domain", () -> DomainConfig.of(d)));
                }
                b.domains(all);
            }
            if (data != null) {
                b.dataDir(data.normalize());
            }
            if (admin != null && noAdmin) {
                throw CliException.usage("--admin and --no-admin exclude each other");
            }
            if (admin != null) {
                b.admin(flag("--admin", () -> ListenAddress.parseHostPort(admin)));
            } else if (noAdmin) {
                b.noAdmin();
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static <T> T flag(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(name + ": " + e.getMessage());
        }
    }
}
