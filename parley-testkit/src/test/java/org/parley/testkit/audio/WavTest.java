package org.parley.testkit.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenToneReadsBackSampleForSample() {
        Path file = dir.resolve("tone.wav");
        Wav.writeTone(file, 440, Duration.ofMillis(500));

        Pcm read = Wav.read(file);

        assertThat(read).isEqualTo(Pcm.tone(440, Duration.ofMillis(500), 8000, Wav.TONE_AMPLITUDE));
        assertThat(read.length()).isEqualTo(4000);
        assertThat(read.duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(read.rms()).isCloseTo(Wav.TONE_AMPLITUDE / Math.sqrt(2), within(0.01));
    }

    @Test
    void writesAStandardHeader() throws IOException {
        Path file = dir.resolve("tone.wav");
        Wav.writeTone(file, 1000, Duration.ofMillis(10));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(Files.readAllBytes(file), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("RIFF");
        assertThat(b.getShort(20)).as("format PCM").isEqualTo((short) 1);
        assertThat(b.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(b.getInt(24)).as("rate").isEqualTo(8000);
        assertThat(b.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(b.getInt(40)).as("data bytes").isEqualTo(160);
    }

    @Test
    void readsARecordingWhoseHeaderWasNeverFinished() {
        short[] samples = {1, -2, 3, -4, 5};
        byte[] bytes = wav(1, 8000, samples, 0);

        assertThat(Wav.parse(bytes, "unfinished").samples()).containsExactly(samples);
    }

    @Test
    void readsADataSizePastTheEndAsTheRestOfTheFile() {
        short[] samples = {7, 8, 9};
        assertThat(Wav.parse(wav(1, 8000, samples, 1_000_000), "long").samples()).containsExactly(samples);
    }

    @Test
    void mixesStereoToMono() {
        Pcm mono = Wav.parse(wav(2, 16_000, new short[] {100, 300, -50, -150}, 8), "stereo");

        assertThat(mono.samples()).containsExactly((short) 200, (short) -100);
        assertThat(mono.sampleRate()).isEqualTo(16_000);
    }

    @Test
    void refusesWhatIsNotSixteenBitPcm() {
        byte[] eightBit = wav(1, 8000, new short[] {1}, 2);
        eightBit[34] = 8;

        assertThatThrownBy(() -> Wav.parse(eightBit, "x.wav")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.wav").hasMessageContaining("8 bits");
        assertThatThrownBy(() -> Wav.parse("not a wav file".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "y.wav")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a RIFF/WAVE");
        assertThatThrownBy(() -> Wav.parse(Arrays.copyOf(wav(1, 8000, new short[] {1}, 2), 36), "z.wav"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anyTruncationOfAFileGivesSamplesOrAClearError() {
        byte[] whole = wav(1, 8000, new short[] {1, 2, 3, 4}, 8);
        for (int n = 0; n <= whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            try {
                assertThat(Wav.parse(cut, "cut").length()).isLessThanOrEqualTo(4);
            } catch (IllegalArgumentException expected) {
                assertThat(expected).hasMessageContaining("cut");
            }
        }
    }

    private static byte[] wav(int channels, int rate, short[] samples, int declaredData) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * 2 * channels)
                .putShort((short) (2 * channels)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(declaredData);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
