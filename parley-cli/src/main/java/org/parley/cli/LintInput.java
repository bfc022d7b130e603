package org.parley.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.parley.message.ParserConfig;

/**
 * The bytes {@code parley lint} parses, and what it tolerated to get them: a file of message text
 * may use bare LF line ends, and may end without the empty line that closes the header section.
 * Immutable.
 *
 * @param bytes the message bytes to parse
 * @param warnings what was tolerated, for the user
 */
record LintInput(byte[] bytes, List<String> warnings) {
    /** Bounds for a message read from a file: the parser's default 64 KiB datagram limit. */
    static final ParserConfig CONFIG = ParserConfig.DEFAULT;

    static LintInput of(byte[] input) {
        List<String> warnings = new ArrayList<>();
        int headerEnd = headerEnd(input);
        if (hasBareLf(input, headerEnd < 0 ? input.length : headerEnd)) {
            warnings.add("line ends are bare LF, not CRLF as RFC 3261 §7 requires; read as if they were CRLF");
        }
        byte[] bytes = input;
        if (headerEnd < 0 && input.length > 0) {
            // A file that stops after its last header line: the closing empty line is assumed.
            boolean endsWithLineEnd = input[input.length - 1] == '\n';
            byte[] tail = (endsWithLineEnd ? "\r\n" : "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            bytes = Arrays.copyOf(input, input.length + tail.length);
            System.arraycopy(tail, 0, bytes, input.length, tail.length);
            warnings.add("the input ends without the empty line that closes the header section; assumed there");
        }
        return new LintInput(bytes, List.copyOf(warnings));
    }

    /** The first line, for a summary of a message that does not parse. */
    String firstLine() {
        int p = 0;
        while (p < bytes.length && (bytes[p] == '\r' || bytes[p] == '\n')) {
            p++;
        }
        int e = p;
        while (e < bytes.length && bytes[e] != '\r' && bytes[e] != '\n' && e - p < 200) {
            e++;
        }
        return new String(bytes, p, e - p, StandardCharsets.UTF_8);
    }

    /** True when the input starts like a Status-Line. */
    boolean looksLikeResponse() {
        String first = firstLine();
        return first.regionMatches(true, 0, "SIP/", 0, 4);
    }

    private static int headerEnd(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && (b[i + 1] == '\n' || i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n')) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasBareLf(byte[] b, int end) {
        for (int i = 0; i < end && i < b.length; i++) {
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                return true;
            }
        }
        return false;
    }
}
