package org.parley.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.proxy.store.sqlite.SqliteStoreException;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLogging;
import org.parley.server.config.ConfigException;
import org.parley.server.config.DomainConfig;
import org.parley.server.config.ListenAddress;
import org.parley.server.config.ServerConfig;
import org.parley.server.config.StorageConfig;
import org.parley.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code parley server}: runs a Parley server until SIGTERM or Ctrl-C, then stops it gracefully
 * ({@link ParleyServer#close()}). On start it prints, on stdout, where it listens (the bound ports), the
 * domains it serves, the data directory, the admin endpoint (and its token on the first start) and the
 * command that adds the first user; logs go to stderr. SIGHUP re-reads {@code --config} and applies what
 * may change while running ({@link ParleyServer#reload}).
 *
 * <p>Thread model: the main thread starts the server and waits; the JVM's shutdown hook wakes it
 * and waits for the graceful stop; the SIGHUP handler runs on the JVM's signal thread.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Parley SIP server (registrar) until Ctrl-C or SIGTERM; SIGHUP reloads --config.",
        footerHeading = "%nExamples:%n", footer = {
            "  parley server",
            "  parley server --listen udp:127.0.0.1:5070 --domain example.test",
            "  parley server --config /etc/parley/parley.yaml --data /var/lib/parley",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "143:stopped by SIGTERM after the graceful stop (130 for Ctrl-C): the JVM's 128 + signal",
            "1:could not start: a port in use, an unusable data directory, certificate or database (named)",
            "2:the configuration file or a flag is refused (the message names the file, key or flag)",
        })
final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);
    /** The stop hook waits this much beyond the grace period for the stores to close. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(15);

    @Mixin
    ServerFlags flags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = flags.configuration();
        } catch (ConfigException e) {
            err.println("parley server: " + e.getMessage());
            err.flush();
            return CliException.USAGE;
        } catch (CliException e) {
            err.println("parley server: " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
        ServerLogging.useServerLayout();
        ParleyServer server;
        try {
            server = ParleyServer.start(config);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException | SqliteStoreException e) {
            err.println("parley server: cannot start: " + e.getMessage());
            err.flush();
            return CliException.FAILED;
        }
        try (StopSignal stop = new StopSignal("parley-server", config.limits().shutdownGrace().plus(CLOSE_MARGIN))) {
            // Always handled: the JVM's default for SIGHUP would stop the server.
            HangupSignal.handle(() -> reload(server));
            banner(server, out, flags.config != null);
            stop.await(null);
            out.println("stopping (new requests get 503; open transactions may take up to "
                    + config.limits().shutdownGrace().toSeconds() + " s)");
            out.flush();
            server.close();
            out.println("stopped");
            out.flush();
            return 0;
        } finally {
            server.close();
        }
    }

    /** SIGHUP: re-reads the file and flags; a refused file leaves the running configuration as it is. */
    private void reload(ParleyServer server) {
        try {
            List<String> restart = server.reload(flags.configuration());
            LOG.info("SIGHUP: reloaded {}{}", flags.config,
                    restart.isEmpty() ? "" : "; restart to apply " + String.join(", ", restart));
        } catch (ConfigException | CliException e) {
            LOG.error("SIGHUP: configuration refused, keeping the running one: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Runs on the JVM's signal thread: nothing above it would report the failure.
            LOG.error("SIGHUP: reload failed, keeping the running configuration", e);
        }
    }

    private static void banner(ParleyServer server, PrintWriter out, boolean reloadable) {
        ServerConfig c = server.config();
        out.println("Parley server running");
        for (Transport t : ListenAddress.TRANSPORTS) {
            for (InetSocketAddress a : server.localAddresses(t)) {
                out.println("  listening on " + t.name().toLowerCase(Locale.ROOT) + " " + ListenAddress.format(a));
            }
        }
        List<DomainConfig> domains = c.domains();
        out.println("  domains: " + String.join(", ", server.domains())
                + (domains.stream().map(DomainConfig::realm).distinct().count() == 1
                    && domains.size() > 1 ? " (one realm: " + domains.get(0).realm() + ")" : ""));
        String data = c.dataDirectory().toAbsolutePath().toString();
        out.println("  data: " + data + (c.storage().kind() == StorageConfig.Kind.SQLITE ? " (SQLite)"
                : " (subscribers in PostgreSQL, bindings in Redis)"));
        server.adminAddress().ifPresent(a -> out.println("  admin: http://" + ListenAddress.format(a) + "/"));
        if (c.admin().isPresent() && server.isFirstStart()) {
            out.println("  admin token (shown once; kept in " + c.dataDirectory().resolve("admin-token") + "): "
                    + server.adminToken());
        }
        String domain = domains.get(0).name();
        out.println("Add a user (then register a phone as that user, domain " + domain + ", password PASS):");
        out.println("  PASS=secret ./parley user add alice@" + domain + " --password-env PASS"
                + (c.storage().kind() == StorageConfig.Kind.SQLITE ? " --data " + c.dataDirectory() : ""));
        out.println("Ctrl-C or SIGTERM stops gracefully" + (reloadable ? "; SIGHUP reloads --config" : ""));
        out.flush();
    }
}
