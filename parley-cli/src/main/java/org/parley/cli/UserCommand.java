package org.parley.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.parley.proxy.auth.Subscriber;
import org.parley.proxy.auth.SubscriberStore;
import org.parley.ua.auth.DigestAlgorithm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley user add|passwd|remove|list}: manages the subscribers a Parley server authenticates
 * (RFC 3261 §22), in the SQLite store of the data directory. Passwords are stored only as HA1 hashes
 * for MD5 and SHA-256 (RFC 7616 §3.4.2), the two algorithms Parley challenges with by default, and are
 * read from an environment variable or the terminal, never from the command line.
 *
 * <p>Thread model: confined to the main thread.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage the subscribers a Parley server authenticates (stored as HA1 hashes, never passwords).",
        subcommands = {
            UserCommand.Add.class,
            UserCommand.Passwd.class,
            UserCommand.Remove.class,
            UserCommand.ListUsers.class,
        },
        footerHeading = "%nExamples:%n", footer = {
            "  PW=secret parley user add alice@example.com --password-env PW",
            "  parley user passwd alice@example.com        (asks on the terminal)",
            "  parley user list --domain example.com --data /var/lib/parley",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failed: no such subscriber, one already exists, or the data directory cannot be used",
            "2:bad usage: a missing or bad argument or option, or no password source",
        })
final class UserCommand implements Callable<Integer> {
    /** The algorithms a password is hashed for: Parley's default challenges (SHA-256, then MD5). */
    static final List<DigestAlgorithm> ALGORITHMS = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    @Spec
    CommandSpec spec;

    /** Without a subcommand: prints the usage to stderr. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code user add USER@DOMAIN}: a new subscriber; refuses one that exists. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a subscriber with a password (hashed for SHA-256 and MD5).")
    static final class Add extends WithPassword {
        @Override
        int run(SubscriberStore store, PrintWriter out) {
            if (await(store.find(name.user(), name.realm())).isPresent()) {
                throw new CliException(CliException.FAILED, name + " already exists; change its password with"
                        + " 'parley user passwd'");
            }
            await(store.put(Subscriber.withPassword(name.user(), name.realm(), password, ALGORITHMS)));
            out.println("Added " + name);
            return 0;
        }
    }

    /** {@code user passwd USER@DOMAIN}: a new password for an existing subscriber. */
    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Change a subscriber's password.")
    static final class Passwd extends WithPassword {
        @Override
        int run(SubscriberStore store, PrintWriter out) {
            if (await(store.find(name.user(), name.realm())).isEmpty()) {
                throw new CliException(CliException.FAILED, "no subscriber " + name);
            }
            await(store.put(Subscriber.withPassword(name.user(), name.realm(), password, ALGORITHMS)));
            out.println("Changed the password of " + name);
            return 0;
        }
    }

    /** {@code user remove USER@DOMAIN}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a subscriber.")
    static final class Remove extends Named {
        @Override
        void prepare() {
            parseName();
        }

        @Override
        int run(SubscriberStore store, PrintWriter out) {
            if (!await(store.remove(name.user(), name.realm()))) {
                throw new CliException(CliException.FAILED, "no subscriber " + name);
            }
            out.println("Removed " + name);
            return 0;
        }
    }

    /** {@code user list [--domain D]}: one line per subscriber, ordered by realm then user. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the subscribers, one per line: user, realm and the algorithms hashed for.")
    static final class ListUsers extends SubscriberCommand {
        @Option(names = {"--domain", "--realm"}, paramLabel = "D", description = "only the subscribers of this realm"
                + " (by default a domain's realm is the domain)")
        String realm;

        @Override
        void prepare() {
            if (realm != null && realm.isBlank()) {
                throw CliException.usage("--domain must not be empty");
            }
        }

        @Override
        int run(SubscriberStore store, PrintWriter out) {
            List<Subscriber> all = await(store.list(realm == null ? "" : realm));
            for (Subscriber s : all) {
                String algorithms = s.ha1().keySet().stream().sorted().map(DigestAlgorithm::token)
                        .collect(Collectors.joining(","));
                out.println(s.user() + "\t" + s.realm() + "\t" + algorithms);
            }
            out.println(all.size() + (all.size() == 1 ? " subscriber" : " subscribers"));
            return 0;
        }
    }

    /** The commands that name one subscriber. */
    abstract static class Named extends SubscriberCommand {
        @Parameters(index = "0", paramLabel = "USER@DOMAIN", description = "the subscriber, e.g. alice@example.com")
        String subscriber;

        @Option(names = "--realm", paramLabel = "R", description = "the realm (default: the domain)")
        String realm;

        SubscriberName name;

        void parseName() {
            name = SubscriberName.parse(subscriber, realm);
        }
    }

    /** The commands that set a password. */
    abstract static class WithPassword extends Named {
        @Option(names = "--password-env", paramLabel = "VAR",
                description = "the environment variable holding the password (else it is asked twice on the"
                    + " terminal)")
        String passwordEnv;

        String password;

        @Override
        void prepare() {
            parseName();
            password = PasswordSource.read(passwordEnv, subscriber, name.user(),
                    true);
            if (password.isEmpty()) {
                throw CliException.usage("the password is empty");
            }
        }
    }
}
