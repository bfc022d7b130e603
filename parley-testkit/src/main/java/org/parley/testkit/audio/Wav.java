package org.parley.testkit.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * WAV files of 16-bit linear PCM, the format the softphones play from and record to: writing
 * through {@code javax.sound.sampled}, reading with a small RIFF reader of our own that accepts the
 * files a recorder leaves behind (a data chunk whose size field is 0 or larger than the file, when
 * the recorder was stopped before it rewrote its header). Stateless.
 */
public final class Wav {
    /** 64 MiB: the largest file {@link #read(Path)} accepts (over an hour of 8 kHz mono audio). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** 0.5 of full scale: the peak of the tones {@link #writeTone} writes, loud without clipping in G.711. */
    public static final double TONE_AMPLITUDE = 0.5;

    private static final int PCM_FORMAT = 1;
    private static final int EXTENSIBLE_FORMAT = 0xFFFE;
    private static final int HEADER = 12;
    private static final int CHUNK_HEADER = 8;

    private Wav() {
    }

    /**
     * Writes {@code audio} to {@code file} as a mono 16-bit little-endian PCM WAV file, replacing it.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, Pcm audio) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(audio, "audio");
        ByteBuffer bytes = ByteBuffer.allocate(audio.length() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : audio.samples()) {
            bytes.putShort(s);
        }
        AudioFormat format = new AudioFormat(audio.sampleRate(), 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                audio.length())) {
            Files.deleteIfExists(file);
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write WAV file " + file, e);
        }
    }

    /**
     * Writes a telephone tone: {@code frequencyHz} for {@code duration}, 8 kHz mono 16-bit, peak
     * {@value #TONE_AMPLITUDE} of full scale; what a softphone in a test plays so that the other side
     * can check the tone arrived.
     */
    public static void writeTone(Path file, double frequencyHz, Duration duration) {
        write(file, Pcm.tone(frequencyHz, duration, Pcm.TELEPHONE_RATE, TONE_AMPLITUDE));
    }

    /**
     * Reads a WAV file of 16-bit linear PCM (format 1, or extensible); several channels are mixed to
     * one by their mean.
     *
     * @throws IllegalArgumentException naming the file when it is not RIFF/WAVE, holds another sample
     *         format, or is larger than {@value #MAX_FILE_BYTES} bytes
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Pcm read(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("WAV file " + file + " has " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " accepted");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read WAV file " + file, e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses the bytes of a WAV file; {@code name} names it in errors. */
    static Pcm parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER || !ascii(bytes, 0).equals("RIFF") || !ascii(bytes, 8).equals("WAVE")) {
            throw new IllegalArgumentException(name + " is not a RIFF/WAVE file");
        }
        int pos = HEADER;
        int channels = 0;
        int rate = 0;
        while (pos + CHUNK_HEADER <= bytes.length) {
            String id = ascii(bytes, pos);
            long declared = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + CHUNK_HEADER;
            long left = bytes.length - body;
            if (id.equals("fmt ")) {
                if (declared < 16 || left < 16) {
                    throw new IllegalArgumentException(name + ": fmt chunk of " + declared + " bytes is too short");
                }
                int format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                rate = b.getInt(body + 4);
                int bits = Short.toUnsignedInt(b.getShort(body + 14));
                if ((format != PCM_FORMAT && format != EXTENSIBLE_FORMAT) || bits != 16 || channels < 1) {
                    throw new IllegalArgumentException(name + ": only 16-bit linear PCM is read, was format "
                            + format + " with " + bits + " bits and " + channels + " channels");
                }
                Pcm.checkRate(rate);
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IllegalArgumentException(name + ": data chunk before the fmt chunk");
                }
                // A recorder stopped early leaves 0 (or a size past the end): the data then runs to the end.
                long size = declared == 0 || declared > left ? left : declared;
                return samples(b, body, (int) size, channels, rate);
            }
            // RIFF chunks are padded to an even length.
            pos = (int) Math.min(bytes.length, body + declared + (declared & 1));
        }
        throw new IllegalArgumentException(name + " has no data chunk");
    }

    private static Pcm samples(ByteBuffer b, int from, int size, int channels, int rate) {
        int frames = size / (2 * channels);
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += b.getShort(from + 2 * (f * channels + c));
            }
            out[f] = (short) (sum / channels);
        }
        return Pcm.of(rate, out);
    }

    private static String ascii(byte[] bytes, int at) {
        StringBuilder s = new StringBuilder(4);
        for (int i = at; i < at + 4 && i < bytes.length; i++) {
            s.append((char) (bytes[i] & 0x7F));
        }
        return s.toString();
    }
}
