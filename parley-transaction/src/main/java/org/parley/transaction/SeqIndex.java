package org.parley.transaction;

/**
 * A hash index from a 32-bit hash to entry sequence numbers, held in two primitive arrays (open
 * addressing, linear probing, backward-shift deletion), so that hundreds of thousands of entries are
 * two arrays to the garbage collector rather than a node and a key object each. Several entries may
 * share a hash; the caller compares the entries a probe yields.
 *
 * <p>Probe with {@link #start}, {@link #seqAt}, {@link #hashAt} and {@link #next} until
 * {@link #seqAt} answers -1. Not thread-safe: confined to a lane.
 */
final class SeqIndex {
    private static final int MIN_CAPACITY = 64;

    /** seq + 1 per slot; 0 marks an empty slot. */
    private long[] seqs;
    private int[] hashes;
    private int shift;
    private int size;

    SeqIndex() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        seqs = new long[capacity];
        hashes = new int[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    /** How many entries the index holds. */
    int size() {
        return size;
    }

    private int home(int hash) {
        // Fibonacci hashing spreads hashes whose low bits repeat (String hashes of similar keys).
        return (hash * 0x9E3779B9) >>> shift;
    }

    /** Adds {@code seq} under {@code hash}. */
    void add(int hash, long seq) {
        if ((size + 1) * 2 > seqs.length) {
            grow();
        }
        insert(hash, seq + 1);
        size++;
    }

    private void insert(int hash, long stored) {
        int mask = seqs.length - 1;
        int i = home(hash);
        while (seqs[i] != 0) {
            i = (i + 1) & mask;
        }
        seqs[i] = stored;
        hashes[i] = hash;
    }

    private void grow() {
        long[] oldSeqs = seqs;
        int[] oldHashes = hashes;
        allocate(oldSeqs.length * 2);
        for (int i = 0; i < oldSeqs.length; i++) {
            if (oldSeqs[i] != 0) {
                insert(oldHashes[i], oldSeqs[i]);
            }
        }
    }

    /** Removes {@code seq}, which was added under {@code hash}; a no-op when it is not there. */
    void remove(int hash, long seq) {
        int mask = seqs.length - 1;
        int i = home(hash);
        while (seqs[i] != seq + 1) {
            if (seqs[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: move later entries of the probe run into the hole when their home
        // slot does not lie cyclically in (hole, their slot], so that no probe stops early.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (seqs[j] == 0) {
                break;
            }
            int k = home(hashes[j]);
            boolean stays = i <= j ? i < k && k <= j : i < k || k <= j;
            if (!stays) {
                seqs[i] = seqs[j];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        seqs[i] = 0;
        size--;
    }

    /** The first slot to look at for {@code hash}. */
    int start(int hash) {
        return home(hash);
    }

    /** The slot after {@code slot} in probe order. */
    int next(int slot) {
        return (slot + 1) & (seqs.length - 1);
    }

    /** The sequence number in {@code slot}, or -1 when it is empty (the probe ends there). */
    long seqAt(int slot) {
        return seqs[slot] - 1;
    }

    /** The hash stored with the entry in {@code slot}. */
    int hashAt(int slot) {
        return hashes[slot];
    }
}
