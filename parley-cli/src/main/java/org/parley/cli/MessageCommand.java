package org.parley.cli;

import java.io.PrintWriter;
import org.parley.message.SipResponse;
import org.parley.ua.UserAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley message URI TEXT}: sends one instant message (RFC 3428 MESSAGE, text/plain),
 * answering a 401/407 with the credentials given, and prints the final status line.
 */
@Command(name = "message", mixinStandardHelpOptions = true,
        description = "Send an instant message (SIP MESSAGE, RFC 3428), authenticating when challenged.",
        footerHeading = "%nExamples:%n", footer = {
            "  parley message sip:bob@127.0.0.1:5060 'hello Bob'",
            "  PW=secret parley message sip:bob@example.com hi --user alice --password-env PW --proxy sip:example.com",
        })
final class MessageCommand extends SipCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "the addressee, e.g. sip:bob@example.com")
    String uri;

    @Parameters(index = "1", paramLabel = "TEXT", description = "the message text (UTF-8)")
    String text;

    @Override
    String target() {
        return uri;
    }

    @Override
    int run(UserAgent ua, PrintWriter out, PrintWriter err) {
        SipResponse response;
        try {
            response = Outcomes.await(ua.message(uri, text), sip.timeoutSeconds, uri);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        return Outcomes.report(response, uri, out, err);
    }
}
