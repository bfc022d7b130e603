package org.parley.message;

/**
 * Reads the tag parameter of a From or To value straight from the message bytes (RFC 3261 §19.3,
 * §25.1 {@code tag-param}), without building the address: the transaction and dialog layers read
 * both tags of every message, and rarely anything else of those headers.
 *
 * <p>It skips quoted strings and the {@code <...>} part, then looks at each {@code ;name[=value]}
 * that follows. Anything it is not sure of (an unterminated quote or bracket, a tag without a token
 * value) is left to the full parser, which reports it. Stateless.
 */
final class TagScanner {
    /** Returned when the value needs the full parser. Compared by identity. */
    static final String FULL_PARSE = new String("full parse");

    private TagScanner() {
    }

    /** The tag in {@code b[from, to)}; null when there is none; {@link #FULL_PARSE} when unsure. */
    static String tag(byte[] b, int from, int to) {
        int p = from;
        while (p < to) {
            byte c = b[p];
            if (c == '"') {
                p = afterQuoted(b, p + 1, to);
                if (p < 0) {
                    return FULL_PARSE;
                }
            } else if (c == '<') {
                p = Syntax.indexOf(b, p + 1, to, (byte) '>');
                if (p < 0) {
                    return FULL_PARSE;
                }
                p++;
            } else if (c == ';') {
                p = Syntax.skipWsp(b, p + 1, to);
                int nameStart = p;
                while (p < to && Syntax.isTokenChar(b[p])) {
                    p++;
                }
                boolean isTag = p - nameStart == 3 && Syntax.regionEqualsIgnoreCase(b, nameStart, "tag");
                p = Syntax.skipWsp(b, p, to);
                if (isTag) {
                    return tagValue(b, p, to);
                }
            } else {
                p++;
            }
        }
        return null;
    }

    /** The token after {@code =} at {@code p}, or {@link #FULL_PARSE} when it is not a lone token. */
    private static String tagValue(byte[] b, int p, int to) {
        if (p == to || b[p] != '=') {
            return FULL_PARSE;
        }
        int start = Syntax.skipWsp(b, p + 1, to);
        int end = start;
        while (end < to && Syntax.isTokenChar(b[end])) {
            end++;
        }
        int after = Syntax.skipWsp(b, end, to);
        if (end == start || after < to && b[after] != ';') {
            return FULL_PARSE;
        }
        return Syntax.latin1(b, start, end);
    }

    /** The index after the closing quote of a quoted string whose content starts at {@code p}, or -1. */
    private static int afterQuoted(byte[] b, int p, int to) {
        while (p < to) {
            if (b[p] == '\\') {
                p += 2;
            } else if (b[p] == '"') {
                return p + 1;
            } else {
                p++;
            }
        }
        return -1;
    }
}
