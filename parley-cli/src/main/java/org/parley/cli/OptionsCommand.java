package org.parley.cli;

import java.io.PrintWriter;
import org.parley.message.SipResponse;
import org.parley.transaction.TransactionLayer;
import org.parley.ua.UserAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley options URI}: pings a SIP element with OPTIONS (RFC 3261 §11) and prints the final
 * status line, who answered (Server or User-Agent) and the round-trip time. Exit 0 on a 2xx.
 */
@Command(name = "options", mixinStandardHelpOptions = true,
        description = "Ping a SIP element with OPTIONS: prints the status, the Server/User-Agent and the round-trip "
            + "time.",
        footerHeading = "%nExamples:%n", footer = {
            "  parley options sip:127.0.0.1:5060",
            "  parley options sip:example.com --transport tcp",
            "  parley options sip:127.0.0.1:5060 --count 5",
        })
final class OptionsCommand extends SipCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "whom to ping, e.g. sip:example.com")
    String uri;

    @Override
    String target() {
        return uri;
    }

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "send N pings, one after the other, like ping(8) (default: ${DEFAULT-VALUE}); the first "
                + "one also pays for the JVM warming up")
    int count;

    @Override
    int run(UserAgent ua, PrintWriter out, PrintWriter err) {
        if (count < 1) {
            throw CliException.usage("--count must be at least 1, was " + count);
        }
        int code = 0;
        for (int i = 0; i < count && code == 0; i++) {
            code = ping(ua, out, err);
        }
        return code;
    }

    private int ping(UserAgent ua, PrintWriter out, PrintWriter err) {
        long start = System.nanoTime();
        SipResponse response;
        try {
            response = Outcomes.await(ua.options(uri), sip.timeoutSeconds, uri);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        long micros = (System.nanoTime() - start) / 1_000;
        int code = Outcomes.report(response, uri, out, err);
        if (!TransactionLayer.isSynthetic(response)) {
            response.server().or(response::userAgent).ifPresent(s -> out.println("Server: " + s));
            out.printf("Round trip: %.1f ms%n", micros / 1000.0);
        }
        return code;
    }
}
