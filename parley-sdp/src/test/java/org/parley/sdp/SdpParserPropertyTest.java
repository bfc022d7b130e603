package org.parley.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties: any bytes, and any mutation of a real description, yield a description or an
 * {@link SdpParseException}, nothing else (STYLE.md §5, §9); whatever parses serializes to text that
 * parses again to the same description. The timeout only turns a hang into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SdpParserPropertyTest {
    private static final List<String> SAMPLES = List.of(Samples.SOFTPHONE, Samples.WEBRTC, Samples.IPV6,
        Samples.MULTICAST);
    private static final int CASES_PER_SEED = 200;
    private static final byte[] ALPHABET = "vosiuepcbtrzkam=: /\r\n0123456789IPN4.-xX\t".getBytes(
        StandardCharsets.US_ASCII);

    static IntStream seeds() {
        return IntStream.range(0, 50);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyBytesYieldADescriptionOrAParseException(int seed) {
        Random random = new Random(seed);
        for (int i = 0; i < CASES_PER_SEED; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                    : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            checkParsesOrRefuses(bytes);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyMutationOfARealDescriptionYieldsADescriptionOrAParseException(int seed) {
        Random random = new Random(seed);
        int parsed = 0;
        for (int i = 0; i < CASES_PER_SEED; i++) {
            byte[] bytes = mutate(SAMPLES.get(random.nextInt(SAMPLES.size())).getBytes(StandardCharsets.UTF_8),
                random);
            parsed += checkParsesOrRefuses(bytes) ? 1 : 0;
        }
        // The mutations are small: some must survive, or the test only exercises the refusals.
        assertThat(parsed).isPositive();
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                default -> bytes[at] = bytes[random.nextInt(bytes.length)];
            }
        }
        return bytes;
    }

    /** Parses, reads every typed view, and round-trips; true when the bytes parsed. */
    private static boolean checkParsesOrRefuses(byte[] bytes) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(bytes);
        } catch (SdpParseException e) {
            assertThat(e.reason()).isNotBlank();
            assertThat(e.reasonPhrase()).startsWith("Not Acceptable Here - ");
            return false;
        }
        for (MediaDescription m : sdp.media()) {
            readTypedViews(m);
            sdp.direction(m);
        }
        readOrRefuse(sdp::groups);
        readOrRefuse(sdp::setup);
        readOrRefuse(sdp::fingerprints);
        SessionDescription again = SessionDescription.parse(sdp.toBytes());
        assertThat(again).isEqualTo(sdp);
        assertThat(again.toBytes()).isEqualTo(sdp.toBytes());
        return true;
    }

    private static void readTypedViews(MediaDescription m) {
        readOrRefuse(m::rtpMaps);
        readOrRefuse(m::fmtps);
        readOrRefuse(m::ptime);
        readOrRefuse(m::rtcp);
        readOrRefuse(m::setup);
        readOrRefuse(m::fingerprints);
        readOrRefuse(m::cryptos);
        readOrRefuse(m::candidates);
        m.direction();
        m.mid();
        m.isRtcpMux();
    }

    private static void readOrRefuse(java.util.function.Supplier<?> view) {
        try {
            assertThat(view.get()).isNotNull();
        } catch (SdpParseException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }
}
