package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.parley.message.TortureCorpus;

/** Header values of the RFC 4475 and RFC 5118 torture messages under {@code ../shared/testdata}. */
final class TortureHeaders {
    private TortureHeaders() {
    }

    /**
     * The values of every header line named {@code name} or {@code compactName} (any case) in
     * {@code file} (e.g. "rfc4475/intmeth.dat"), read as UTF-8, line folds replaced by a space,
     * trimmed. Fails when the file or the header is missing.
     */
    static List<String> values(String file, String name, String compactName) {
        int slash = file.lastIndexOf('/');
        String text = new String(TortureCorpus.bytes(file.substring(0, slash), file.substring(slash + 1)),
                StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        List<String> out = new ArrayList<>();
        String[] lines = head.replaceAll("\r\n(?=[ \t])", " ").split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String header = lines[i].substring(0, colon).strip();
                if (header.equalsIgnoreCase(name) || header.equalsIgnoreCase(compactName)) {
                    out.add(lines[i].substring(colon + 1).strip());
                }
            }
        }
        assertThat(out).as(name + " in " + file).isNotEmpty();
        return out;
    }

    /** The first value of the header, as {@link #values} reads it. */
    static String value(String file, String name, String compactName) {
        return values(file, name, compactName).get(0);
    }
}
