package org.parley.transport.resolve;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every located target failed (RFC 3263 §4.3): the message and {@link #failures()} list each
 * target and why it could not be used. A client transaction reports it to its user as a 503
 * (RFC 3261 §8.1.3.1). Unchecked (STYLE §5).
 */
public final class TargetsExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Not serialized: a deserialized copy keeps the message, which names every failure. */
    private final transient List<TargetSet.Failure> failures;

    /**
     * Creates the exception.
     *
     * @param failures each target tried and why it failed, in order
     */
    public TargetsExhaustedException(List<TargetSet.Failure> failures) {
        super(message(failures));
        this.failures = List.copyOf(failures);
    }

    private static String message(List<TargetSet.Failure> failures) {
        if (failures.isEmpty()) {
            return "no target was tried";
        }
        return "all " + failures.size() + " targets failed: "
            + failures.stream().map(TargetSet.Failure::toString).collect(Collectors.joining("; "));
    }

    /** Each target tried and why it failed, in order. */
    public List<TargetSet.Failure> failures() {
        return failures == null ? List.of() : failures;
    }
}
