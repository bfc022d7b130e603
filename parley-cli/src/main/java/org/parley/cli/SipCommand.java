package org.parley.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.parley.ua.UserAgent;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every SIP command does around its own work: starts a user agent from the shared options,
 * runs the command, closes the user agent, and turns a {@link CliException} into its message on
 * stderr and its exit code.
 *
 * <p>Thread model: runs on the main thread; the user agent's callbacks run on its own threads.
 */
abstract class SipCommand implements Callable<Integer> {
    @Mixin
    SipOptions sip;

    @Spec
    CommandSpec spec;

    /** The URI the command talks to, for the default identity and messages; null when none. */
    abstract String target();

    /** The identity when {@code --from} is not given; null for the default of {@link SipOptions}. */
    String defaultIdentity() {
        return null;
    }

    /** The command's work with a started user agent; returns the exit code. */
    abstract int run(UserAgent ua, PrintWriter out, PrintWriter err) throws InterruptedException;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (UserAgent ua = sip.start(target(), defaultIdentity())) {
            return run(ua, out, err);
        } catch (CliException e) {
            err.println("parley " + spec.name() + ": " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("parley " + spec.name() + ": interrupted");
            return CliException.TIMEOUT;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // A listener that cannot bind, a transport that cannot start.
            err.println("parley " + spec.name() + ": " + e.getMessage());
            return CliException.USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Prints one line whole, flushed: lines come from the main thread and from the user agent's
     * callback threads at once.
     */
    static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
