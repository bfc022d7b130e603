package org.parley.proxy.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.proxy.location.BindingChange;
import org.parley.proxy.location.ChangeResult;
import org.parley.proxy.location.ChangeResult.Outcome;
import org.parley.proxy.location.LocationCounts;
import org.parley.proxy.location.LocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service in Redis, shared by several Parley nodes (issue #6): a REGISTER handled by one
 * node is found by a lookup on any other that uses the same server and {@link RedisConfig#keyPrefix()}.
 *
 * <p>Layout: one string key per address-of-record, {@code <prefix>sip:user@domain}, whose value is
 * every binding of the record in the order they were first added ({@link BindingText}), with a TTL
 * that ends when the record's last binding lapses. Redis's key expiry therefore removes a record
 * once nothing in it is live, without any scan; a binding that lapses before the others of its record
 * stays in the value until the next write of that record drops it, and every read filters it out by
 * the store's clock. One key per record (rather than a hash field or a key per binding) keeps the
 * order of the bindings, makes each write one atomic {@code SET}, and needs no index that would itself
 * have to be cleaned.
 *
 * <p>{@link #apply} is atomic per record by optimistic concurrency: it reads the value, runs
 * {@link BindingChange#applyTo} on it in Java (the one copy of the RFC 3261 §10.3 rules), and writes
 * the result with a short Lua script that sets it only if the value is still the one read
 * (compare-and-set), retrying from the read up to {@link RedisConfig#maxAttempts()} times. This is
 * WATCH/MULTI/EXEC's check without its per-connection state, so every command shares one multiplexed
 * connection. A Redis that refuses writes for lack of memory ({@code maxmemory}) is reported as
 * {@link Outcome#STORE_FULL}.
 *
 * <p>Failures: every command is bounded by {@link RedisConfig#timeout()}; while the connection is down
 * commands are refused at once (Lettuce reconnects in the background). A failed future carries an
 * {@link IllegalStateException} naming this store, its server and the operation.
 *
 * <p>Thread model: thread-safe and non-blocking. Futures complete on Lettuce's I/O threads; what a
 * caller chains on them must not block. Only {@link #open} and {@link #close} block (at start-up and
 * shut-down).
 */
public final class RedisLocationStore implements LocationStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLocationStore.class);
    /** KEYS[1] = the record; ARGV = the value read ("" for none), the new value ("" to delete), the TTL in ms. */
    static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1]) or ''
            if current ~= ARGV[1] then
              return 0
            end
            if ARGV[2] == '' then
              redis.call('DEL', KEYS[1])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
            return 1
            """;
    private static final int SCAN_BATCH = 500;
    private static final Duration CLOSE_QUIET_PERIOD = Duration.ofMillis(100);

    private final RedisConfig config;
    private final InstantSource clock;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final String name;
    private final String pattern;

    private RedisLocationStore(RedisConfig config, InstantSource clock, RedisClient client,
            StatefulRedisConnection<String, String> connection) {
        this.config = config;
        this.clock = clock;
        this.client = client;
        this.connection = connection;
        this.redis = connection.async();
        this.name = nameOf(config);
        this.pattern = globEscape(config.keyPrefix()) + "*";
    }

    /**
     * Connects to the server {@code config} names; blocks for at most its timeout (call it at start-up,
     * not on an event loop).
     *
     * @param clock the time by which bindings are live or lapsed; Redis's TTLs are relative to the
     *        change's own instant, so a node's clock need not match the server's
     * @throws IllegalStateException naming the server when it cannot be reached
     */
    public static RedisLocationStore open(RedisConfig config, InstantSource clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.timeout());
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(config.timeout()).build())
                .build());
        try {
            return new RedisLocationStore(config, clock, client, client.connect(StringCodec.UTF8, uri));
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, config.timeout());
            throw new IllegalStateException(nameOf(config) + ": cannot connect: " + e.getMessage(), e);
        }
    }

    /** The configuration. */
    public RedisConfig config() {
        return config;
    }

    /** The Redis key of {@code aor}'s bindings: the prefix and the canonical key. */
    public String keyOf(AddressOfRecord aor) {
        return config.keyPrefix() + aor.key();
    }

    @Override
    public CompletableFuture<List<Binding>> lookup(AddressOfRecord aor) {
        Objects.requireNonNull(aor, "aor");
        return named("lookup of " + aor, redis.get(keyOf(aor))
                .thenApply(text -> text == null ? List.of() : live(BindingText.decode(aor, text), clock.instant())));
    }

    @Override
    public CompletableFuture<ChangeResult> apply(BindingChange change) {
        Objects.requireNonNull(change, "change");
        CompletableFuture<ChangeResult> result = new CompletableFuture<>();
        attempt(change, 1, result);
        return named("change of " + change.aor(), result);
    }

    /** One read, decide, compare-and-set round; the next one when another writer came in between. */
    private void attempt(BindingChange change, int attempt, CompletableFuture<ChangeResult> result) {
        String key = keyOf(change.aor());
        redis.get(key).whenComplete((text, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            String read = text == null ? "" : text;
            ChangeResult decided;
            String next;
            try {
                List<Binding> before = text == null ? List.of() : BindingText.decode(change.aor(), text);
                decided = change.applyTo(before);
                if (!decided.isApplied()) {
                    result.complete(decided);
                    return;
                }
                next = decided.bindings().isEmpty() ? "" : BindingText.encode(decided.bindings());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            long ttl = ttlMillis(decided.bindings(), change.now());
            redis.<Long>eval(COMPARE_AND_SET, ScriptOutputType.INTEGER, new String[] {key}, read, next,
                    Long.toString(ttl)).whenComplete((swapped, writeFailure) -> {
                        if (writeFailure != null) {
                            refused(change, read, writeFailure, result);
                        } else if (swapped == 1L) {
                            result.complete(decided);
                        } else if (attempt >= config.maxAttempts()) {
                            result.completeExceptionally(new IllegalStateException("the record changed between read"
                                    + " and write on each of " + attempt + " attempts"));
                        } else {
                            attempt(change, attempt + 1, result);
                        }
                    });
        });
    }

    /** A write Redis refused: for lack of memory a full store (503), else a failure (500). */
    private void refused(BindingChange change, String read, Throwable failure, CompletableFuture<ChangeResult> result) {
        String message = String.valueOf(unwrap(failure).getMessage());
        if (!message.startsWith("OOM")) {
            result.completeExceptionally(failure);
            return;
        }
        LOG.warn("{}: Redis is out of memory (maxmemory); refusing a change of {}", name, change.aor());
        try {
            List<Binding> before = read.isEmpty() ? List.of() : BindingText.decode(change.aor(), read);
            result.complete(new ChangeResult(Outcome.STORE_FULL, live(before, change.now())));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public CompletableFuture<List<AddressOfRecord>> addressesOfRecord(String afterKey, int limit) {
        Objects.requireNonNull(afterKey, "afterKey");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Instant now = clock.instant();
        // The smallest keys after afterKey, at most limit of them held at any time.
        TreeSet<String> page = new TreeSet<>();
        return named("listing of records", scan((aor, bindings) -> {
            String key = aor.key();
            if (key.compareTo(afterKey) > 0 && !live(bindings, now).isEmpty()) {
                page.add(key);
                if (page.size() > limit) {
                    page.pollLast();
                }
            }
        }).thenApply(done -> page.stream().map(AddressOfRecord::parse).toList()));
    }

    /**
     * Counts records and live bindings by scanning every key under the prefix ({@code SCAN}, in batches
     * of {@value #SCAN_BATCH}): for administration, not for the SIP path.
     */
    @Override
    public CompletableFuture<LocationCounts> count() {
        Instant now = clock.instant();
        long[] totals = new long[2];
        return named("count", scan((aor, bindings) -> {
            int live = live(bindings, now).size();
            if (live > 0) {
                totals[0]++;
                totals[1] += live;
            }
        }).thenApply(done -> new LocationCounts(totals[0], totals[1])));
    }

    /**
     * Visits every record under the prefix, one batch after another (each visit happens after the
     * previous batch's, so the visitor needs no lock). Values that do not decode are skipped and logged.
     */
    private CompletableFuture<Void> scan(BiConsumer<AddressOfRecord, List<Binding>> visitor) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scanFrom(ScanCursor.INITIAL, visitor, done);
        return done;
    }

    private void scanFrom(ScanCursor cursor, BiConsumer<AddressOfRecord, List<Binding>> visitor,
            CompletableFuture<Void> done) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(SCAN_BATCH);
        redis.scan(cursor, args).thenCompose(batch -> visitBatch(batch, visitor)).whenComplete((batch, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else if (batch.isFinished()) {
                done.complete(null);
            } else {
                scanFrom(batch, visitor, done);
            }
        });
    }

    private CompletionStage<KeyScanCursor<String>> visitBatch(KeyScanCursor<String> batch,
            BiConsumer<AddressOfRecord, List<Binding>> visitor) {
        if (batch.getKeys().isEmpty()) {
            return CompletableFuture.completedFuture(batch);
        }
        return redis.mget(batch.getKeys().toArray(new String[0])).thenApply(values -> {
            for (KeyValue<String, String> kv : values) {
                if (kv.hasValue()) {
                    visit(kv.getKey(), kv.getValue(), visitor);
                }
            }
            return batch;
        });
    }

    private void visit(String key, String value, BiConsumer<AddressOfRecord, List<Binding>> visitor) {
        try {
            AddressOfRecord aor = AddressOfRecord.parse(key.substring(config.keyPrefix().length()));
            visitor.accept(aor, BindingText.decode(aor, value));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: skipping key {}: {}", name, key, e.getMessage());
        }
    }

    /**
     * Closes the connection and the client's threads; blocks for at most the timeout. Idempotent. A
     * short quiet period lets a reconnection attempt already under way (Redis gone) finish its
     * bookkeeping rather than find its executor shut.
     */
    @Override
    public void close() {
        connection.close();
        client.shutdown(CLOSE_QUIET_PERIOD, config.timeout().plus(CLOSE_QUIET_PERIOD));
    }

    @Override
    public String toString() {
        return name;
    }

    private static String nameOf(RedisConfig config) {
        return "Redis location store at " + config.safeUri();
    }

    /** The TTL that ends when the last of {@code bindings} lapses, counted from the change's instant. */
    private static long ttlMillis(List<Binding> bindings, Instant now) {
        long last = now.toEpochMilli();
        for (Binding b : bindings) {
            last = Math.max(last, b.expiresAt().toEpochMilli());
        }
        return Math.max(1, last - now.toEpochMilli());
    }

    private static List<Binding> live(List<Binding> bindings, Instant now) {
        List<Binding> live = new ArrayList<>(bindings.size());
        for (Binding b : bindings) {
            if (!b.isExpiredAt(now)) {
                live.add(b);
            }
        }
        return List.copyOf(live);
    }

    /** The future of {@code stage}, failing with this store's name and {@code what} when it fails. */
    private <T> CompletableFuture<T> named(String what, CompletionStage<T> stage) {
        CompletableFuture<T> named = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                named.complete(value);
            } else {
                Throwable cause = unwrap(failure);
                named.completeExceptionally(new IllegalStateException(name + ": " + what + " failed: "
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause));
            }
        });
        return named;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** {@code text} with Redis glob characters escaped, for a SCAN MATCH pattern. */
    static String globEscape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("*?[]\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
