package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class SubscriptionStateTest {

    @Test
    void parsesAnActiveStateWithExpires() {
        SubscriptionState s = SubscriptionState.parse("active;expires=600");

        assertThat(s.isActive()).isTrue();
        assertThat(s.expires()).hasValue(600);
        assertThat(s.reason()).isEmpty();
        assertThat(s.retryAfter()).isEmpty();
        assertThat(s).isEqualTo(SubscriptionState.active(600));
    }

    @Test
    void parsesATerminatedStateWithReasonAndRetryAfter() {
        SubscriptionState s = SubscriptionState.parse("Terminated ; reason = probation ; retry-after = 3600");

        assertThat(s.isTerminated()).isTrue();
        assertThat(s.state()).isEqualTo("terminated");
        assertThat(s.reason()).contains("probation");
        assertThat(s.retryAfter()).hasValue(3600);
        assertThat(s).hasToString("terminated;reason=probation;retry-after=3600");
    }

    @Test
    void keepsAnExtensionStateAndParameters() {
        SubscriptionState s = SubscriptionState.parse("waiting;x=\"y\"");

        assertThat(s.isActive() || s.isPending() || s.isTerminated()).isFalse();
        assertThat(s.state()).isEqualTo("waiting");
        assertThat(s.parameters().get("x")).contains("\"y\"");
    }

    @Test
    void rejectsExpiresAboveTwoToTheThirtyTwoMinusOne() {
        assertBad(() -> SubscriptionState.parse("active;expires=4294967296"), "Subscription-State",
                "expires must be delta-seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "active;", "active;expires", "active;expires=-1", "pending;retry-after=x",
        "terminated;reason=\"timeout\"", "terminated;reason", "active expires=1", "act/ive"})
    void rejectsMalformedStates(String element) {
        assertThatThrownBy(() -> SubscriptionState.parse(element)).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reasonPhrase()).startsWith("Bad Subscription-State - "));
    }

    @Test
    void buildsTheCommonStates() {
        assertThat(SubscriptionState.pending(30)).hasToString("pending;expires=30");
        assertThat(SubscriptionState.terminated("noresource")).hasToString("terminated;reason=noresource");
        assertThatThrownBy(() -> SubscriptionState.active(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Subscription-State expires must be 0..2^32-1, was -5");
        assertThatThrownBy(() -> SubscriptionState.terminated("no resource"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"no resource\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"active;expires=0", "terminated;reason=giveup;retry-after=0004", "pending"})
    void parsesItsOwnOutputBackToAnEqualValue(String element) {
        SubscriptionState s = SubscriptionState.parse(element);

        assertThat(SubscriptionState.parse(s.toString())).isEqualTo(s);
    }
}
