package org.parley.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a server configuration file (YAML; the annotated example is {@code parley.example.yaml} at
 * the repository root) on top of {@link ServerConfig#defaults()}: a key left out keeps its default.
 * Unknown keys, duplicate keys, values of the wrong type and values a layer refuses are all reported
 * as a {@link ConfigException} naming the file, the key path and what was expected. Relative paths in
 * the file are taken from the working directory, as on the command line.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {
    /** The largest file read: a configuration is a few kilobytes; anything near this is not one. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ConfigLoader() {
    }

    /**
     * The configuration in {@code file}.
     *
     * @throws ConfigException when the file cannot be read, is not YAML, or holds a bad key or value
     */
    public static ServerConfig load(Path file) {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(name, "", "larger than " + MAX_FILE_BYTES + " bytes; not a configuration");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(name, "", "cannot be read: " + e);
        }
        return parse(name, text);
    }

    /**
     * The configuration written in {@code text}, reported as coming from {@code name}.
     *
     * @throws ConfigException as {@link #load}
     */
    public static ServerConfig parse(String name, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new ConfigException(name, "", "not valid YAML" + where + ": " + e.getOriginalMessage());
        }
        ServerConfig.Builder b = ServerConfig.builder();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return b.build();
        }
        YamlNode top = new YamlNode(name, "", root).mapping("listeners", "domains", "dataDirectory", "admin", "tls",
                "storage", "timers", "limits", "log");
        top.get("listeners").ifPresent(n -> b.listeners(listeners(n)));
        top.get("domains").ifPresent(n -> b.domains(domains(n)));
        top.get("dataDirectory").ifPresent(n -> b.dataDir(n.convert("a directory", ConfigLoader::path)));
        top.get("admin").ifPresent(n -> {
            if (n.isNull() || "off".equals(n.text("HOST:PORT or off"))) {
                b.noAdmin();
            } else {
                b.admin(n.convert("HOST:PORT or off", ListenAddress::parseHostPort));
            }
        });
        top.get("tls").ifPresent(n -> b.tls(section(n, () -> tls(n))));
        top.get("storage").ifPresent(n -> b.storage(section(n, () -> storage(n))));
        top.get("timers").ifPresent(n -> b.timers(section(n, () -> timers(n))));
        top.get("limits").ifPresent(n -> b.limits(section(n, () -> limits(n))));
        top.get("log").ifPresent(n -> b.log(section(n, () -> log(n))));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, "", e.getMessage());
        }
    }

    /** Builds a section; a rule spanning its keys (t1 ≤ t2) is reported at the section's path. */
    private static <T> T section(YamlNode n, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static List<ListenAddress> listeners(YamlNode n) {
        List<ListenAddress> out = new ArrayList<>();
        for (YamlNode e : n.elements("TRANSPORT:HOST:PORT")) {
            if (e.isMapping()) {
                e.mapping("transport", "host", "port");
                var transport = required(e, "transport").convert("udp, tcp, tls, ws or wss",
                        ListenAddress::transportOf);
                String host = required(e, "host").convert("an IP address", h -> {
                    String bare = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
                    if (!ListenAddress.isIpLiteral(bare)) {
                        throw new IllegalArgumentException("expected an IP address (0.0.0.0, 127.0.0.1, ::1), was \""
                                + h + "\"");
                    }
                    return bare;
                });
                int port = required(e, "port").integer(0, 65535);
                out.add(new ListenAddress(transport, host, port));
            } else {
                out.add(e.convert("TRANSPORT:HOST:PORT", ListenAddress::parse));
            }
        }
        if (out.isEmpty()) {
            throw n.error("expected at least one listener, was an empty list");
        }
        return out;
    }

    private static List<DomainConfig> domains(YamlNode n) {
        List<DomainConfig> out = new ArrayList<>();
        for (YamlNode e : n.elements("domains")) {
            if (e.isMapping()) {
                e.mapping("name", "realm");
                String domain = required(e, "name").text("a host name or IP address");
                Optional<String> realm = e.get("realm").map(r -> r.text("a realm"));
                out.add(section(e, () -> realm.map(r -> new DomainConfig(domain, r))
                        .orElseGet(() -> DomainConfig.of(domain))));
            } else {
                out.add(e.convert("a host name or IP address", DomainConfig::of));
            }
        }
        return out;
    }

    private static TlsFiles tls(YamlNode n) {
        n.mapping("certificate", "key", "keyPasswordEnv");
        return new TlsFiles(n.get("certificate").map(c -> c.convert("a PEM file", ConfigLoader::path)),
                n.get("key").map(c -> c.convert("a PEM file", ConfigLoader::path)),
                n.get("keyPasswordEnv").map(c -> c.text("an environment variable's name")));
    }

    private static StorageConfig storage(YamlNode n) {
        n.mapping("type", "postgres", "redis");
        String type = n.get("type").map(t -> t.text("sqlite or postgres")).orElse("sqlite");
        switch (type) {
            case "sqlite" -> {
                if (n.get("postgres").isPresent() || n.get("redis").isPresent()) {
                    throw n.error("postgres and redis need type: postgres, was type: sqlite");
                }
                return StorageConfig.SQLITE;
            }
            case "postgres" -> {
                YamlNode pg = required(n, "postgres").mapping("url", "user", "passwordEnv");
                YamlNode redis = required(n, "redis").mapping("uri");
                return StorageConfig.postgres(required(pg, "url").text("jdbc:postgresql://HOST:PORT/DATABASE"),
                        pg.get("user").map(u -> u.text("a database role")).orElse(StorageConfig.DEFAULT_POSTGRES_USER),
                        required(pg, "passwordEnv").text("an environment variable's name"),
                        required(redis, "uri").text("redis://HOST:PORT"));
            }
            default -> throw n.get("type").orElseThrow().error("expected sqlite or postgres, was \"" + type + "\"");
        }
    }

    private static Timers timers(YamlNode n) {
        n.mapping("t1", "t2", "t4", "timerC");
        Timers d = Timers.DEFAULTS;
        return new Timers(duration(n, "t1", d.t1()), duration(n, "t2", d.t2()), duration(n, "t4", d.t4()),
                duration(n, "timerC", d.timerC()));
    }

    private static Limits limits(YamlNode n) {
        n.mapping("maxMessageBytes", "maxHeaderCount", "maxConnections", "maxConnectionsPerAddress", "idleTimeout",
                "maxBindings", "maxBindingsPerAor", "minExpires", "defaultExpires", "maxExpires", "shutdownGrace");
        Limits d = Limits.DEFAULTS;
        return new Limits(integer(n, "maxMessageBytes", d.maxMessageBytes(), 256, 16 * 1024 * 1024),
                integer(n, "maxHeaderCount", d.maxHeaderCount(), 8, 65536),
                integer(n, "maxConnections", d.maxConnections(), 1, Integer.MAX_VALUE),
                integer(n, "maxConnectionsPerAddress", d.maxConnectionsPerAddress(), 1, Integer.MAX_VALUE),
                duration(n, "idleTimeout", d.idleTimeout()),
                integer(n, "maxBindings", d.maxBindings(), 1, Integer.MAX_VALUE),
                integer(n, "maxBindingsPerAor", d.maxBindingsPerAor(), 1, Integer.MAX_VALUE),
                duration(n, "minExpires", d.minExpires()), duration(n, "defaultExpires", d.defaultExpires()),
                duration(n, "maxExpires", d.maxExpires()), duration(n, "shutdownGrace", d.shutdownGrace()));
    }

    private static LogConfig log(YamlNode n) {
        n.mapping("level", "accessLog", "accessLogFile");
        LogConfig d = LogConfig.DEFAULTS;
        String level = n.get("level").map(l -> l.convert(String.join(", ", LogConfig.LEVELS), v -> {
            new LogConfig(v, false, d.accessLogFile());
            return v;
        })).orElse(d.level());
        return new LogConfig(level, n.get("accessLog").map(YamlNode::bool).orElse(d.accessLog()),
                n.get("accessLogFile").map(f -> f.convert("a file", ConfigLoader::path)).orElse(d.accessLogFile()));
    }

    private static YamlNode required(YamlNode parent, String key) {
        return parent.required(key);
    }

    private static Duration duration(YamlNode n, String key, Duration byDefault) {
        return n.get(key).map(YamlNode::duration).orElse(byDefault);
    }

    private static int integer(YamlNode n, String key, int byDefault, int min, int max) {
        return n.get(key).map(v -> v.integer(min, max)).orElse(byDefault);
    }

    /** A path as written, normalized ({@code ./data} is {@code data}). */
    static Path path(String text) {
        return Path.of(text).normalize();
    }
}
