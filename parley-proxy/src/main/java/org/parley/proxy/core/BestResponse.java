package org.parley.proxy.core;

import java.util.List;
import java.util.Set;
import org.parley.message.SipResponse;

/**
 * The choice of RFC 3261 §16.7 step 6 among the final responses of a context's branches: a 6xx when
 * there is one; else one of the lowest class; in the 4xx class, preferably one that tells the client
 * how to resubmit (401, 407, 415, 420, 484), and a 408 only when nothing else is there (a timeout
 * says least). Stateless.
 */
final class BestResponse {
    private static final Set<Integer> RESUBMISSION = Set.of(401, 407, 415, 420, 484);

    private BestResponse() {
    }

    /** The index of the best of {@code finals}, which is not empty. */
    static int choose(List<SipResponse> finals) {
        int best = 0;
        for (int i = 1; i < finals.size(); i++) {
            if (rank(finals.get(i).statusCode()) < rank(finals.get(best).statusCode())) {
                best = i;
            }
        }
        return best;
    }

    /** Lower is better. */
    static int rank(int status) {
        int cls = status / 100;
        if (cls == 6) {
            return 0;
        }
        int base = cls * 10;
        if (cls == 4) {
            if (RESUBMISSION.contains(status)) {
                return base;
            }
            return status == 408 ? base + 2 : base + 1;
        }
        return base;
    }
}
