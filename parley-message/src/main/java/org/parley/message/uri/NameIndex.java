package org.parley.message.uri;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.parley.message.Parameters;

/**
 * Finds the first parameter of a name (ignoring case) in a {@link Parameters}, so that comparing
 * two parameter lists stays linear however many parameters a hostile URI carries: short lists are
 * searched directly, long ones through a map built once. Confined to the comparison that made it.
 */
final class NameIndex {
    /** Above this many lookups times entries, a map is cheaper than scanning. */
    private static final int SCAN_LIMIT = 256;

    private final Parameters parameters;
    private final Map<String, Integer> firstIndex;

    private NameIndex(Parameters parameters, Map<String, Integer> firstIndex) {
        this.parameters = parameters;
        this.firstIndex = firstIndex;
    }

    /** An index over {@code parameters} for about {@code lookups} lookups. */
    static NameIndex of(Parameters parameters, int lookups) {
        if ((long) lookups * parameters.size() <= SCAN_LIMIT) {
            return new NameIndex(parameters, null);
        }
        Map<String, Integer> map = new HashMap<>(parameters.size() * 2);
        for (int i = 0; i < parameters.size(); i++) {
            map.putIfAbsent(parameters.name(i).toLowerCase(Locale.ROOT), i);
        }
        return new NameIndex(parameters, map);
    }

    /** The index of the first parameter called {@code name} (any case), or -1. */
    int indexOf(String name) {
        if (firstIndex != null) {
            Integer i = firstIndex.get(name.toLowerCase(Locale.ROOT));
            return i == null ? -1 : i;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.name(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
