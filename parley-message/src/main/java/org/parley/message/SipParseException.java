package org.parley.message;

/**
 * The one exception bad bytes from the network raise (STYLE.md §5).
 *
 * <p>It carries a reason a person can read, the byte offset where the problem was found (or -1 when
 * the problem is not tied to one place), and the status code and reason phrase a server should
 * answer with: 400 naming the broken header, 505 for a bad version (RFC 3261 §21.5.26),
 * 413 for a message over the size bound. Immutable.
 */
public final class SipParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final int statusCode;
    private final String reasonPhrase;

    /**
     * Creates an exception.
     *
     * @param reason what is wrong, for a person (e.g. "Via: missing branch parameter")
     * @param offset byte offset in the message where it was found, or -1
     * @param statusCode the status a server should answer with (400, 413, 505, ...)
     * @param reasonPhrase the reason phrase for that answer; it names the problem (control characters
     *     become '?')
     */
    public SipParseException(String reason, int offset, int statusCode, String reasonPhrase) {
        super(reason, null, false, false);
        this.offset = offset;
        this.statusCode = statusCode;
        this.reasonPhrase = printable(reasonPhrase);
    }

    /**
     * The phrase with each control character replaced by '?': reasons quote bytes of the bad message,
     * and the phrase goes on a Status-Line, where a CR or LF would end the line (RFC 3261 §25.1
     * Reason-Phrase).
     */
    private static String printable(String phrase) {
        StringBuilder out = null;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                if (out == null) {
                    out = new StringBuilder(phrase);
                }
                out.setCharAt(i, '?');
            }
        }
        return out == null ? phrase : out.toString();
    }

    /** A 400 Bad Request whose reason phrase is the reason itself. */
    public static SipParseException badRequest(String reason, int offset) {
        return new SipParseException(reason, offset, 400, "Bad Request - " + reason);
    }

    /** A 400 for a header that does not follow its grammar; the reason phrase names the header. */
    public static SipParseException badHeader(String headerName, String problem) {
        String reason = headerName + ": " + problem;
        return new SipParseException(reason, -1, 400, "Bad " + headerName + " - " + problem);
    }

    /** What is wrong, for a person. */
    public String reason() {
        return getMessage();
    }

    /** Byte offset in the message where the problem was found, or -1 when it has no single place. */
    public int offset() {
        return offset;
    }

    /** The status code a server should answer with. */
    public int statusCode() {
        return statusCode;
    }

    /** The reason phrase for that answer. */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** The same problem, located at {@code newOffset} (used when a value is parsed out of context). */
    public SipParseException at(int newOffset) {
        return new SipParseException(getMessage(), newOffset, statusCode, reasonPhrase);
    }
}
