package org.parley.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a Parley server is started with. Immutable; checked when built. Made from
 * {@link #defaults()} with a {@link Builder}, or read from a YAML file by {@link ConfigLoader}; the
 * keys of the file are the record's components ({@code listeners}, {@code dataDirectory}, …; see
 * {@code parley.example.yaml}).
 *
 * <p>Defaults ({@code ./parley server} with no arguments): UDP and TCP on 0.0.0.0:5060, TLS on
 * 0.0.0.0:5061 with a self-signed certificate, WebSocket on 0.0.0.0:5066; the data directory
 * {@code ./data} with SQLite; the admin endpoint on 127.0.0.1:8080; the domains detected from the
 * host's addresses (see {@code DefaultDomains} in {@code org.parley.server}) when none is named.
 *
 * @param listeners the sockets SIP is received on; at least one
 * @param domains the domains served with their realms; empty means "detect from the host"
 * @param dataDirectory the SQLite database, the generated certificate and the admin token live here
 * @param admin where the admin HTTP endpoint listens; empty for none
 * @param tls the certificate TLS and WSS listeners present
 * @param storage where subscribers and bindings are kept
 * @param timers the SIP timers
 * @param limits bounds on input and state
 * @param log log level and access log
 */
public record ServerConfig(List<ListenAddress> listeners, List<DomainConfig> domains, Path dataDirectory,
        Optional<InetSocketAddress> admin, TlsFiles tls, StorageConfig storage, Timers timers, Limits limits,
        LogConfig log) {

    /** The default listeners: UDP and TCP 5060, TLS 5061 (RFC 3261 §19.1.2), WS 5066, on every interface. */
    public static final List<ListenAddress> DEFAULT_LISTENERS = List.of(ListenAddress.parse("udp:0.0.0.0:5060"),
            ListenAddress.parse("tcp:0.0.0.0:5060"), ListenAddress.parse("tls:0.0.0.0:5061"),
            ListenAddress.parse("ws:0.0.0.0:5066"));

    /** The default data directory, {@code ./data}: where {@code parley user} writes by default too. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data");

    /** The default admin endpoint: loopback only, port 8080. */
    public static final InetSocketAddress DEFAULT_ADMIN = ListenAddress.parseHostPort("127.0.0.1:8080");

    /** Checks the values and copies the lists. */
    public ServerConfig {
        listeners = List.copyOf(listeners);
        domains = List.copyOf(domains);
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(log, "log");
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("listeners must name at least one TRANSPORT:HOST:PORT, was none");
        }
        List<String> seen = new ArrayList<>();
        for (ListenAddress l : listeners) {
            if (seen.contains(l.toString()) && l.port() != 0) {
                throw new IllegalArgumentException("listeners must differ, was " + l + " twice");
            }
            seen.add(l.toString());
        }
        Map<String, DomainConfig> byName = new LinkedHashMap<>();
        for (DomainConfig d : domains) {
            if (byName.put(d.name(), d) != null) {
                throw new IllegalArgumentException("domains must differ, was " + d.name() + " twice");
            }
        }
    }

    /** The configuration of {@code ./parley server} with no arguments (see the class comment). */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_LISTENERS, List.of(), DEFAULT_DATA_DIRECTORY, Optional.of(DEFAULT_ADMIN),
                TlsFiles.SELF_SIGNED, StorageConfig.SQLITE, Timers.DEFAULTS, Limits.DEFAULTS, LogConfig.DEFAULTS);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The access log's file: {@link LogConfig#accessLogFile()} taken from the data directory when relative. */
    public Path accessLogPath() {
        return dataDirectory.resolve(log.accessLogFile());
    }

    /** Whether a TLS or WSS listener needs a certificate. */
    public boolean needsCertificate() {
        return listeners.stream().anyMatch(l -> l.transport().isSecure());
    }

    /**
     * Builds a {@link ServerConfig}. {@link #listen} and {@link #domain} add to the list, except that
     * the first {@code listen} replaces the default listeners. Not thread-safe.
     */
    public static final class Builder {
        private List<ListenAddress> listeners;
        private boolean defaultListeners;
        private final List<DomainConfig> domains;
        private Path dataDirectory;
        private Optional<InetSocketAddress> admin;
        private TlsFiles tls;
        private StorageConfig storage;
        private Timers timers;
        private Limits limits;
        private LogConfig log;

        private Builder(ServerConfig c) {
            listeners = new ArrayList<>(c.listeners);
            defaultListeners = c.listeners.equals(DEFAULT_LISTENERS);
            domains = new ArrayList<>(c.domains);
            dataDirectory = c.dataDirectory;
            admin = c.admin;
            tls = c.tls;
            storage = c.storage;
            timers = c.timers;
            limits = c.limits;
            log = c.log;
        }

        /**
         * Adds a listener, {@code TRANSPORT:HOST:PORT} ({@link ListenAddress#parse}); the first call
         * replaces the default listeners.
         */
        public Builder listen(String listener) {
            return listen(ListenAddress.parse(listener));
        }

        /** Adds a listener; the first call replaces the default listeners. */
        public Builder listen(ListenAddress listener) {
            if (defaultListeners) {
                listeners.clear();
                defaultListeners = false;
            }
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Replaces the listeners. */
        public Builder listeners(List<ListenAddress> all) {
            listeners = new ArrayList<>(all);
            defaultListeners = false;
            return this;
        }

        /** Adds a served domain whose realm is its name. */
        public Builder domain(String name) {
            return domain(DomainConfig.of(name));
        }

        /** Adds a served domain. */
        public Builder domain(DomainConfig domain) {
            domains.add(Objects.requireNonNull(domain, "domain"));
            return this;
        }

        /** Replaces the served domains (empty: detect them from the host). */
        public Builder domains(List<DomainConfig> all) {
            domains.clear();
            domains.addAll(all);
            return this;
        }

        /** The data directory (the file's {@code dataDirectory}). */
        public Builder dataDir(Path directory) {
            dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The admin endpoint's address, {@code HOST:PORT}. */
        public Builder admin(String hostPort) {
            admin = Optional.of(ListenAddress.parseHostPort(hostPort));
            return this;
        }

        /** The admin endpoint's address. */
        public Builder admin(InetSocketAddress address) {
            admin = Optional.of(address);
            return this;
        }

        /** No admin endpoint. */
        public Builder noAdmin() {
            admin = Optional.empty();
            return this;
        }

        /** The TLS certificate. */
        public Builder tls(TlsFiles files) {
            tls = Objects.requireNonNull(files, "files");
            return this;
        }

        /** The stores. */
        public Builder storage(StorageConfig config) {
            storage = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The SIP timers. */
        public Builder timers(Timers config) {
            timers = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The limits. */
        public Builder limits(Limits config) {
            limits = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Logging. */
        public Builder log(LogConfig config) {
            log = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The root log level. */
        public Builder logLevel(String level) {
            log = new LogConfig(level, log.accessLog(), log.accessLogFile());
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public ServerConfig build() {
            return new ServerConfig(listeners, domains, dataDirectory, admin, tls, storage, timers, limits, log);
        }
    }
}
