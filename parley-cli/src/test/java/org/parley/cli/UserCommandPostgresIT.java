package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.store.postgres.PostgresConfig;
import org.parley.proxy.store.postgres.PostgresSubscriberStore;
import org.parley.testkit.db.PostgresServer;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

/**
 * {@code parley user --postgres}: the shared PostgreSQL subscriber store, on a throw-away server on
 * a free loopback port. The subscriber's password comes from PARLEY_TEST_USER_PASSWORD and the
 * database's from PARLEY_TEST_PG_PASSWORD (set by failsafe), as a user would give them.
 */
class UserCommandPostgresIT {
    private static final String PG_PASSWORD = "pg-secret-1";
    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() {
        Assumptions.assumeTrue(PostgresServer.isInstalled() || "true".equals(System.getenv("CI")),
                "PostgreSQL is not installed (Debian package " + PostgresServer.PACKAGE + "); skipping");
        server = PostgresServer.builder().password(PG_PASSWORD).start();
    }

    @AfterAll
    static void stopPostgres() {
        if (server != null) {
            server.close();
        }
    }

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        String[] withStore = new String[args.length + 6];
        System.arraycopy(args, 0, withStore, 0, args.length);
        System.arraycopy(new String[] {"--postgres", server.jdbcUrl(), "--postgres-user", server.user(),
            "--postgres-password-env", "PARLEY_TEST_PG_PASSWORD"}, 0, withStore, args.length, 6);
        return cli.run(withStore);
    }

    @Test
    void addListAndRemoveInTheSharedStore() {
        assertThat(run("user", "add", "carol@pg.example.com", "--password-env", "PARLEY_TEST_USER_PASSWORD"))
                .as(cli.err.toString()).isZero();
        assertThat(run("user", "list", "--domain", "pg.example.com")).isZero();
        assertThat(cli.out.toString()).contains("carol").contains("pg.example.com");

        // What the registrar of another node reads: HA1 hashes of the password, in PostgreSQL.
        try (PostgresSubscriberStore store = PostgresSubscriberStore.open(PostgresConfig.of(server.jdbcUrl(),
                server.user(), PG_PASSWORD))) {
            Subscriber carol = store.find("carol", "pg.example.com").join().orElseThrow();
            assertThat(carol.userRealmHash(DigestAlgorithm.SHA_256)).hasValue(DigestComputation.userRealmHash(
                    DigestAlgorithm.SHA_256, "carol", "pg.example.com", System.getenv("PARLEY_TEST_USER_PASSWORD")));
            assertThat(store.list("pg.example.com").join()).extracting(Subscriber::user)
                    .isEqualTo(List.of("carol"));
        }

        assertThat(run("user", "remove", "carol@pg.example.com")).isZero();
        assertThat(run("user", "remove", "carol@pg.example.com")).isEqualTo(1);
    }

    @Test
    void aWrongDatabasePasswordFailsNamingTheDatabase() {
        CliRun wrong = new CliRun();
        int code = wrong.run("user", "list", "--postgres", server.jdbcUrl(), "--postgres-user", server.user(),
                "--postgres-password-env", "PARLEY_TEST_USER_PASSWORD");

        assertThat(code).isEqualTo(1);
        assertThat(wrong.err.toString()).contains(server.jdbcUrl().replaceFirst("\\?.*", "").split("//")[1]
                .split("/")[0].split(":")[0]);
    }
}
