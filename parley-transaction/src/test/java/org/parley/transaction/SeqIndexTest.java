package org.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SeqIndex} against a plain map, under random adds and removes with many shared hashes, so
 * that probe runs wrap, collide and are shifted back by deletions. Reproducible from the seed.
 */
class SeqIndexTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20261122})
    void probesFindExactlyWhatWasAddedUnderEachHash(long seed) {
        Random random = new Random(seed);
        SeqIndex index = new SeqIndex();
        Map<Long, Integer> reference = new HashMap<>();
        List<Long> present = new ArrayList<>();
        long nextSeq = 0;
        for (int step = 0; step < 40_000; step++) {
            if (present.isEmpty() || random.nextInt(100) < 55) {
                // Few distinct hashes in the first half (long shared runs), any hash after.
                int hash = step < 20_000 ? random.nextInt(64) * 7919 : random.nextInt();
                index.add(hash, nextSeq);
                reference.put(nextSeq, hash);
                present.add(nextSeq++);
            } else {
                long seq = present.remove(random.nextInt(present.size()));
                index.remove(reference.remove(seq), seq);
            }
            if (step % 997 == 0) {
                assertMatches(index, reference, "seed " + seed + ", step " + step);
            }
        }
        assertMatches(index, reference, "seed " + seed + ", end");
        for (long seq : present) {
            index.remove(reference.get(seq), seq);
        }
        assertThat(index.size()).isZero();
    }

    @ParameterizedTest(name = "absent seq {0}")
    @ValueSource(longs = {0, 5, 1_000})
    void removingWhatIsNotThereChangesNothing(long absent) {
        SeqIndex index = new SeqIndex();
        index.add(7, 1);
        index.add(7, 2);
        index.remove(7, absent == 0 ? 3 : absent);
        index.remove(8, 1);
        assertThat(index.size()).isEqualTo(2);
        assertThat(probe(index, 7)).containsExactlyInAnyOrder(1L, 2L);
    }

    private static void assertMatches(SeqIndex index, Map<Long, Integer> reference, String where) {
        assertThat(index.size()).as(where).isEqualTo(reference.size());
        Map<Integer, Set<Long>> byHash = new HashMap<>();
        reference.forEach((seq, hash) -> byHash.computeIfAbsent(hash, h -> new HashSet<>()).add(seq));
        byHash.forEach((hash, seqs) -> assertThat(probe(index, hash)).as(where + ", hash " + hash)
                .containsExactlyInAnyOrderElementsOf(seqs));
    }

    /** Every seq the probe for {@code hash} yields with that hash. */
    private static List<Long> probe(SeqIndex index, int hash) {
        List<Long> found = new ArrayList<>();
        int slot = index.start(hash);
        for (int guard = 0; guard < 1 << 22; guard++) {
            long seq = index.seqAt(slot);
            if (seq < 0) {
                return found;
            }
            if (index.hashAt(slot) == hash) {
                found.add(seq);
            }
            slot = index.next(slot);
        }
        throw new AssertionError("the probe for " + hash + " never met an empty slot");
    }
}
