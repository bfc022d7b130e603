package org.parley.testkit.audio;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Mono 16-bit linear PCM audio: signed samples at a sample rate, as the softphones in the tests
 * play and record it (8 kHz for G.711, RFC 3551 §4.5.14). Immutable: the samples are copied in and
 * out.
 */
public final class Pcm {
    /** 8000 Hz: the sample rate of G.711 (PCMU and PCMA), RFC 3551 §4.5.14. */
    public static final int TELEPHONE_RATE = 8000;

    /** The highest sample rate accepted, 192 kHz; more is not audio a test plays. */
    public static final int MAX_RATE = 192_000;

    private final int sampleRate;
    private final short[] samples;

    private Pcm(int sampleRate, short[] samples) {
        this.sampleRate = sampleRate;
        this.samples = samples;
    }

    /**
     * Audio of {@code samples} at {@code sampleRate} Hz.
     *
     * @throws IllegalArgumentException when the rate is not 1..{@value #MAX_RATE}
     */
    public static Pcm of(int sampleRate, short[] samples) {
        Objects.requireNonNull(samples, "samples");
        return new Pcm(checkRate(sampleRate), samples.clone());
    }

    /**
     * A sine tone of {@code frequencyHz} lasting {@code duration} at {@code sampleRate}, with peak
     * {@code amplitude} (0..1 of full scale).
     *
     * @throws IllegalArgumentException when the frequency is not above 0 and below half the sample
     *         rate (Nyquist), the amplitude is not 0..1, or the duration is negative or over an hour
     */
    public static Pcm tone(double frequencyHz, Duration duration, int sampleRate, double amplitude) {
        checkRate(sampleRate);
        if (!(frequencyHz > 0 && frequencyHz < sampleRate / 2.0)) {
            throw new IllegalArgumentException("tone frequency must be above 0 and below half the sample rate ("
                    + sampleRate / 2.0 + " Hz), was " + frequencyHz);
        }
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("tone amplitude must be 0..1, was " + amplitude);
        }
        int count = sampleCount(duration, sampleRate);
        short[] out = new short[count];
        double step = 2 * Math.PI * frequencyHz / sampleRate;
        for (int i = 0; i < count; i++) {
            out[i] = (short) Math.round(Math.sin(step * i) * amplitude * Short.MAX_VALUE);
        }
        return new Pcm(sampleRate, out);
    }

    /** Silence lasting {@code duration} at {@code sampleRate}. */
    public static Pcm silence(Duration duration, int sampleRate) {
        checkRate(sampleRate);
        return new Pcm(sampleRate, new short[sampleCount(duration, sampleRate)]);
    }

    /** The sample rate in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** A copy of the samples. */
    public short[] samples() {
        return samples.clone();
    }

    /** The number of samples. */
    public int length() {
        return samples.length;
    }

    /** The sample at {@code index}. */
    public short sample(int index) {
        return samples[Objects.checkIndex(index, samples.length)];
    }

    /** How long the audio lasts. */
    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }

    /**
     * The root mean square level, 0 for silence up to 1 for a full-scale square wave: a tone of
     * amplitude {@code a} gives about {@code a / sqrt(2)}.
     */
    public double rms() {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length) / Short.MAX_VALUE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pcm p && p.sampleRate == sampleRate && Arrays.equals(p.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * sampleRate + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Pcm[" + samples.length + " samples at " + sampleRate + " Hz]";
    }

    private static int sampleCount(Duration duration, int sampleRate) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("audio duration must be 0..1 h, was " + duration);
        }
        return (int) (duration.toMillis() * sampleRate / 1000);
    }

    static int checkRate(int sampleRate) {
        if (sampleRate < 1 || sampleRate > MAX_RATE) {
            throw new IllegalArgumentException("sample rate must be 1.." + MAX_RATE + " Hz, was " + sampleRate);
        }
        return sampleRate;
    }
}
