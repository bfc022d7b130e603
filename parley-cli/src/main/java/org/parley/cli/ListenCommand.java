package org.parley.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    private static void print(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    String target() {
        return null;
    }

    @Override
    int run(UserAgent ua, PrintWriter out, PrintWriter err) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "parley-listen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ua.onIncomingCall(incoming -> {
                String from = incoming.from().uri().toString();
                print(out, "INVITE from " + from + ": answering");
                incoming.ring();
                incoming.answer();
                incoming.call().ended().thenAccept(end -> print(out, "call from " + from + " ended: "
                        + CallCommand.describe(end)));
            });
            ua.onMessage(m -> {
                synchronized (out) {
                    out.println("MESSAGE from " + m.from().uri() + " to " + m.to().uri() + " (" + m.contentType().type()
                            + "/" + m.contentType().subtype() + "): " + m.text());
                    out.flush();
                }
            });
            synchronized (out) {
                for (Transport t : List.of(Transport.UDP, Transport.TCP, Transport.TLS, Transport.WS, Transport.WSS)) {
                    ua.localAddresses(t).forEach(a -> out.println("listening on " + t.name().toLowerCase(
                            java.util.Locale.ROOT) + " " + a.getAddress().getHostAddress() + ":" + a.getPort()));
                }
                out.println("as " + ua.identity().uri() + "; Ctrl-C to stop");
                out.flush();
            }
            if (durationSeconds == null) {
                stop.await();
            } else {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            }
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook has run.
            }
        }
    }
}
