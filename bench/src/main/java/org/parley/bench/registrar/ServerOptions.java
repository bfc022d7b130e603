package org.parley.bench.registrar;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The command line of {@link RegistrarServer}, checked: each bad value is named with what was
 * expected. Immutable.
 *
 * @param portFile where the bound port is written
 * @param port the UDP port on 127.0.0.1, 0 for an ephemeral one
 * @param users 0 for an open registrar, else the number of subscribers {@code user0 ..} and digest on
 * @param domain the domain served, which is also the digest realm
 * @param ioThreads the transport's event loops
 * @param lanes the transaction layer's lanes
 */
record ServerOptions(Path portFile, int port, int users, String domain, int ioThreads, int lanes) {
    static final String USAGE = "usage: RegistrarServer PORT_FILE [--port P] [--auth N] [--domain D]"
            + " [--io-threads N] [--lanes N]";
    /** The domain the SIPp scenarios register in. */
    static final String DEFAULT_DOMAIN = "example.com";

    ServerOptions {
        Objects.requireNonNull(portFile, "portFile");
        Objects.requireNonNull(domain, "domain");
        check("--port", port, 0, 65_535);
        check("--auth", users, 0, 10_000_000);
        check("--io-threads", ioThreads, 1, 64);
        check("--lanes", lanes, 1, 64);
        if (domain.isBlank()) {
            throw new IllegalArgumentException("--domain must name a domain, was blank");
        }
    }

    /** Reads {@code args}; throws IllegalArgumentException with the usage on a bad one. */
    static ServerOptions parse(String[] args) {
        if (args.length < 1 || args[0].startsWith("--")) {
            throw new IllegalArgumentException(USAGE + ", was " + List.of(args));
        }
        int port = 0;
        int users = 0;
        String domain = DEFAULT_DOMAIN;
        int ioThreads = 1;
        int lanes = 1;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = number(args[i], value);
                case "--auth" -> users = number(args[i], value);
                case "--domain" -> domain = value;
                case "--io-threads" -> ioThreads = number(args[i], value);
                case "--lanes" -> lanes = number(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new ServerOptions(Path.of(args[0]), port, users, domain, ioThreads, lanes);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was \"" + value + "\"", e);
        }
    }

    private static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
