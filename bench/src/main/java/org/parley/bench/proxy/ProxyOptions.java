package org.parley.bench.proxy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The command line of {@link ProxyServer}, checked: each bad value is named with what was expected.
 * Immutable.
 *
 * @param portFile where the bound ports are written
 * @param domain the domain served (registrar and location service), which the callee registers in
 * @param ioThreads the transport's event loops
 * @param lanes the transaction layer's lanes
 */
record ProxyOptions(Path portFile, String domain, int ioThreads, int lanes) {
    static final String USAGE = "usage: ProxyServer PORT_FILE [--domain D] [--io-threads N] [--lanes N]";
    /** The domain the SIPp call scenarios use unless told otherwise. */
    static final String DEFAULT_DOMAIN = "example.com";

    ProxyOptions {
        Objects.requireNonNull(portFile, "portFile");
        Objects.requireNonNull(domain, "domain");
        check("--io-threads", ioThreads, 1, 64);
        check("--lanes", lanes, 1, 64);
        if (domain.isBlank()) {
            throw new IllegalArgumentException("--domain must name a domain, was blank");
        }
    }

    /** Reads {@code args}; throws IllegalArgumentException with the usage on a bad one. */
    static ProxyOptions parse(String[] args) {
        if (args.length < 1 || args[0].startsWith("--")) {
            throw new IllegalArgumentException(USAGE + ", was " + List.of(args));
        }
        String domain = DEFAULT_DOMAIN;
        int ioThreads = 1;
        int lanes = 1;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--domain" -> domain = value;
                case "--io-threads" -> ioThreads = number(args[i], value);
                case "--lanes" -> lanes = number(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new ProxyOptions(Path.of(args[0]), domain, ioThreads, lanes);
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
