package org.parley.bench.registrar;

import java.nio.file.Path;
import java.util.Set;
import org.parley.bench.BenchArgs;

/**
 * The command line of {@link RegistrarServer}, checked: each bad value is named with what was
 * expected. Immutable.
 *
 * @param portFile where the bound port is written
 * @param port the UDP port on 127.0.0.1, 0 for an ephemeral one
 * @param users 0 for an open registrar, else the number of subscribers {@code user0 ..} and digest on
 * @param domain the domain served, which is also the digest realm
 * @param ioThreads the transport's event loops
 * @param lanes the transaction layer's lanes on their own threads; 0 for one lane on each I/O loop
 */
record ServerOptions(Path portFile, int port, int users, String domain, int ioThreads, int lanes) {
    static final String USAGE = "usage: RegistrarServer PORT_FILE [--port P] [--auth N] [--domain D]"
            + " [--io-threads N] [--lanes N]";
    /** The domain the SIPp scenarios register in. */
    static final String DEFAULT_DOMAIN = "example.com";

    /** Reads {@code args}; throws IllegalArgumentException with the usage on a bad one. */
    static ServerOptions parse(String[] args) {
        BenchArgs a = BenchArgs.parse(USAGE, Set.of("--port", "--auth", "--domain", "--io-threads", "--lanes"), args);
        return new ServerOptions(a.portFile(), a.integer("--port", 0, 0, 65_535),
                a.integer("--auth", 0, 0, 10_000_000), a.text("--domain", DEFAULT_DOMAIN),
                a.integer("--io-threads", 1, 1, 64), a.integer("--lanes", 1, 0, 64));
    }
}
