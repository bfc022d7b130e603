package org.parley.server.config;

import java.util.Objects;

/**
 * A configuration file the server refuses: the message names the file, the key path (e.g.
 * {@code listeners[2].port}) and what was expected, so a person can fix it without reading code.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The file, as given. */
    private final String file;
    /** The key path, empty for the file as a whole. */
    private final String key;

    /**
     * A refusal of {@code key} in {@code file}.
     *
     * @param file the file as the user named it
     * @param key the key path, or empty for the whole file
     * @param problem what was expected and what was found
     */
    public ConfigException(String file, String key, String problem) {
        super(file + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The file, as the user named it. */
    public String file() {
        return file;
    }

    /** The key path, such as {@code listeners[2].port}; empty when the problem is the file as a whole. */
    public String key() {
        return key;
    }
}
