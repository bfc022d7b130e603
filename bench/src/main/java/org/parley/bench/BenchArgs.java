package org.parley.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the benchmark servers (registrar, proxy): a port file, then {@code --name value}
 * pairs from a known set. Each refusal names the option and repeats the usage. Immutable.
 */
public final class BenchArgs {
    private final String usage;
    private final Path portFile;
    private final Map<String, String> values;

    private BenchArgs(String usage, Path portFile, Map<String, String> values) {
        this.usage = usage;
        this.portFile = portFile;
        this.values = values;
    }

    /**
     * Reads {@code args}: the port file first, then pairs whose names are in {@code known}.
     *
     * @throws IllegalArgumentException naming the bad argument, with {@code usage}
     */
    public static BenchArgs parse(String usage, Set<String> known, String[] args) {
        if (args.length < 1 || args[0].startsWith("--")) {
            throw new IllegalArgumentException(usage + ", was " + List.of(args));
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + usage);
            }
            values.put(args[i], args[i + 1]);
        }
        return new BenchArgs(usage, Path.of(args[0]), values);
    }

    /** The file the server writes its bound ports to. */
    public Path portFile() {
        return portFile;
    }

    /** The text of {@code option}, or {@code byDefault}; refused when blank. */
    public String text(String option, String byDefault) {
        String v = values.getOrDefault(option, byDefault);
        if (v.isBlank()) {
            throw new IllegalArgumentException(option + " must not be blank; " + usage);
        }
        return v;
    }

    /** The whole number of {@code option} in {@code min..max}, or {@code byDefault}. */
    public int integer(String option, int byDefault, int min, int max) {
        String text = values.get(option);
        int value;
        try {
            value = text == null ? byDefault : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was \"" + text + "\"", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
