package org.parley.bench.proxy;

import java.nio.file.Path;
import java.util.Set;
import org.parley.bench.BenchArgs;

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

    /** Reads {@code args}; throws IllegalArgumentException with the usage on a bad one. */
    static ProxyOptions parse(String[] args) {
        BenchArgs a = BenchArgs.parse(USAGE, Set.of("--domain", "--io-threads", "--lanes"), args);
        return new ProxyOptions(a.portFile(), a.text("--domain", DEFAULT_DOMAIN), a.integer("--io-threads", 1, 1, 64),
                a.integer("--lanes", 1, 1, 64));
    }
}
