package org.parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lookups over an ordered attribute list, shared by the session and media levels. Stateless.
 */
final class Attributes {
    private Attributes() {
    }

    static Optional<String> first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a.value().orElse(""));
            }
        }
        return Optional.empty();
    }

    static boolean has(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static List<String> all(List<Attribute> attributes, String name) {
        List<String> values = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                values.add(a.value().orElse(""));
            }
        }
        return values;
    }

    static <T> List<T> parseAll(List<Attribute> attributes, String name, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String value : all(attributes, name)) {
            out.add(parser.apply(value));
        }
        return List.copyOf(out);
    }

    /** The last direction attribute (RFC 8866 §6.7 allows one; a later one wins if a peer repeats it). */
    static Optional<Direction> direction(List<Attribute> attributes) {
        Optional<Direction> found = Optional.empty();
        for (Attribute a : attributes) {
            if (a.isProperty()) {
                Optional<Direction> d = Direction.fromAttributeName(a.name());
                if (d.isPresent()) {
                    found = d;
                }
            }
        }
        return found;
    }

    /** A copy with every direction attribute removed and {@code direction} put where the first one was. */
    static List<Attribute> withDirection(List<Attribute> attributes, Direction direction) {
        List<Attribute> out = new ArrayList<>(attributes.size() + 1);
        boolean placed = false;
        for (Attribute a : attributes) {
            if (a.isProperty() && Direction.fromAttributeName(a.name()).isPresent()) {
                if (!placed) {
                    out.add(direction.toAttribute());
                    placed = true;
                }
            } else {
                out.add(a);
            }
        }
        if (!placed) {
            out.add(direction.toAttribute());
        }
        return List.copyOf(out);
    }
}
