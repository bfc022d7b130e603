package org.parley.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.ua.Binding;
import org.parley.ua.Registration;
import org.parley.ua.RegistrationException;
import org.parley.ua.RegistrationOptions;
import org.parley.ua.UserAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley register AOR}: registers this machine as a contact of the address-of-record (RFC
 * 3261 §10.2), answering the registrar's challenge, and prints the registrar's answer and every
 * binding it reports. Without {@code --keep} the binding stays at the registrar until it expires;
 * with it, the registration is refreshed until Ctrl-C (or {@code --duration}), then removed.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register an address-of-record (REGISTER), print the bindings the registrar reports; with --keep,"
            + " refresh until Ctrl-C, then unregister.",
        footerHeading = "%nExamples:%n", footer = {
            "  PW=secret parley register sip:alice@example.com --user alice --password-env PW",
            "  PW=secret parley register sip:alice@127.0.0.1:5060 --user alice --password-env PW --expires 60 --keep",
        })
final class RegisterCommand extends SipCommand {
    @Parameters(index = "0", paramLabel = "AOR", description = "the address-of-record, e.g. sip:alice@example.com;"
            + " the REGISTER goes to its domain (sip:example.com) unless --registrar or --proxy says otherwise")
    String aor;

    @Option(names = "--registrar", paramLabel = "URI", description = "the registrar's URI (default: the AOR's domain)")
    String registrar;

    @Option(names = "--expires", paramLabel = "SECONDS", defaultValue = "3600",
            description = "the expiry to ask for (default: ${DEFAULT-VALUE})")
    long expiresSeconds;

    @Option(names = "--keep", description = "keep the registration fresh until Ctrl-C, then unregister")
    boolean keep;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "with --keep: unregister after this many seconds instead of waiting for Ctrl-C")
    Integer durationSeconds;

    @Override
    String target() {
        return aor;
    }

    @Override
    String defaultIdentity() {
        return aor;
    }

    @Override
    int run(UserAgent ua, PrintWriter out, PrintWriter err) throws InterruptedException {
        if (expiresSeconds < 1) {
            throw CliException.usage("--expires must be at least 1 second, was " + expiresSeconds);
        }
        Registration registration;
        try {
            registration = ua.register(registrar != null ? registrar : SipOptions.domainOf(aor),
                    RegistrationOptions.defaults().withExpires(Duration.ofSeconds(expiresSeconds))
                            .withAddressOfRecord(aor));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        try (StopSignal stop = new StopSignal("parley-register")) {
            List<Binding> bindings = await(registration.start(), registration, out, err);
            if (bindings == null) {
                return registration.lastResponse().map(r -> Outcomes.report(r, aor, out, err))
                        .orElse(CliException.UNREACHABLE);
            }
            registration.lastResponse().ifPresent(r -> out.println(r.startLine()));
            printBindings(out, bindings);
            if (!keep) {
                registration.release();
                return 0;
            }
            registration.onFailure(e -> print(err, "parley register: refresh failed: " + e.getMessage()));
            print(out, "Registered; refreshing until " + (durationSeconds == null ? "Ctrl-C"
                    : durationSeconds + " s have passed") + ", then unregistering");
            stop.await(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds));
            List<Binding> left = await(registration.unregister(), registration, out, err);
            if (left == null) {
                return registration.lastResponse().map(r -> Outcomes.report(r, aor, out, err))
                        .orElse(CliException.UNREACHABLE);
            }
            registration.lastResponse().ifPresent(r -> print(out, r.startLine()));
            print(out, "Unregistered; " + (left.isEmpty() ? "no bindings left"
                    : left.size() + " other binding(s) left"));
            return 0;
        }
    }

    /** The bindings of a 2xx; null (the status printed by the caller) when the registrar refused. */
    private List<Binding> await(CompletableFuture<List<Binding>> result, Registration registration,
            PrintWriter out, PrintWriter err) throws InterruptedException {
        try {
            return result.get(sip.timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CliException(CliException.TIMEOUT, "no final response from the registrar of " + aor
                    + " within " + sip.timeoutSeconds + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RegistrationException r && r.response().isPresent()) {
                return null;
            }
            Throwable cause = e.getCause() instanceof RegistrationException r && r.getCause() != null ? r.getCause()
                    : e.getCause();
            throw Outcomes.failure(cause, aor);
        }
    }

    private static void printBindings(PrintWriter out, List<Binding> bindings) {
        out.println("Bindings (" + bindings.size() + "):");
        for (Binding b : bindings) {
            out.println("  " + b.contact() + "  expires in " + b.expires().toSeconds() + " s"
                    + (b.isOurs() ? "  (this one)" : ""));
        }
        out.flush();
    }
}
