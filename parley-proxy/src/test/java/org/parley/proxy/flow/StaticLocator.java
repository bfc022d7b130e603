package org.parley.proxy.flow;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.message.uri.SipUri;
import org.parley.transport.Transport;
import org.parley.transport.resolve.LocationException;
import org.parley.transport.resolve.ServerLocator;
import org.parley.transport.resolve.Target;

/**
 * A {@link ServerLocator} for the ITs, with no DNS: a host name found in its table goes to the
 * address given for it, an IP literal to itself at the URI's port (default 5060), over the URI's
 * {@code transport} parameter or UDP (RFC 3263 §4.1 for a numeric host). Thread-safe.
 */
final class StaticLocator implements ServerLocator {
    private final Map<String, InetSocketAddress> hosts = new ConcurrentHashMap<>();

    /** Sends requests for {@code host} to {@code address} from now on. */
    StaticLocator route(String host, InetSocketAddress address) {
        hosts.put(host, address);
        return this;
    }

    @Override
    public CompletableFuture<List<Target>> locate(SipUri uri) {
        Transport transport = uri.transport().map(Transport::of).orElse(Transport.UDP);
        String host = uri.host().text();
        InetSocketAddress named = hosts.get(host);
        if (named != null) {
            return CompletableFuture.completedFuture(List.of(new Target(transport, named, host)));
        }
        if (uri.host().isIpAddress()) {
            InetSocketAddress a = new InetSocketAddress(host, uri.port().orElse(transport.defaultPort()));
            return CompletableFuture.completedFuture(List.of(new Target(transport, a, host)));
        }
        return CompletableFuture.failedFuture(new LocationException("no test route for " + host));
    }
}
