package org.parley.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered list of {@code ;name=value} parameters as URIs and header values carry them
 * (RFC 3261 §19.1.1 uri-parameters, §7.3.1 generic-param).
 *
 * <p>Names compare case-insensitively and keep the spelling they were written with. A parameter
 * may have no value ({@code ;lr}): {@link #has(String)} is true and {@link #get(String)} is empty.
 * Values are kept as written (quoted strings keep their quotes, escapes stay escaped); typed
 * accessors of the owning value decode them. Immutable; changes go through {@link #toBuilder()}.
 */
public final class Parameters {
    private static final String[] NONE = new String[0];

    /** The empty parameter list. */
    public static final Parameters EMPTY = new Parameters(NONE);

    /** name0, value0, name1, value1, ...; a null value is a parameter without "=value". */
    private final String[] pairs;

    private Parameters(String[] pairs) {
        this.pairs = pairs;
    }

    /** Starts an empty builder. */
    public static Builder builder() {
        return new Builder(NONE, 2);
    }

    /**
     * Starts an empty builder with room for {@code expected} parameters: a parser that has counted
     * them fills the array that {@link Builder#build()} then keeps, instead of growing and copying it.
     *
     * @throws IllegalArgumentException when {@code expected} is negative
     */
    public static Builder builder(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected parameter count must be >= 0, was " + expected);
        }
        return new Builder(NONE, expected);
    }

    /** A builder that starts with these parameters. */
    public Builder toBuilder() {
        return new Builder(pairs, 2);
    }

    /** How many parameters there are. */
    public int size() {
        return pairs.length / 2;
    }

    /** True when there are no parameters. */
    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** The name of the i-th parameter, as written. */
    public String name(int i) {
        return pairs[2 * Objects.checkIndex(i, size())];
    }

    /** The value of the i-th parameter as written, empty for a parameter without value. */
    public Optional<String> value(int i) {
        return Optional.ofNullable(pairs[2 * Objects.checkIndex(i, size()) + 1]);
    }

    /** True when a parameter of this name (any case) is present, with or without value. */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value of the first parameter of this name; empty when absent or when it has no value. */
    public Optional<String> get(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.ofNullable(pairs[i + 1]);
    }

    /**
     * The value of the first parameter of this name, or null when absent or valueless. Meant for
     * the hot path inside Parley; public code should prefer {@link #get(String)}.
     */
    public String getOrNull(String name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[i + 1];
    }

    /** The names, in order, as written. */
    public List<String> names() {
        List<String> names = new ArrayList<>(size());
        for (int i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return List.copyOf(names);
    }

    private int indexOf(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Appends {@code ;name[=value]} for each parameter, in order. */
    public void appendTo(StringBuilder out) {
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(';').append(pairs[i]);
            if (pairs[i + 1] != null) {
                out.append('=').append(pairs[i + 1]);
            }
        }
    }

    /** The parameters as they appear on the wire: {@code ;a=1;b}, or the empty string. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    /** Same parameters in the same order; names compare case-insensitively, values exactly. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Parameters other) || other.pairs.length != pairs.length) {
            return false;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(other.pairs[i]) || !Objects.equals(pairs[i + 1], other.pairs[i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < pairs.length; i += 2) {
            h = 31 * h + pairs[i].toLowerCase(Locale.ROOT).hashCode();
            h = 31 * h + Objects.hashCode(pairs[i + 1]);
        }
        return h;
    }

    /** Builds a {@link Parameters}. Not thread-safe. */
    public static final class Builder {
        private String[] pairs;
        private int length;
        /** True once {@link #build()} handed {@link #pairs} to a Parameters: copy before changing it. */
        private boolean shared;

        private Builder(String[] initial, int room) {
            // Default room for two parameters: the usual count for a parsed value (;tag=, ;branch=x;rport).
            this.pairs = Arrays.copyOf(initial, Math.max(2 * room, initial.length));
            this.length = initial.length;
        }

        /** Makes {@link #pairs} this builder's own again after {@link #build()} shared it. */
        private void unshare() {
            if (shared) {
                pairs = pairs.clone();
                shared = false;
            }
        }

        /** Appends a parameter even if one of that name exists (the wire allows repeats). */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("parameter name must not be empty");
            }
            if (length == pairs.length) {
                pairs = Arrays.copyOf(pairs, Math.max(4, pairs.length * 2));
                shared = false;
            }
            pairs[length++] = name;
            pairs[length++] = value;
            return this;
        }

        /** Sets a parameter: replaces the value of the first of that name, or appends it. */
        public Builder set(String name, String value) {
            unshare();
            for (int i = 0; i < length; i += 2) {
                if (pairs[i].equalsIgnoreCase(name)) {
                    pairs[i + 1] = value;
                    return this;
                }
            }
            return add(name, value);
        }

        /** Sets a parameter without value ({@code ;lr}). */
        public Builder flag(String name) {
            return set(name, null);
        }

        /** Removes every parameter of this name (any case). */
        public Builder remove(String name) {
            unshare();
            int w = 0;
            for (int r = 0; r < length; r += 2) {
                if (!pairs[r].equalsIgnoreCase(name)) {
                    pairs[w++] = pairs[r];
                    pairs[w++] = pairs[r + 1];
                }
            }
            Arrays.fill(pairs, w, length, null);
            length = w;
            return this;
        }

        /** The immutable parameters. */
        public Parameters build() {
            if (length == 0) {
                return EMPTY;
            }
            if (length == pairs.length) {
                // Full: hand the array over rather than copy it; a later change copies it first.
                shared = true;
                return new Parameters(pairs);
            }
            return new Parameters(Arrays.copyOf(pairs, length));
        }
    }
}
