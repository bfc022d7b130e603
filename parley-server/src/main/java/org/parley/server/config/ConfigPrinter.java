package org.parley.server.config;

import java.nio.file.Path;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a {@link ServerConfig} as the YAML {@link ConfigLoader} reads, every key present with its
 * effective value ({@code parley config show}). Secrets are masked: a password in a Redis or JDBC URL
 * becomes {@code ***}; passwords themselves are never in the configuration (only the names of the
 * environment variables holding them). Stateless.
 */
public final class ConfigPrinter {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR).build();

    private ConfigPrinter() {
    }

    /** {@code config} as YAML; loading the text gives back an equal configuration. */
    public static String toYaml(ServerConfig config) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode listeners = root.putArray("listeners");
        config.listeners().forEach(l -> listeners.add(l.toString()));
        ArrayNode domains = root.putArray("domains");
        for (DomainConfig d : config.domains()) {
            ObjectNode o = domains.addObject();
            o.put("name", d.name());
            o.put("realm", d.realm());
        }
        root.put("dataDirectory", path(config.dataDirectory()));
        root.put("admin", config.admin().map(ListenAddress::format).orElse("off"));
        ObjectNode tls = root.putObject("tls");
        config.tls().certificate().ifPresent(c -> tls.put("certificate", path(c)));
        config.tls().key().ifPresent(k -> tls.put("key", path(k)));
        config.tls().keyPasswordEnv().ifPresent(e -> tls.put("keyPasswordEnv", e));
        storage(root.putObject("storage"), config.storage());
        Timers t = config.timers();
        ObjectNode timers = root.putObject("timers");
        timers.put("t1", Durations.format(t.t1()));
        timers.put("t2", Durations.format(t.t2()));
        timers.put("t4", Durations.format(t.t4()));
        timers.put("timerC", Durations.format(t.timerC()));
        Limits l = config.limits();
        ObjectNode limits = root.putObject("limits");
        limits.put("maxMessageBytes", l.maxMessageBytes());
        limits.put("maxHeaderCount", l.maxHeaderCount());
        limits.put("maxConnections", l.maxConnections());
        limits.put("maxConnectionsPerAddress", l.maxConnectionsPerAddress());
        limits.put("idleTimeout", Durations.format(l.idleTimeout()));
        limits.put("maxBindings", l.maxBindings());
        limits.put("maxBindingsPerAor", l.maxBindingsPerAor());
        limits.put("minExpires", Durations.format(l.minExpires()));
        limits.put("defaultExpires", Durations.format(l.defaultExpires()));
        limits.put("maxExpires", Durations.format(l.maxExpires()));
        limits.put("shutdownGrace", Durations.format(l.shutdownGrace()));
        ObjectNode log = root.putObject("log");
        log.put("level", config.log().level());
        log.put("accessLog", config.log().accessLog());
        log.put("accessLogFile", path(config.log().accessLogFile()));
        return MAPPER.writeValueAsString(root);
    }

    private static void storage(ObjectNode o, StorageConfig s) {
        o.put("type", s.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (s.kind() == StorageConfig.Kind.POSTGRES) {
            ObjectNode pg = o.putObject("postgres");
            pg.put("url", maskJdbc(s.postgresUrl().orElseThrow()));
            pg.put("user", s.postgresUser());
            pg.put("passwordEnv", s.postgresPasswordEnv().orElseThrow());
            o.putObject("redis").put("uri", StorageConfig.maskUri(s.redisUri().orElseThrow()));
        }
    }

    /** A JDBC URL with the value of a {@code password} parameter masked. */
    static String maskJdbc(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static String path(Path p) {
        return p.toString();
    }
}
