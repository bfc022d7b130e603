package org.parley.message.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link MessageValidator#validate}: every finding, in the order an element meets
 * them. Immutable.
 *
 * @param findings what was found; empty for a message every element processes normally
 */
public record Validation(List<Finding> findings) {
    /** Copies the list. */
    public Validation {
        findings = List.copyOf(findings);
    }

    /**
     * The first finding that makes every element, whatever its role, refuse or drop the message: the
     * message no SIP element may accept as it is.
     */
    public Optional<Finding> refusal() {
        for (Finding f : findings) {
            if (f.bindsEveryElement()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** True when no finding makes every element refuse the message. */
    public boolean isAcceptable() {
        return refusal().isEmpty();
    }

    /** The findings that apply to an element in this role, in order. */
    public List<Finding> forRole(ElementRole role) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.roles().contains(role)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** What an element in this role does first: the first refusal for it, if any. */
    public Optional<Finding> firstRefusal(ElementRole role) {
        for (Finding f : forRole(role)) {
            if (f.isRefusal()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
