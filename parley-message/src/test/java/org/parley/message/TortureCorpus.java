package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The torture-message corpora under {@code ../shared/testdata} (RFC 4475, RFC 5118 and its wire
 * copies): where they are, which files they hold, and their bytes, read as bytes (STYLE.md §9).
 *
 * <p>The folder comes from the system property {@code parley.testdata}, which surefire sets in the
 * POMs; without it, {@code ../../shared/testdata} relative to the module directory.
 */
public final class TortureCorpus {
    /** RFC 4475's 49 messages, byte for byte as in its archive. */
    public static final String RFC4475 = "rfc4475";
    /** RFC 5118's 12 messages, byte for byte as in its archive (bare LF line ends). */
    public static final String RFC5118 = "rfc5118";
    /** RFC 5118's 12 messages with CRLF line ends and matching Content-Length, as sent on the wire. */
    public static final String RFC5118_WIRE = "rfc5118/wire";

    private TortureCorpus() {
    }

    /** The folder that holds the corpora. */
    public static Path root() {
        return Path.of(System.getProperty("parley.testdata", "../../shared/testdata"));
    }

    /**
     * The names of the {@code .dat} files in {@code folder} (e.g. {@link #RFC4475}), sorted. Fails
     * when the folder is missing or holds fewer than {@code expected} files, so that a missing
     * corpus fails the run instead of running zero cases (STYLE.md §9).
     */
    public static List<String> names(String folder, int expected) {
        Path dir = root().resolve(folder);
        assertThat(dir).as("torture corpus folder (system property parley.testdata)").isDirectory();
        List<String> names;
        try (Stream<Path> list = Files.list(dir)) {
            names = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dat")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(names).as(".dat files in " + dir).hasSizeGreaterThanOrEqualTo(expected);
        return names;
    }

    /** The path of {@code name} in {@code folder}. */
    public static Path path(String folder, String name) {
        return root().resolve(folder).resolve(name);
    }

    /** The bytes of {@code name} (e.g. "wsinv.dat") in {@code folder}. */
    public static byte[] bytes(String folder, String name) {
        try {
            return Files.readAllBytes(path(folder, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file parsed as one datagram, the way RFC 4475 §1 presents its messages. */
    public static SipMessage parse(String folder, String name) {
        return SipParser.parse(bytes(folder, name));
    }
}
