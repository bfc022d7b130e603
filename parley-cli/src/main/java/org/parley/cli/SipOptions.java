package org.parley.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.parley.transport.Transport;
import org.parley.transport.tls.TlsConfig;
import org.parley.transport.tls.TrustMaterial;
import org.parley.ua.UserAgent;
import org.parley.ua.UserAgentBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options every SIP command shares: who we are, where requests go, over what, and the
 * credentials to answer challenges with. Credentials never come from the command line in plain
 * text: the password is read from an environment variable or, on a terminal, a prompt.
 *
 * <p>Thread model: filled by picocli on the main thread, read there.
 */
@Command(exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:success (a 2xx final response)",
    "1:refused: the peer answered 4xx, 5xx or 6xx",
    "2:bad usage: an option, URI or credential source is wrong",
    "3:timeout: no final response in time",
    "4:unreachable: the host does not resolve, or the transport failed",
})
final class SipOptions {
    @Option(names = "--proxy", paramLabel = "URI",
            description = "send requests to this outbound proxy whatever the Request-URI names (a preloaded Route)")
    String proxy;

    @Option(names = "--from", paramLabel = "URI", description = "our identity, the From of requests "
            + "(default: sip:USER@HOST of the target when --user is given, else sip:parley@<local address>)")
    String from;

    @Option(names = "--transport", paramLabel = "udp|tcp|tls|ws", description = "the transport to use when a "
            + "URI names none (default: what RFC 3263 picks, UDP for a numeric address)")
    String transport;

    @Option(names = "--user", paramLabel = "NAME", description = "the user name to answer 401/407 challenges with")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "the environment variable holding the password (else it is asked on the terminal)")
    String passwordEnv;

    @Option(names = "--listen", paramLabel = "TRANSPORT:HOST:PORT", description = "where to listen, repeatable "
            + "(default: udp and tcp on an ephemeral port of every interface)")
    List<String> listen;

    @Option(names = "--tls-trust", paramLabel = "PEM", description = "over TLS, trust servers whose certificate "
            + "chains to these PEM certificates (e.g. a development server's own) instead of the JDK's anchors")
    Path tlsTrust;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "32",
            description = "how long to wait for a final response (default: ${DEFAULT-VALUE}, RFC 3261's 64*T1)")
    int timeoutSeconds;

    /**
     * A user agent configured from these options, for {@code target}.
     *
     * @throws CliException (usage) naming the option that is wrong
     */
    UserAgent start(String target, String defaultIdentity) {
        UserAgentBuilder b = UserAgent.builder();
        try {
            if (listen != null) {
                listen.forEach(b::listen);
            }
            if (proxy != null) {
                b.outboundProxy(proxy);
            }
            if (transport != null) {
                b.preferredTransport(transport());
            }
            if (tlsTrust != null) {
                b.tls(TlsConfig.builder().trust(TrustMaterial.fromPem(tlsTrust)).build());
            }
            if (from != null) {
                b.identity(from);
            } else if (defaultIdentity != null) {
                b.identity(defaultIdentity);
            } else if (user != null && target != null) {
                b.identity(defaultIdentity(user, target));
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CliException.usage(e.getMessage());
        }
        if (user != null) {
            b.account(user, password());
        }
        return b.start();
    }

    private Transport transport() {
        String t = transport.toUpperCase(Locale.ROOT);
        if (!List.of("UDP", "TCP", "TLS", "WS").contains(t)) {
            throw CliException.usage("--transport must be udp, tcp, tls or ws, was " + transport);
        }
        return Transport.of(t);
    }

    /** sip:USER@DOMAIN, the domain taken from the target URI (an AOR, RFC 3261 §10.2). */
    static String defaultIdentity(String user, String target) {
        String t = target.trim();
        int colon = t.indexOf(':');
        int at = t.indexOf('@');
        String scheme = colon > 0 ? t.substring(0, colon) : "sip";
        String rest = at > colon ? t.substring(at + 1) : t.substring(colon + 1);
        int end = rest.length();
        for (char c : new char[] {';', '?', '>'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hostPort = rest.substring(0, end);
        // The AOR names the domain, not a port (RFC 3261 §10.2: To without a port).
        String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
                : hostPort.replaceFirst(":\\d+$", "");
        return scheme + ":" + user + "@" + host;
    }

    /**
     * The domain of an address-of-record as a registrar URI (RFC 3261 §10.2: the Request-URI names
     * the domain of the location service): {@code sip:alice@example.com:5070;transport=tcp} gives
     * {@code sip:example.com:5070;transport=tcp}.
     */
    static String domainOf(String aor) {
        String t = aor.trim();
        if (t.startsWith("<") && t.endsWith(">")) {
            t = t.substring(1, t.length() - 1);
        }
        int colon = t.indexOf(':');
        int at = t.indexOf('@');
        if (colon < 0 || at < colon) {
            return t;
        }
        return t.substring(0, colon + 1) + t.substring(at + 1);
    }

    private String password() {
        return PasswordSource.read(passwordEnv, "--user " + user, user, false);
    }
}
