package org.parley.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.parley.server.config.DomainConfig;
import org.parley.server.config.ListenAddress;
import org.parley.server.config.ServerConfig;

/**
 * The domains a server serves when its configuration names none.
 *
 * <p>A softphone set up with nothing but the server's address registers as {@code alice@ADDRESS}
 * (its domain is the registrar's host), so the useful default is the host's own IPv4 addresses: those
 * of the listeners that bind one address, else (wildcard listeners) those of every interface that is up,
 * non-loopback first, then 127.0.0.1 for a phone on the same machine. Host names are left out: looking
 * one up may wait on DNS, and phones given an address do not use it. All default domains share one
 * realm, the first domain, so that one {@code parley user add alice@FIRST} lets alice register through
 * any of the addresses (RFC 3261 §22.1: the realm names the protection space, not the domain).
 *
 * <p>Stateless.
 */
public final class DefaultDomains {
    private DefaultDomains() {
    }

    /**
     * {@code config} with its domains filled in as the class comment says when it names none;
     * otherwise {@code config} itself.
     */
    public static ServerConfig resolve(ServerConfig config) {
        if (!config.domains().isEmpty()) {
            return config;
        }
        List<String> names = detect(config.listeners());
        List<DomainConfig> domains = new ArrayList<>();
        for (String name : names) {
            domains.add(new DomainConfig(name, names.get(0)));
        }
        return config.toBuilder().domains(domains).build();
    }

    /** The addresses, non-loopback first and never empty: 127.0.0.1 at least. */
    static List<String> detect(List<ListenAddress> listeners) {
        Set<String> out = new LinkedHashSet<>();
        boolean wildcard = false;
        for (ListenAddress l : listeners) {
            InetAddress a = l.socketAddress().getAddress();
            if (a.isAnyLocalAddress()) {
                wildcard = true;
            } else if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                out.add(a.getHostAddress());
            }
        }
        if (wildcard) {
            out.addAll(interfaceAddresses());
        }
        out.add("127.0.0.1");
        return List.copyOf(out);
    }

    private static List<String> interfaceAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list (a sandbox): 127.0.0.1 alone is still served.
            return List.of();
        }
        return out;
    }
}
