package org.parley.message.validation;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.parley.message.HeaderField;

/**
 * One thing {@link MessageValidator} found, and what an element in each of {@link #roles()} must do
 * about it. Immutable.
 *
 * @param roles the roles this applies to; all of them when every element must act the same
 * @param basis whether a rule binds every element in those roles, or it depends on what the element
 *     supports
 * @param action what the element does
 * @param statusCode the status to answer with, for {@link Action#RESPOND}; 0 otherwise
 * @param reasonPhrase the reason phrase to answer with; it names the problem
 * @param reason what was found, for a person, with the rule it follows
 * @param responseHeaders header lines the answer must carry (Unsupported for 420, Allow for 501,
 *     Accept for 415)
 */
public record Finding(Set<ElementRole> roles, Basis basis, Action action, int statusCode, String reasonPhrase,
        String reason, List<HeaderField> responseHeaders) {

    /** Why an element acts on a finding. */
    public enum Basis {
        /** A rule of the RFCs that every element in the roles applies. */
        RULE,
        /** It depends on what the element supports (a URI scheme, an extension, a method, a body type). */
        CAPABILITY
    }

    /** What an element does about a finding. */
    public enum Action {
        /** Answer the request with {@link Finding#statusCode()} and do nothing else with it. */
        RESPOND,
        /** Drop the message silently (responses, and what no answer can reach). */
        DISCARD,
        /** Process the message; the finding is advice (a tolerated deviation, a choice to make). */
        NOTE
    }

    /** Checks the parts and copies the collections. */
    public Finding {
        roles = Set.copyOf(roles);
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        Objects.requireNonNull(reason, "reason");
        responseHeaders = List.copyOf(responseHeaders);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a finding must apply to at least one role");
        }
        if ((action == Action.RESPOND) != (statusCode >= 100)) {
            throw new IllegalArgumentException("a status code goes with RESPOND only, was " + statusCode
                    + " with " + action);
        }
    }

    /** True when the finding concerns every element, whatever its role. */
    public boolean appliesToEveryElement() {
        return roles.size() == ElementRole.values().length;
    }

    /** True when every element, whatever its role and capabilities, must refuse or drop the message. */
    public boolean bindsEveryElement() {
        return appliesToEveryElement() && basis == Basis.RULE && isRefusal();
    }

    /** True when an element in some role must refuse or drop the message. */
    public boolean isRefusal() {
        return action != Action.NOTE;
    }
}
