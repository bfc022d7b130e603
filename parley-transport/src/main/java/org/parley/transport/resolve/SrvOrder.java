package org.parley.transport.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Orders SRV records as RFC 2782 ("Usage rules") asks: by priority ascending, and within one
 * priority by repeated weighted random selection. Records whose target is "." (no service) are
 * dropped. Stateless; the caller owns the random source and any locking it needs.
 */
final class SrvOrder {
    private SrvOrder() {
    }

    static List<SrvRecord> order(List<SrvRecord> records, RandomGenerator random) {
        Map<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord r : records) {
            if (!r.target().isEmpty()) {
                byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r);
            }
        }
        List<SrvRecord> ordered = new ArrayList<>(records.size());
        for (List<SrvRecord> group : byPriority.values()) {
            // RFC 2782: weight-0 records go first in the list the running sums are taken over.
            List<SrvRecord> remaining = new ArrayList<>(group);
            remaining.sort(Comparator.comparingInt(r -> r.weight() == 0 ? 0 : 1));
            while (!remaining.isEmpty()) {
                ordered.add(remaining.remove(pick(remaining, random)));
            }
        }
        return ordered;
    }

    /** RFC 2782: a uniform number 0..sum, then the first record whose running sum reaches it. */
    private static int pick(List<SrvRecord> remaining, RandomGenerator random) {
        int sum = 0;
        for (SrvRecord r : remaining) {
            sum += r.weight();
        }
        int chosen = random.nextInt(sum + 1);
        int running = 0;
        for (int i = 0; i < remaining.size(); i++) {
            running += remaining.get(i).weight();
            if (running >= chosen) {
                return i;
            }
        }
        return remaining.size() - 1;
    }
}
