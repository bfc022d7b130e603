package org.parley.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.message.SipResponse;
import org.parley.sdp.SessionDescription;
import org.parley.transport.resolve.LocationException;
import org.parley.ua.Call;
import org.parley.ua.CallEnd;
import org.parley.ua.CallOptions;
import org.parley.ua.UserAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley call URI}: places a call (INVITE with an SDP offer of PCMU, PCMA and
 * telephone-event), prints every response and the negotiated SDP, and hangs up (BYE) after
 * {@code --duration} seconds, on Ctrl-C, or when the other side does. No audio flows yet: the media
 * issue brings it.
 *
 * <p>Thread model: the main thread waits; responses are printed from the user agent's callback
 * threads through the synchronized writer.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Place a call: prints each response and the negotiated SDP, hangs up after --duration seconds, "
            + "on Ctrl-C, or when the other side does.",
        footerHeading = "%nExamples:%n", footer = {
            "  parley call sip:bob@127.0.0.1:5070 --duration 5",
            "  PW=secret parley call sip:bob@example.com --user alice --password-env PW --proxy sip:example.com",
        })
final class CallCommand extends SipCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "whom to call, e.g. sip:bob@example.com")
    String uri;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "hang up this long after the answer (default: on Ctrl-C or when the other side hangs up)")
    Integer durationSeconds;

    @Option(names = "--ring-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "give up (CANCEL) when there is no answer within this time (default: ${DEFAULT-VALUE})")
    int ringTimeoutSeconds;

    @Override
    String target() {
        return uri;
    }

    @Override
    int run(UserAgent ua, PrintWriter out, PrintWriter err) throws InterruptedException {
        try (StopSignal stop = new StopSignal("parley-call")) {
            Call call;
            try {
                call = ua.call(uri, CallOptions.defaults().onProvisional(p -> print(out, p.response().startLine()
                        + p.earlyMedia().map(sdp -> " (early media)").orElse(""))));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
            SipResponse answer = awaitAnswer(call);
            int code = Outcomes.report(answer, uri, out, err);
            if (code != 0) {
                return code;
            }
            call.remoteSdp().ifPresent(sdp -> print(out, "Remote SDP:\n" + indent(sdp)));
            call.localSdp().ifPresent(sdp -> print(out, "Local SDP:\n" + indent(sdp)));
            print(out, "Call established; " + (durationSeconds == null ? "Ctrl-C to hang up"
                    : "hanging up in " + durationSeconds + " s"));
            call.ended().thenRun(stop::stopNow);
            stop.await(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds));
            if (!call.ended().isDone()) {
                call.hangup();
            }
            CallEnd end = awaitEnd(call);
            print(out, "Call ended: " + describe(end));
            return end.reason() == CallEnd.Reason.LOCAL_BYE || end.reason() == CallEnd.Reason.REMOTE_BYE ? 0
                    : CliException.REFUSED;
        }
    }

    /** The final response to the INVITE; CANCELs the call when none comes within the ring timeout. */
    private SipResponse awaitAnswer(Call call) throws InterruptedException {
        try {
            return call.answered().get(ringTimeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            call.hangup();
            awaitEnd(call);
            throw new CliException(CliException.TIMEOUT, "no answer from " + uri + " within " + ringTimeoutSeconds
                    + " s; cancelled");
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof LocationException || t instanceof IllegalArgumentException) {
                    throw Outcomes.failure(t, uri);
                }
            }
            CallEnd end = call.ended().getNow(null);
            throw new CliException(end != null && end.reason() == CallEnd.Reason.TIMEOUT ? CliException.TIMEOUT
                    : CliException.UNREACHABLE, "the call to " + uri + " failed: "
                    + (end != null ? describe(end) : String.valueOf(e.getCause())));
        }
    }

    private static CallEnd awaitEnd(Call call) throws InterruptedException {
        try {
            return call.ended().get(StopSignal.CLEANUP.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new CallEnd(CallEnd.Reason.FAILED, 0, "no end within " + StopSignal.CLEANUP.toSeconds()
                    + " s of hanging up: " + e);
        }
    }

    static String describe(CallEnd end) {
        String who = switch (end.reason()) {
            case LOCAL_BYE -> "we hung up";
            case REMOTE_BYE -> "the other side hung up";
            case CANCELLED -> "cancelled";
            case REJECTED -> "rejected";
            case TIMEOUT -> "timed out";
            case NO_ACK -> "no ACK came for our 200";
            case FAILED -> "failed";
        };
        return who + (end.status() != 0 ? " (" + end.status() + ")" : "") + (end.detail().isEmpty() ? ""
                : ": " + end.detail());
    }

    private static String indent(SessionDescription sdp) {
        return ("  " + sdp.toString().strip().replace("\r\n", "\n").replace("\n", "\n  "));
    }
}
