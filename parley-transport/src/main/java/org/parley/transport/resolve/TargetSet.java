package org.parley.transport.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The targets a {@link ServerLocator} found for one request, consumed in order as RFC 3263 §4.3
 * asks: the caller takes the {@link #next()} target, and when that one cannot be reached (a
 * transport error now, or later a transaction timeout or ICMP error), it notes {@link #failed why}
 * and takes the next, until one answers or none is left. The record of failures makes the final
 * error name every target and its reason ({@link #exhausted()}).
 *
 * <p>The transport layer's failover ({@code TransportLayer.send(message, TargetSet)}) and the
 * transaction layer's both walk the same set, so a transaction that times out on a target the
 * transport reached goes on from where the transport stopped.
 *
 * <p>Thread-safe: guarded by the lock on {@code this} (a send's continuation and a transaction's
 * timer may run on different threads).
 */
public final class TargetSet {
    /**
     * One target that could not be used, and why.
     *
     * @param target the target tried
     * @param reason a readable reason, e.g. "cannot connect over TCP to /127.0.0.1:5060: Connection refused"
     */
    public record Failure(Target target, String reason) {
        /** Checks the parts. */
        public Failure {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return target.transport() + " " + target.address() + " (" + target.hostName() + "): " + reason;
        }
    }

    private final List<Target> targets;
    private final List<Failure> failures = new ArrayList<>();
    private int next;

    private TargetSet(List<Target> targets) {
        this.targets = targets;
    }

    /**
     * A set over these targets, best first, as {@link ServerLocator#locate} returns them.
     *
     * @throws IllegalArgumentException when {@code targets} is empty
     */
    public static TargetSet of(List<Target> targets) {
        List<Target> copy = List.copyOf(Objects.requireNonNull(targets, "targets"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a TargetSet needs at least one target, was " + targets);
        }
        return new TargetSet(copy);
    }

    /** A set of one target (a numeric host, an explicit port, a connection alias). */
    public static TargetSet of(Target target) {
        return new TargetSet(List.of(Objects.requireNonNull(target, "target")));
    }

    /** The next target to try, advancing past it; empty when every target has been handed out. */
    public synchronized Optional<Target> next() {
        return next < targets.size() ? Optional.of(targets.get(next++)) : Optional.empty();
    }

    /** True when {@link #next()} would return a target. */
    public synchronized boolean hasNext() {
        return next < targets.size();
    }

    /** Records that {@code target} could not be used, for {@link #exhausted()}. */
    public synchronized void failed(Target target, String reason) {
        failures.add(new Failure(target, reason));
    }

    /** Every target, in order. */
    public List<Target> targets() {
        return targets;
    }

    /** The failures recorded so far, in the order they happened. */
    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** The exception that says every target failed, listing each and why. */
    public synchronized TargetsExhaustedException exhausted() {
        return new TargetsExhaustedException(List.copyOf(failures));
    }

    @Override
    public synchronized String toString() {
        return "TargetSet" + targets + " next=" + next + " failures=" + failures;
    }
}
