package org.parley.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.parley.transport.Transport;
import org.parley.ua.UserAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley listen}: waits for requests and prints the MESSAGEs received (RFC 3428), until
 * Ctrl-C or {@code --duration}. OPTIONS are answered with what Parley supports.
 *
 * <p>Thread model: the main thread waits; messages are printed from the user agent's callback
 * threads, one line each, through a synchronized writer.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Wait for requests: print each MESSAGE received, answer calls (SDP negotiated, no audio yet) and "
            + "OPTIONS; until Ctrl-C or --duration.",
        footerHeading = "%nExamples:%n", footer = {
            "  parley listen --listen udp:127.0.0.1:5070",
            "  parley listen --listen udp:0.0.0.0:5060 --listen tcp:0.0.0.0:5060 --duration 60",
        })
final class ListenCommand extends SipCommand {
    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "stop after this many seconds (default: run until Ctrl-C)")
    Integer durationSeconds;

    @Override
    String target() {
        return null;
    }

    @Override
    int run(UserAgent ua, PrintWriter out, PrintWriter err) throws InterruptedException {
        try (StopSignal stop = new StopSignal("parley-listen")) {
            ua.onIncomingCall(incoming -> {
                String from = incoming.from().uri().toString();
                print(out, "INVITE from " + from + ": answering");
                incoming.ring();
                incoming.answer();
                incoming.call().ended().thenAccept(end -> print(out, "call from " + from + " ended: "
                        + CallCommand.describe(end)));
            });
            ua.onMessage(m -> print(out, "MESSAGE from " + m.from().uri() + " to " + m.to().uri() + " ("
                    + m.contentType().type() + "/" + m.contentType().subtype() + "): " + m.text()));
            for (Transport t : List.of(Transport.UDP, Transport.TCP, Transport.TLS, Transport.WS, Transport.WSS)) {
                ua.localAddresses(t).forEach(a -> print(out, "listening on " + t.name().toLowerCase(Locale.ROOT)
                        + " " + a.getAddress().getHostAddress() + ":" + a.getPort()));
            }
            print(out, "as " + ua.identity().uri() + "; Ctrl-C to stop");
            stop.await(durationSeconds == null ? null : Duration.ofSeconds(durationSeconds));
            return 0;
        }
    }
}
