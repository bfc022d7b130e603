package org.parley.server;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The admin HTTP endpoint of a running server (metrics, health, the JSON API), as the server sees
 * it: where it is bound, and how to stop it. The endpoint itself lives in
 * {@code org.parley.server.admin}; {@link ParleyServer#start(org.parley.server.config.ServerConfig,
 * Factory)} opens it through a {@link Factory} once the SIP side is up and closes it first when the
 * server stops.
 *
 * <p>SPI. Implementations are thread-safe.
 */
public interface AdminEndpoint extends AutoCloseable {
    /** The bound address (the real port when the configuration asked for port 0). */
    InetSocketAddress address();

    /** Stops serving; idempotent. */
    @Override
    void close();

    /** Opens an endpoint for a started server. SPI. */
    @FunctionalInterface
    interface Factory {
        /**
         * Binds {@code address} and serves {@code server}, admitting requests bearing {@code token}.
         *
         * @throws IOException when the address cannot be bound
         */
        AdminEndpoint open(InetSocketAddress address, String token, ParleyServer server) throws IOException;
    }
}
