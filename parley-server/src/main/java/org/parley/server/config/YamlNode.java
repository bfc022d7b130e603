package org.parley.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A node of the configuration file with its key path, whose accessors turn every mismatch into a
 * {@link ConfigException} naming the file, the path and what was expected. Immutable.
 */
final class YamlNode {
    private final String file;
    private final String path;
    private final JsonNode node;

    YamlNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    ConfigException error(String problem) {
        return new ConfigException(file, path, problem);
    }

    /** Requires a mapping holding only {@code allowed} keys. */
    YamlNode mapping(String... allowed) {
        if (!node.isObject()) {
            throw error("expected a mapping with keys " + String.join(", ", allowed) + ", was " + describe());
        }
        List<String> keys = Arrays.asList(allowed);
        for (String name : node.propertyNames()) {
            if (!keys.contains(name)) {
                throw new ConfigException(file, child(name), "unknown key; expected one of "
                        + String.join(", ", allowed));
            }
        }
        return this;
    }

    boolean isMapping() {
        return node.isObject();
    }

    boolean isNull() {
        return node.isNull();
    }

    /** The child {@code key} of a mapping, or the error saying it is missing. */
    YamlNode required(String key) {
        return get(key).orElseThrow(() -> new ConfigException(file, child(key), "missing; it is required here"));
    }

    /** The child {@code key} of a mapping, when present. */
    Optional<YamlNode> get(String key) {
        JsonNode child = node.get(key);
        return child == null || child.isMissingNode() ? Optional.empty()
                : Optional.of(new YamlNode(file, child(key), child));
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The elements of a sequence, each with its index in the path. */
    List<YamlNode> elements(String expected) {
        if (!node.isArray()) {
            throw error("expected a list of " + expected + ", was " + describe());
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** A scalar as text (numbers are taken as written). */
    String text(String expected) {
        if (node.isString() || node.isNumber() || node.isBoolean()) {
            String s = node.asString();
            if (!s.isBlank()) {
                return s;
            }
        }
        throw error("expected " + expected + ", was " + describe());
    }

    /** A whole number in {@code min..max}. */
    int integer(int min, int max) {
        String expected = "a whole number " + min + ".." + max;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            int v = node.intValue();
            if (v >= min && v <= max) {
                return v;
            }
        }
        throw error("expected " + expected + ", was " + describe());
    }

    /** true or false. */
    boolean bool() {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        throw error("expected true or false, was " + describe());
    }

    /** A duration such as {@code 500ms} ({@link Durations}). */
    Duration duration() {
        return convert(Durations.EXPECTED, Durations::parse);
    }

    /** The text converted by {@code parser}, whose {@link IllegalArgumentException} becomes the error. */
    <T> T convert(String expected, Function<String, T> parser) {
        String s = text(expected);
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private String describe() {
        if (node.isNull()) {
            return "empty";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        String s = node.asString();
        return node.isString() ? "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "\"" : s;
    }
}
