package org.parley.testkit.audio;

import java.util.Objects;

/**
 * Which tone a recording holds: the power of one frequency by the Goertzel algorithm (a single bin
 * of a discrete Fourier transform), and the dominant frequency found by scanning those bins, so a
 * test can assert "the 440 Hz tone arrived" without sox. Stateless.
 */
public final class Frequencies {
    /** 2 Hz: the step of the scan in {@link #dominant(Pcm)}. */
    public static final double SCAN_STEP_HZ = 2;

    /** 50 Hz: the lowest frequency {@link #dominant(Pcm)} considers (below lies hum and DC offset). */
    public static final double SCAN_FROM_HZ = 50;

    /** 2 s: the most audio a scan looks at, from the loudest part of the recording. */
    static final int MAX_SCAN_SECONDS = 2;

    private Frequencies() {
    }

    /**
     * The share (0..1) of the audio's power that lies at {@code frequencyHz}: near 1 for a pure tone
     * of that frequency, near 0 for silence, noise or another tone.
     */
    public static double share(Pcm audio, double frequencyHz) {
        Objects.requireNonNull(audio, "audio");
        short[] s = audio.samples();
        double total = 0;
        for (short v : s) {
            total += (double) v * v;
        }
        if (total == 0) {
            return 0;
        }
        // Parseval: a sinusoid of amplitude A over N samples gives total energy N*A^2/2 and a Goertzel
        // power of (N*A/2)^2, so 2*power/(N*total) is 1 for a pure tone on the bin.
        return Math.min(1, 2 * goertzel(s, 0, s.length, frequencyHz, audio.sampleRate()) / (s.length * total));
    }

    /**
     * The frequency in Hz, to within {@link #SCAN_STEP_HZ}, with the most power between
     * {@link #SCAN_FROM_HZ} and the Nyquist frequency, looked for in the loudest
     * {@value #MAX_SCAN_SECONDS} s of the audio; 0 for silence or audio shorter than 20 ms.
     */
    public static double dominant(Pcm audio) {
        Objects.requireNonNull(audio, "audio");
        int rate = audio.sampleRate();
        short[] s = audio.samples();
        if (s.length < rate / 50) {
            return 0;
        }
        int window = Math.min(s.length, rate * MAX_SCAN_SECONDS);
        int from = loudestWindow(s, window, rate / 10);
        double best = 0;
        double bestPower = 0;
        for (double f = SCAN_FROM_HZ; f < rate / 2.0; f += SCAN_STEP_HZ) {
            double p = goertzel(s, from, window, f, rate);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }

    /** The start of the window of {@code length} samples with the most energy, moved in {@code step}s. */
    private static int loudestWindow(short[] s, int length, int step) {
        int best = 0;
        double bestEnergy = -1;
        for (int from = 0; from + length <= s.length; from += Math.max(1, step)) {
            double e = 0;
            for (int i = from; i < from + length; i++) {
                e += (double) s[i] * s[i];
            }
            if (e > bestEnergy) {
                bestEnergy = e;
                best = from;
            }
        }
        return best;
    }

    /** The Goertzel power of {@code frequency} over {@code s[from, from+length)} (squared magnitude). */
    static double goertzel(short[] s, int from, int length, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < from + length; i++) {
            double current = s[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
