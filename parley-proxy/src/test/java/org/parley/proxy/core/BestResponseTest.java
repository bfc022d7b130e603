package org.parley.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.message.SipResponse;

/** RFC 3261 §16.7 step 6. */
class BestResponseTest {
    private static int best(int... statuses) {
        List<SipResponse> finals = IntStream.of(statuses).mapToObj(s -> SipResponse.builder(s).build()).toList();
        return finals.get(BestResponse.choose(finals)).statusCode();
    }

    @Test
    void prefersA6xxThenTheLowestClassThenResubmissionHintsAndA408Last() {
        assertThat(best(486, 603, 302)).isEqualTo(603);
        assertThat(best(486, 302, 500)).isEqualTo(302);
        assertThat(best(408, 486)).isEqualTo(486);
        assertThat(best(486, 407)).isEqualTo(407);
        assertThat(best(500, 408)).isEqualTo(408);
        assertThat(best(503)).isEqualTo(503);
    }
}
