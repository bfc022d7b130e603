package org.parley.message;

/**
 * Bounds the parser and the stream framer enforce on input from the network. Immutable; checked
 * when built.
 *
 * @param maxMessageBytes the largest message accepted, start line to end of body. Larger ones are
 *     refused with 513 Message Too Large (RFC 3261 §21.5.14) when the header section alone is too
 *     large, or 413 Request Entity Too Large (§21.4.11) when the body is
 * @param maxHeaderCount the most header lines (after unfolding) one message may have; more is a 400
 */
public record ParserConfig(int maxMessageBytes, int maxHeaderCount) {
    /**
     * 64 KiB: the largest UDP payload is 65,507 bytes (IPv4) and RFC 3261 §18.1.1 moves anything near
     * the path MTU to TCP, so a signalling message past this is hostile or broken.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    /** 256 header lines: real messages carry 10 to 40; longreq of RFC 4475 carries under 40. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 256;

    /** The defaults above. */
    public static final ParserConfig DEFAULT = new ParserConfig(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_HEADER_COUNT);

    /** Checks the bounds. */
    public ParserConfig {
        if (maxMessageBytes < 256 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be 256..16777216, was " + maxMessageBytes);
        }
        if (maxHeaderCount < 8 || maxHeaderCount > 65536) {
            throw new IllegalArgumentException("maxHeaderCount must be 8..65536, was " + maxHeaderCount);
        }
    }
}
