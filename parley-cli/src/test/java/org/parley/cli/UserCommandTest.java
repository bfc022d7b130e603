package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.store.sqlite.SqliteDatabase;
import org.parley.proxy.store.sqlite.SqliteSubscriberStore;
import org.parley.ua.auth.DigestAlgorithm;
import org.parley.ua.auth.DigestComputation;

/**
 * {@code parley user add|passwd|remove|list}, in-process against a temporary data directory. The
 * passwords come from {@code PARLEY_TEST_USER_PASSWORD} and {@code PARLEY_TEST_USER_PASSWORD2}, which
 * the POM sets for the test JVM.
 */
class UserCommandTest {
    private static final String PW_ENV = "PARLEY_TEST_USER_PASSWORD";
    private static final String PW2_ENV = "PARLEY_TEST_USER_PASSWORD2";

    @TempDir
    Path dir;

    private CliRun cli = new CliRun();

    private int run(String... args) {
        cli = new CliRun();
        String[] withData = new String[args.length + 2];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data";
        withData[args.length + 1] = dir.resolve("data").toString();
        return cli.run(withData);
    }

    private Map<DigestAlgorithm, String> storedHashes(String user, String realm) {
        try (SqliteSubscriberStore store = SqliteSubscriberStore.open(SqliteDatabase.open(dir.resolve("data")))) {
            return store.find(user, realm).join().orElseThrow().ha1();
        }
    }

    @Test
    void addStoresTheSha256AndMd5HashesOfThePasswordFromTheEnvironment() {
        assertThat(run("user", "add", "alice@Example.COM", "--password-env", PW_ENV)).isZero();
        assertThat(cli.out.toString()).contains("Added alice (realm example.com)");
        String password = System.getenv(PW_ENV);
        assertThat(password).isNotBlank();
        assertThat(storedHashes("alice", "example.com")).containsOnly(
                Map.entry(DigestAlgorithm.MD5,
                        DigestComputation.userRealmHash(DigestAlgorithm.MD5, "alice", "example.com", password)),
                Map.entry(DigestAlgorithm.SHA_256,
                        DigestComputation.userRealmHash(DigestAlgorithm.SHA_256, "alice", "example.com", password)));
    }

    @Test
    void addRefusesAnExistingSubscriberAndTakesAnExplicitRealm() {
        assertThat(run("user", "add", "sip:bob@example.com", "--realm", "Parley Lab", "--password-env", PW_ENV))
                .isZero();
        assertThat(storedHashes("bob", "Parley Lab")).hasSize(2);
        assertThat(run("user", "add", "bob@example.com", "--realm", "Parley Lab", "--password-env", PW_ENV))
                .isEqualTo(1);
        assertThat(cli.err.toString()).contains("parley user add: bob (realm Parley Lab) already exists");
    }

    @Test
    void passwdChangesTheHashesAndRefusesAnUnknownUser() {
        run("user", "add", "alice@example.com", "--password-env", PW_ENV);
        assertThat(run("user", "passwd", "alice@example.com", "--password-env", PW2_ENV)).isZero();
        assertThat(storedHashes("alice", "example.com")).containsEntry(DigestAlgorithm.SHA_256,
                DigestComputation.userRealmHash(DigestAlgorithm.SHA_256, "alice", "example.com",
                        System.getenv(PW2_ENV)));
        assertThat(run("user", "passwd", "carol@example.com", "--password-env", PW2_ENV)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("no subscriber carol (realm example.com)");
    }

    @Test
    void removeDeletesAndSaysWhenThereIsNoSuchSubscriber() {
        run("user", "add", "alice@example.com", "--password-env", PW_ENV);
        assertThat(run("user", "remove", "alice@example.com")).isZero();
        assertThat(cli.out.toString()).contains("Removed alice (realm example.com)");
        assertThat(run("user", "remove", "alice@example.com")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("parley user remove: no subscriber alice (realm example.com)");
    }

    @Test
    void listShowsUsersRealmsAndAlgorithmsFilteredByDomain() {
        run("user", "add", "carol@b.example", "--password-env", PW_ENV);
        run("user", "add", "bob@a.example", "--password-env", PW_ENV);
        run("user", "add", "alice@b.example", "--password-env", PW_ENV);
        assertThat(run("user", "list")).isZero();
        assertThat(cli.out.toString().lines()).containsExactly("bob\ta.example\tMD5,SHA-256",
                "alice\tb.example\tMD5,SHA-256", "carol\tb.example\tMD5,SHA-256", "3 subscribers");
        assertThat(run("user", "list", "--domain", "b.example")).isZero();
        assertThat(cli.out.toString().lines()).containsExactly("alice\tb.example\tMD5,SHA-256",
                "carol\tb.example\tMD5,SHA-256", "2 subscribers");
    }

    @Test
    void aRunningStoreSeesAUserAddedMeanwhile() {
        try (SqliteSubscriberStore server = SqliteSubscriberStore.open(SqliteDatabase.open(dir.resolve("data")))) {
            assertThat(server.find("dave", "example.com").join()).isEmpty();
            assertThat(run("user", "add", "dave@example.com", "--password-env", PW_ENV)).isZero();
            assertThat(server.find("dave", "example.com").join()).map(Subscriber::user).hasValue("dave");
            assertThat(run("user", "remove", "dave@example.com")).isZero();
            assertThat(server.find("dave", "example.com").join()).isEmpty();
        }
    }

    @Test
    void badArgumentsExitWithTwoAndTouchNothing() {
        assertThat(run("user", "add", "alice", "--password-env", PW_ENV)).isEqualTo(2);
        assertThat(cli.err.toString()).contains("a subscriber is user@domain").contains("\"alice\"");
        assertThat(run("user", "add", "al ice@example.com", "--password-env", PW_ENV)).isEqualTo(2);
        assertThat(run("user", "add", "alice@example.com", "--password-env", "PARLEY_TEST_SURELY_UNSET")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("PARLEY_TEST_SURELY_UNSET: that environment variable is not set");
        assertThat(run("user", "add")).isEqualTo(2);
        assertThat(run("user", "frobnicate")).isEqualTo(2);
        assertThat(run("user", "list", "--no-such-option")).isEqualTo(2);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void configNamesTheStoreTheServerReads() throws Exception {
        Path config = Files.writeString(dir.resolve("parley.yaml"), "dataDirectory: " + dir.resolve("data") + "\n");
        cli = new CliRun();
        assertThat(cli.run("user", "add", "carol@example.com", "--password-env", PW_ENV, "--config",
                config.toString())).isZero();
        assertThat(storedHashes("carol", "example.com")).containsKeys(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);

        cli = new CliRun();
        assertThat(cli.run("user", "list", "--config", config.toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--config names the store; leave out --data and --postgres");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "storage: {type: mysql}\n");
        cli = new CliRun();
        assertThat(cli.run("user", "list", "--config", bad.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains(bad.toString()).contains("storage.type").contains("mysql");
    }

    @Test
    void anUnusableDataDirectoryIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        assertThat(run("user", "list")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("parley user list: cannot create the data directory " + file);
        assertThat(run("user", "add", "alice@example.com", "--password-env", PW_ENV)).isEqualTo(1);
        assertThat(cli.err.toString()).contains(file.toString());
    }

    @Test
    void userWithoutASubcommandPrintsItsUsage() {
        assertThat(new CliRun().run("user")).isEqualTo(2);
        CliRun help = new CliRun();
        assertThat(help.run("user", "--help")).isZero();
        assertThat(help.out.toString()).contains("add").contains("passwd").contains("remove").contains("list");
    }
}
