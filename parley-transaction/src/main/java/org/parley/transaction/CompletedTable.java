package org.parley.transaction;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/**
 * A lane's non-INVITE server transactions in Completed over an unreliable transport (RFC 3261
 * §17.2.2, Figure 8), kept as bytes: for each, the key retransmissions match, the key of RFC 3261
 * §8.2.2.2 merged-request detection when it has one, where the final response went and that
 * response's wire bytes, until Timer J (64·T1) ends it. Nothing else of the state machine is used in
 * Completed, and the request — the largest part of a transaction — is not kept.
 *
 * <p>Why bytes: a registrar answering 15,000 REGISTERs a second over UDP holds 480,000 of these at
 * any time (Timer J is 32 s). As objects (a key with its strings, a source with its addresses, the
 * response, a timer, map nodes: some fifteen objects each) they were most of what the garbage
 * collector traced and copied, and the maps' rehashing stalled the lane for milliseconds
 * (docs/BENCHMARKS.md, registrar). Here every entry is a run of bytes in 256 KiB chunks, a few numbers
 * in ring arrays and a slot in two {@link SeqIndex}es: no object per entry at all.
 *
 * <p>Every entry lives the same Timer J, so entries end in the order they were added: they are
 * numbered, the oldest live one is {@link #headSeq}, one alarm waits for the oldest, and a chunk is
 * dropped once every entry in it has ended. An entry also ends early when a retransmitted response
 * cannot be sent (§17.2.4).
 *
 * <p>Confined to its lane, except {@link #ended}, which a transaction user may call from any thread:
 * it reads without locks and is exact on the lane, and eventually right elsewhere.
 */
final class CompletedTable {
    /**
     * Bytes per chunk; an entry larger than this gets a chunk of its own size. Just under 256 KiB: an
     * ordinary object for both collectors (G1 takes half a region, 512 KiB and up, as humongous and
     * gives a 1 MiB array two regions; ZGC keeps objects up to 256 KiB on its small pages).
     */
    static final int CHUNK_BYTES = (1 << 18) - 64;
    private static final int INITIAL_RING = 1 << 8;
    private static final byte LIVE = 1;
    private static final byte HAS_ORIGIN = 2;

    private final TransactionLayer layer;
    private final LaneState lane;
    private final Alarm timerJ = new Alarm("J", this::expireDue);
    private boolean armed;

    // The ring of entries, indexed by seq & (length - 1): where the bytes are, when it ends, its hashes.
    private long[] positions = new long[INITIAL_RING];
    private long[] deadlines = new long[INITIAL_RING];
    private int[] keyHashes = new int[INITIAL_RING];
    private int[] originHashes = new int[INITIAL_RING];
    private byte[] flags = new byte[INITIAL_RING];
    /** The oldest entry not yet passed by expiry; written only on the lane, read by {@link #ended}. */
    private volatile long headSeq;
    /** The number the next entry gets. */
    private long tailSeq;
    private int live;

    private final SeqIndex byKey = new SeqIndex();
    private final SeqIndex byOrigin = new SeqIndex();

    /** The chunks, oldest first; {@link #firstChunk} numbers the first. A position is chunk << 32 | offset. */
    private final ArrayList<byte[]> chunks = new ArrayList<>();
    private long firstChunk;
    private int tailOffset;

    /** The (transport, local address) pairs entries were received on: a handful per server. */
    private final List<Transport> transports = new ArrayList<>();
    private final List<InetSocketAddress> locals = new ArrayList<>();

    CompletedTable(TransactionLayer layer, LaneState lane) {
        this.layer = layer;
        this.lane = lane;
        chunks.add(new byte[CHUNK_BYTES]);
    }

    /** How many entries are live. */
    int size() {
        return live;
    }

    /**
     * Adds a transaction that sent {@code finalResponse} to {@code source} and ends after
     * {@code timerJMillis}; answers its number, for {@link #ended}. {@code origin} is its merged-request
     * key when detection is on, else null.
     */
    long add(TransactionKey key, MergeKey origin, byte[] finalResponse, Source source, long timerJMillis) {
        byte[] keyBytes = key.toBytes();
        byte[] originBytes = origin == null ? new byte[0] : origin.toBytes();
        int endpoint = endpointOf(source);
        byte[] address = source.remote().getAddress().getAddress();
        List<String> identities = source.peerIdentities();
        int size = 4 + keyBytes.length + 4 + originBytes.length + 4 + 1 + address.length + 4 + 8 + 4
                + finalResponse.length + 4;
        byte[][] encodedIdentities = new byte[identities.size()][];
        for (int i = 0; i < encodedIdentities.length; i++) {
            encodedIdentities[i] = identities.get(i).getBytes(StandardCharsets.UTF_8);
            size += 4 + encodedIdentities[i].length;
        }
        long position = reserve(size);
        byte[] chunk = chunks.get(chunks.size() - 1);
        int at = (int) position;
        at = putBytes(chunk, at, keyBytes);
        at = putBytes(chunk, at, originBytes);
        at = putInt(chunk, at, endpoint);
        chunk[at++] = (byte) address.length;
        System.arraycopy(address, 0, chunk, at, address.length);
        at += address.length;
        at = putInt(chunk, at, source.remote().getPort());
        at = putLong(chunk, at, source.connectionId());
        at = putInt(chunk, at, encodedIdentities.length);
        for (byte[] identity : encodedIdentities) {
            at = putBytes(chunk, at, identity);
        }
        putBytes(chunk, at, finalResponse);

        if (tailSeq - headSeq == positions.length) {
            growRing();
        }
        long seq = tailSeq++;
        int r = ring(seq);
        long deadline = lane.timers().now() + timerJMillis;
        positions[r] = position;
        deadlines[r] = deadline;
        keyHashes[r] = key.hashCode();
        byKey.add(key.hashCode(), seq);
        flags[r] = LIVE;
        if (origin != null) {
            flags[r] |= HAS_ORIGIN;
            originHashes[r] = origin.hashCode();
            byOrigin.add(origin.hashCode(), seq);
        }
        live++;
        if (!armed) {
            armed = true;
            lane.timers().schedule(timerJ, deadline);
        }
        return seq;
    }

    /**
     * §17.2.2: "any retransmissions of the request ... the server transaction MUST pass the final
     * response to the transport layer for retransmission". True when {@code key} is an entry's, whose
     * response then went again.
     */
    boolean retransmit(TransactionKey key) {
        long seq = find(byKey, key.hashCode(), key, 0);
        if (seq < 0) {
            return false;
        }
        byte[] chunk = chunkOf(positions[ring(seq)]);
        int at = (int) positions[ring(seq)];
        at = skipBytes(chunk, at);
        at = skipBytes(chunk, at);
        int endpoint = getInt(chunk, at);
        at += 4;
        byte[] address = Arrays.copyOfRange(chunk, at + 1, at + 1 + chunk[at]);
        at += 1 + address.length;
        int port = getInt(chunk, at);
        at += 4;
        long connectionId = getLong(chunk, at);
        at += 8;
        int count = getInt(chunk, at);
        at += 4;
        List<String> identities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = getInt(chunk, at);
            identities.add(new String(chunk, at + 4, length, StandardCharsets.UTF_8));
            at += 4 + length;
        }
        byte[] response = Arrays.copyOfRange(chunk, at + 4, at + 4 + getInt(chunk, at));
        Source source;
        try {
            InetSocketAddress remote = new InetSocketAddress(InetAddress.getByAddress(address), port);
            source = new Source(transports.get(endpoint), remote, locals.get(endpoint), connectionId, identities);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a stored address of " + address.length + " bytes", e);
        }
        layer.retransmitResponse(lane, () -> end(seq), response, source, "server " + key + " COMPLETED");
        return true;
    }

    /** True when a live entry has the merged-request key {@code origin} (RFC 3261 §8.2.2.2). */
    boolean holdsOrigin(MergeKey origin) {
        return byOrigin.size() > 0 && find(byOrigin, origin.hashCode(), origin, 1) >= 0;
    }

    /**
     * True once entry {@code seq} has ended (Timer J, or a transport error). Callable from any thread:
     * exact on the lane, eventually right elsewhere.
     */
    boolean ended(long seq) {
        if (seq < headSeq) {
            return true;
        }
        byte[] f = flags;
        return (f[(int) seq & (f.length - 1)] & LIVE) == 0;
    }

    /**
     * The live entry whose stored key ({@code field} 0, {@code wanted} a {@link TransactionKey}) or
     * origin (1, a {@link MergeKey}) equals {@code wanted}, or -1. The wanted key is encoded only when a
     * hash matches: a new request, the common case, usually meets an empty slot first.
     */
    private long find(SeqIndex index, int hash, Object wanted, int field) {
        byte[] bytes = null;
        for (int slot = index.start(hash); ; slot = index.next(slot)) {
            long seq = index.seqAt(slot);
            if (seq < 0) {
                return -1;
            }
            if (index.hashAt(slot) == hash) {
                if (bytes == null) {
                    bytes = wanted instanceof TransactionKey k ? k.toBytes() : ((MergeKey) wanted).toBytes();
                }
                if (storedEquals(seq, field, bytes)) {
                    return seq;
                }
            }
        }
    }

    private boolean storedEquals(long seq, int field, byte[] bytes) {
        long position = positions[ring(seq)];
        byte[] chunk = chunkOf(position);
        int at = (int) position;
        if (field == 1) {
            at = skipBytes(chunk, at);
        }
        int length = getInt(chunk, at);
        return length == bytes.length && Arrays.equals(chunk, at + 4, at + 4 + length, bytes, 0, length);
    }

    /** Timer J of the oldest entry fired: ends every entry due by now and waits for the next. */
    private void expireDue() {
        armed = false;
        long now = lane.timers().now();
        long head = headSeq;
        while (head < tailSeq) {
            int r = ring(head);
            if (deadlines[r] > now) {
                break;
            }
            end(head);
            head++;
        }
        headSeq = head;
        releaseChunks();
        if (head < tailSeq) {
            armed = true;
            lane.timers().schedule(timerJ, deadlines[ring(head)]);
        }
    }

    /** Ends entry {@code seq} if it is live: out of both indexes. Its bytes go with its chunk. */
    private void end(long seq) {
        if (seq < headSeq || seq >= tailSeq) {
            return;
        }
        int r = ring(seq);
        if ((flags[r] & LIVE) == 0) {
            return;
        }
        byKey.remove(keyHashes[r], seq);
        if ((flags[r] & HAS_ORIGIN) != 0) {
            byOrigin.remove(originHashes[r], seq);
        }
        flags[r] = 0;
        live--;
    }

    /** Drops the chunks before the oldest entry's; with no entry left, all but the newest. */
    private void releaseChunks() {
        long keep = headSeq < tailSeq ? positions[ring(headSeq)] >>> 32 : firstChunk + chunks.size() - 1;
        while (firstChunk < keep) {
            chunks.remove(0);
            firstChunk++;
        }
    }

    /** Room for {@code size} bytes at the end of the newest chunk, or in a new one; its position. */
    private long reserve(int size) {
        byte[] tail = chunks.get(chunks.size() - 1);
        if (tail.length - tailOffset < size) {
            chunks.add(new byte[Math.max(CHUNK_BYTES, size)]);
            tailOffset = 0;
        }
        long position = (firstChunk + chunks.size() - 1) << 32 | tailOffset;
        tailOffset += size;
        return position;
    }

    private byte[] chunkOf(long position) {
        return chunks.get((int) ((position >>> 32) - firstChunk));
    }

    private void growRing() {
        int capacity = positions.length * 2;
        long[] p = new long[capacity];
        long[] d = new long[capacity];
        int[] k = new int[capacity];
        int[] o = new int[capacity];
        byte[] f = new byte[capacity];
        for (long seq = headSeq; seq < tailSeq; seq++) {
            int from = ring(seq);
            int to = (int) seq & (capacity - 1);
            p[to] = positions[from];
            d[to] = deadlines[from];
            k[to] = keyHashes[from];
            o[to] = originHashes[from];
            f[to] = flags[from];
        }
        positions = p;
        deadlines = d;
        keyHashes = k;
        originHashes = o;
        flags = f;
    }

    private int ring(long seq) {
        return (int) seq & (positions.length - 1);
    }

    private int endpointOf(Source source) {
        for (int i = 0; i < transports.size(); i++) {
            if (transports.get(i).equals(source.transport()) && locals.get(i).equals(source.local())) {
                return i;
            }
        }
        transports.add(source.transport());
        locals.add(source.local());
        return transports.size() - 1;
    }

    private static int putBytes(byte[] chunk, int at, byte[] bytes) {
        putInt(chunk, at, bytes.length);
        System.arraycopy(bytes, 0, chunk, at + 4, bytes.length);
        return at + 4 + bytes.length;
    }

    private static int skipBytes(byte[] chunk, int at) {
        return at + 4 + getInt(chunk, at);
    }

    private static int putInt(byte[] chunk, int at, int value) {
        chunk[at] = (byte) (value >>> 24);
        chunk[at + 1] = (byte) (value >>> 16);
        chunk[at + 2] = (byte) (value >>> 8);
        chunk[at + 3] = (byte) value;
        return at + 4;
    }

    private static int getInt(byte[] chunk, int at) {
        return (chunk[at] & 0xff) << 24 | (chunk[at + 1] & 0xff) << 16 | (chunk[at + 2] & 0xff) << 8
                | chunk[at + 3] & 0xff;
    }

    private static int putLong(byte[] chunk, int at, long value) {
        putInt(chunk, at, (int) (value >>> 32));
        return putInt(chunk, at + 4, (int) value);
    }

    private static long getLong(byte[] chunk, int at) {
        return (long) getInt(chunk, at) << 32 | getInt(chunk, at + 4) & 0xffffffffL;
    }
}
