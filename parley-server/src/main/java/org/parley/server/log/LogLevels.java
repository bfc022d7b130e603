package org.parley.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Changes log levels at run time (the admin API's {@code PUT /api/log-level}), in Logback, the server's
 * SLF4J binding. Thread-safe: Logback's loggers take level changes from any thread.
 */
public final class LogLevels {
    /** The levels accepted, Logback's, from the most to the least verbose. */
    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private final LoggerContext context;

    private LogLevels(LoggerContext context) {
        this.context = context;
    }

    /**
     * The levels of the running Logback.
     *
     * @throws IllegalStateException when SLF4J is bound to another logging system
     */
    public static LogLevels ofLogback() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            return new LogLevels(context);
        }
        throw new IllegalStateException("log levels can be changed only with Logback; SLF4J is bound to "
                + factory.getClass().getName());
    }

    /**
     * Sets the level of {@code logger} ("ROOT" or a dotted name such as {@code org.parley.proxy}) and
     * returns the level now in force for it.
     *
     * @throws IllegalArgumentException for a level outside {@link #LEVELS} or a logger name that is not a
     *     dotted Java name, quoting the value
     */
    public String set(String logger, String level) {
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(level, "level");
        String upper = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, was \""
                    + level + "\"");
        }
        checkName(logger);
        ch.qos.logback.classic.Logger l = context.getLogger(logger);
        l.setLevel(Level.toLevel(upper));
        return l.getEffectiveLevel().toString();
    }

    /**
     * The level in force for {@code logger} (its own or inherited).
     *
     * @throws IllegalArgumentException for a logger name that is not a dotted Java name, quoting it
     */
    public String level(String logger) {
        checkName(Objects.requireNonNull(logger, "logger"));
        return context.getLogger(logger).getEffectiveLevel().toString();
    }

    private static void checkName(String logger) {
        if (!isLoggerName(logger)) {
            throw new IllegalArgumentException("logger must be ROOT or a dotted name like org.parley.proxy, was \""
                    + logger + "\"");
        }
    }

    private static boolean isLoggerName(String s) {
        if (s.isEmpty() || s.length() > 200 || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '$' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
