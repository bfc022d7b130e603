package org.parley.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.proxy.store.postgres.PostgresConfig;
import org.parley.proxy.store.postgres.PostgresSubscriberStore;
import org.parley.proxy.store.sqlite.SqliteDatabase;
import org.parley.proxy.store.sqlite.SqliteStoreException;
import org.parley.proxy.store.sqlite.SqliteSubscriberStore;
import org.parley.server.config.ConfigException;
import org.parley.server.config.ConfigLoader;
import org.parley.server.config.ServerConfig;
import org.parley.server.config.StorageConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code parley user} command does around its own work: checks its arguments, opens the
 * subscriber store in the data directory, runs, closes the store, and turns a {@link CliException}
 * or a store failure into a message on stderr and an exit code (1 failed, 2 bad usage).
 *
 * <p>The store is SQLite ({@code DIR/parley.db}), the one a Parley server with the default
 * configuration reads; it reads through to the file on every lookup, so a running server sees the
 * change at its next request. Thread model: runs on the main thread; the store answers on its own.
 */
abstract class SubscriberCommand implements Callable<Integer> {
    /** How long one store operation may take before the command gives up. */
    private static final int TIMEOUT_SECONDS = 30;

    @Option(names = "--config", paramLabel = "FILE", description = "use the store the server's configuration file "
            + "names (storage: sqlite in its dataDirectory, or postgres); instead of --data and --postgres")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "the data directory holding parley.db (default: ./data, created when missing)")
    Path data = SqliteDatabase.DEFAULT_DATA_DIRECTORY;

    @Option(names = "--postgres", paramLabel = "JDBC_URL", description = "use the shared PostgreSQL subscriber "
            + "store at this URL (e.g. jdbc:postgresql://db.example.com:5432/parley) instead of --data")
    String postgres;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "parley",
            description = "with --postgres: the database user (default: ${DEFAULT-VALUE})")
    String postgresUser;

    @Option(names = "--postgres-password-env", paramLabel = "VAR",
            description = "with --postgres: the environment variable holding the database password (else asked)")
    String postgresPasswordEnv;

    @Spec
    CommandSpec spec;

    /** Checks the arguments (and reads a password) before the store is opened. */
    abstract void prepare();

    /** The command's work on the open store; returns the exit code. */
    abstract int run(SubscriberStore store, PrintWriter out);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        try {
            prepare();
            if (config != null) {
                useConfiguredStore();
            }
            if (postgres != null) {
                String password = PasswordSource.read(postgresPasswordEnv, "--postgres", postgresUser + " at "
                        + postgres, false);
                try (PostgresSubscriberStore store = PostgresSubscriberStore.open(PostgresConfig.of(postgres,
                        postgresUser, password))) {
                    return run(store, out);
                } catch (IllegalStateException e) {
                    // The store's message names the database and what failed (connect, log in, schema).
                    err.println(name + ": " + e.getMessage());
                    return CliException.FAILED;
                }
            }
            try (SqliteSubscriberStore store = SqliteSubscriberStore.open(SqliteDatabase.open(data))) {
                return run(store, out);
            }
        } catch (CliException e) {
            err.println(name + ": " + e.getMessage());
            return e.exitCode();
        } catch (ConfigException e) {
            // Its message names the file, the key and what was expected.
            err.println(name + ": " + e.getMessage());
            return CliException.USAGE;
        } catch (SqliteStoreException e) {
            err.println(name + ": " + e.getMessage());
            return CliException.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Takes the store from {@link #config}, as {@code parley server --config} does: the SQLite file in
     * its data directory, or its PostgreSQL database (issue #6: "in whichever store the configuration
     * names").
     *
     * @throws CliException (usage) when {@code --data} or {@code --postgres} is given as well
     * @throws ConfigException when the file cannot be read or is refused
     */
    private void useConfiguredStore() {
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--data") || parsed.hasMatchedOption("--postgres")) {
            throw new CliException(CliException.USAGE, "--config names the store; leave out --data and --postgres");
        }
        ServerConfig loaded = ConfigLoader.load(config);
        StorageConfig storage = loaded.storage();
        if (storage.kind() == StorageConfig.Kind.POSTGRES) {
            postgres = storage.postgresUrl().orElseThrow();
            postgresUser = storage.postgresUser();
            postgresPasswordEnv = storage.postgresPasswordEnv().orElseThrow();
        } else {
            data = loaded.dataDirectory();
        }
    }

    /**
     * The result of a store operation.
     *
     * @throws SqliteStoreException when the store failed (its message names the file)
     * @throws CliException when it did not answer in time or the wait was interrupted
     */
    static <T> T await(CompletableFuture<T> operation) {
        try {
            return operation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SqliteStoreException s) {
                throw s;
            }
            throw new CliException(CliException.FAILED, "the subscriber store failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new CliException(CliException.FAILED, "the subscriber store did not answer within "
                    + TIMEOUT_SECONDS + " s (another process holding the database?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.FAILED, "interrupted");
        }
    }
}
