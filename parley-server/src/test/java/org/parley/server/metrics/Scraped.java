package org.parley.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Reads samples out of Prometheus text: {@code value(text, "name", "label", "v", ...)}. */
final class Scraped {
    private Scraped() {
    }

    /** The value of the sample named {@code name} that carries every label pair given; empty when none. */
    static OptionalDouble value(String text, String name, String... labels) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            pairs.add(labels[i] + "=\"" + labels[i + 1] + "\"");
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sampleName = brace >= 0 ? line.substring(0, brace) : line.substring(0, Math.max(space, 0));
            if (!sampleName.equals(name)) {
                continue;
            }
            String labelText = brace >= 0 ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            List<String> have = List.of(labelText.split(","));
            if (have.containsAll(pairs)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(space + 1)));
            }
        }
        return OptionalDouble.empty();
    }
}
