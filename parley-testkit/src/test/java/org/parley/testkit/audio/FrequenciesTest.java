package org.parley.testkit.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrequenciesTest {
    @ParameterizedTest
    @ValueSource(doubles = {300, 440, 880, 1000, 3400})
    void findsTheFrequencyOfAPureTone(double hz) {
        Pcm tone = Pcm.tone(hz, Duration.ofSeconds(1), 8000, 0.5);

        assertThat(Frequencies.dominant(tone)).isCloseTo(hz, within(Frequencies.SCAN_STEP_HZ));
        assertThat(Frequencies.share(tone, hz)).isGreaterThan(0.95);
    }

    @Test
    void findsTheToneInTheLoudPartAfterSilence() {
        short[] quiet = Pcm.silence(Duration.ofSeconds(3), 8000).samples();
        short[] loud = Pcm.tone(880, Duration.ofSeconds(1), 8000, 0.3).samples();
        short[] both = new short[quiet.length + loud.length];
        System.arraycopy(quiet, 0, both, 0, quiet.length);
        System.arraycopy(loud, 0, both, quiet.length, loud.length);

        assertThat(Frequencies.dominant(Pcm.of(8000, both))).isCloseTo(880, within(2.0));
    }

    @Test
    void tellsTwoTonesApartAndIgnoresTheOneNotThere() {
        Pcm a = Pcm.tone(440, Duration.ofSeconds(1), 8000, 0.5);

        assertThat(Frequencies.share(a, 880)).isLessThan(0.01);
        assertThat(Frequencies.share(a, 450)).isLessThan(0.05);
    }

    @Test
    void theStrongerOfTwoMixedTonesDominates() {
        short[] a = Pcm.tone(440, Duration.ofSeconds(1), 8000, 0.2).samples();
        short[] b = Pcm.tone(1200, Duration.ofSeconds(1), 8000, 0.5).samples();
        short[] mix = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            mix[i] = (short) (a[i] + b[i]);
        }

        assertThat(Frequencies.dominant(Pcm.of(8000, mix))).isCloseTo(1200, within(2.0));
    }

    @Test
    void silenceAndTooShortAudioHaveNoFrequency() {
        assertThat(Frequencies.dominant(Pcm.silence(Duration.ofSeconds(1), 8000))).isZero();
        assertThat(Frequencies.share(Pcm.silence(Duration.ofSeconds(1), 8000), 440)).isZero();
        assertThat(Frequencies.dominant(Pcm.tone(440, Duration.ofMillis(10), 8000, 0.5))).isZero();
    }

    @Test
    void toneArgumentsAreChecked() {
        assertThatThrownBy(() -> Pcm.tone(4000, Duration.ofSeconds(1), 8000, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half the sample rate");
        assertThatThrownBy(() -> Pcm.tone(440, Duration.ofSeconds(1), 8000, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amplitude");
        assertThatThrownBy(() -> Pcm.tone(440, Duration.ofSeconds(-1), 8000, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> Pcm.of(0, new short[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample rate");
    }
}
