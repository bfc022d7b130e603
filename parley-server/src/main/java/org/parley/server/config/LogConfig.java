package org.parley.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Logging. Immutable; checked when built.
 *
 * @param level the root log level: TRACE, DEBUG, INFO, WARN, ERROR or OFF (reloaded on SIGHUP)
 * @param accessLog whether one line per transaction is written to {@code accessLogFile}
 * @param accessLogFile the access log; a relative path is taken from the data directory
 */
public record LogConfig(String level, boolean accessLog, Path accessLogFile) {
    /** The levels a person may write. */
    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** INFO, no access log, {@code access.log} in the data directory when switched on. */
    public static final LogConfig DEFAULTS = new LogConfig("INFO", false, Path.of("access.log"));

    /** Checks and upper-cases the level. */
    public LogConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(accessLogFile, "accessLogFile");
        level = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("level must be one of " + String.join(", ", LEVELS) + ", was \""
                    + level + "\"");
        }
    }
}
