package org.parley.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.message.SipResponse;
import org.parley.transaction.TransactionLayer;
import org.parley.transport.resolve.LocationException;

/**
 * How a SIP command's result becomes what the user sees: the final response's status line, and an
 * exit code and message for what went wrong (see {@link CliException} for the codes).
 *
 * <p>Stateless.
 */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Waits for a final response.
     *
     * @throws CliException when none comes in time, the target does not resolve, or the URI is bad
     */
    static SipResponse await(CompletableFuture<SipResponse> future, int timeoutSeconds, String target) {
        try {
            return future.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CliException(CliException.TIMEOUT, "no final response from " + target + " within "
                    + timeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.TIMEOUT, "interrupted while waiting for " + target);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), target);
        }
    }

    /** The exception for a request that never left (bad URI, unresolvable host). */
    static CliException failure(Throwable cause, String target) {
        if (cause instanceof LocationException) {
            return new CliException(CliException.UNREACHABLE, "cannot locate " + target + ": " + cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return CliException.usage(cause.getMessage());
        }
        return new CliException(CliException.UNREACHABLE, "cannot send to " + target + ": " + cause);
    }

    /**
     * Prints the status line of {@code response} and returns the command's exit code: 0 for a 2xx,
     * 1 for any other response received; for a timeout or a transport error this side detected
     * (RFC 3261 §8.1.3.1) a message on {@code err} instead, and 3 or 4.
     */
    static int report(SipResponse response, String target, PrintWriter out, PrintWriter err) {
        if (TransactionLayer.isSynthetic(response)) {
            // Made here, not received: no status line to show, only what went wrong.
            if (response.statusCode() == 408) {
                err.println("parley: no answer from " + target + " (" + response.reasonPhrase() + ")");
                return CliException.TIMEOUT;
            }
            err.println("parley: cannot reach " + target + " (" + response.reasonPhrase() + ")");
            return CliException.UNREACHABLE;
        }
        out.println(response.startLine());
        return response.statusClass() == 2 ? 0 : CliException.REFUSED;
    }
}
