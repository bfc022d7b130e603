package org.parley.sdp;

/**
 * The one exception bad SDP raises (STYLE.md §5): from {@link SdpParser} for the whole description and
 * from the typed attribute views (such as {@link RtpMap#parse(String)}) when a value breaks its grammar.
 *
 * <p>It carries a reason a person can read, the 1-based line number (or -1 when the problem is not tied
 * to one line, e.g. a typed view read after parsing) and the SDP field letter (or {@code '\0'}). A SIP
 * user agent that receives such an offer answers 488 (RFC 3261 §21.4.26) with {@link #reasonPhrase()}.
 * Immutable.
 */
public final class SdpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The status a user agent answers an unacceptable session description with (RFC 3261 §21.4.26). */
    public static final int STATUS_CODE = 488;

    private static final int MAX_PHRASE = 160;

    private final int lineNumber;
    private final char field;

    /**
     * Creates an exception.
     *
     * @param reason what is wrong, for a person
     * @param lineNumber the 1-based line where it was found, or -1
     * @param field the SDP type letter of that line ({@code 'm'}, {@code 'a'}, ...), or {@code '\0'}
     */
    public SdpParseException(String reason, int lineNumber, char field) {
        super(reason, null, false, false);
        this.lineNumber = lineNumber;
        this.field = field;
    }

    /** A problem in a value read out of context (a typed attribute view); no line number. */
    static SdpParseException badValue(String what, String problem) {
        return new SdpParseException(what + ": " + problem, -1, '\0');
    }

    /** What is wrong, for a person; it names the line and field when they are known. */
    public String reason() {
        return getMessage();
    }

    /** The 1-based line number where the problem was found, or -1. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The SDP type letter of the offending line, or {@code '\0'} when not tied to one line. */
    public char field() {
        return field;
    }

    /** The same problem located on line {@code number} of field {@code letter}. */
    SdpParseException at(int number, char letter) {
        String where = "line " + number + " (" + letter + "=): ";
        return new SdpParseException(where + getMessage(), number, letter);
    }

    /**
     * A reason phrase for a SIP 488 answer, e.g. {@code "Not Acceptable Here - line 3 (c=): ..."}: only
     * printable ASCII is kept (RFC 3261 §25.1 Reason-Phrase would allow UTF-8, but a phrase made from a
     * peer's bytes is safer plain), shortened to a bounded length.
     */
    public String reasonPhrase() {
        StringBuilder phrase = new StringBuilder("Not Acceptable Here - ");
        String reason = getMessage();
        for (int i = 0; i < reason.length() && phrase.length() < MAX_PHRASE; i++) {
            char c = reason.charAt(i);
            phrase.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return phrase.toString();
    }
}
