package org.parley.proxy.nat;

import org.parley.proxy.location.Binding;

/**
 * Told when a NAT'd binding stopped answering its keep-alives (SPI). Called on the keep-alive's
 * lane: it must not block.
 */
@FunctionalInterface
public interface KeepAliveListener {
    /** A listener that does nothing. */
    KeepAliveListener NONE = (binding, failures, removed) -> { };

    /**
     * {@code binding} failed {@code failures} keep-alives in a row.
     *
     * @param removed true when the keep-alive is removing it from the location store
     *        ({@link KeepAliveConfig#removeUnreachable()})
     */
    void onUnreachable(Binding binding, int failures, boolean removed);
}
