package org.parley.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's logging through Logback: the console layout of a running server
 * ({@code org/parley/server/logback-server.xml}: time, level, thread, logger) and the root level from
 * the configuration, which a reload may change. When SLF4J is bound to something other than Logback
 * (an application embedding the server), both are left to that application.
 *
 * <p>Thread-safe: Logback's level changes are.
 */
public final class ServerLogging {
    /** The server's Logback configuration, on the class path. */
    public static final String CONFIGURATION = "org/parley/server/logback-server.xml";

    private static final Logger LOG = LoggerFactory.getLogger(ServerLogging.class);

    private ServerLogging() {
    }

    /**
     * Replaces the Logback configuration by the server's console layout ({@link #CONFIGURATION}).
     * The command line calls it before starting a server; tests and embedding applications do not.
     *
     * @throws IllegalStateException when the configuration cannot be read (a broken build)
     */
    public static void useServerLayout() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL url = ServerLogging.class.getClassLoader().getResource(CONFIGURATION);
        if (url == null) {
            throw new IllegalStateException(CONFIGURATION + " is missing from the class path");
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot apply " + CONFIGURATION + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets the root log level ({@code TRACE} … {@code OFF}, as {@link org.parley.server.config.LogConfig}
     * checked it).
     *
     * @return the level it had, or empty text when logging is not Logback's
     */
    public static String setLevel(String level) {
        Objects.requireNonNull(level, "level");
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return "";
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        Level after = Level.toLevel(level, before);
        if (!after.equals(before)) {
            root.setLevel(after);
            LOG.debug("log level {} -> {}", before, after);
        }
        return before == null ? "" : before.toString();
    }
}
