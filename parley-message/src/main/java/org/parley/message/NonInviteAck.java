package org.parley.message;

import java.nio.charset.StandardCharsets;

/**
 * Writes the ACK of RFC 3261 §17.1.1.3 straight into its wire bytes, copying the INVITE's and the
 * response's header lines byte for byte: the INVITE client transaction sends one for every non-2xx
 * final response, so it skips the builder's line list, its oversized buffer and the copy that trims
 * it. Stateless; any thread.
 */
final class NonInviteAck {
    private static final byte[] ACK_SP = "ACK ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SP_VERSION = " SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAX_FORWARDS = "Max-Forwards: 70\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CSEQ = "CSeq: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SP_ACK = " ACK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FORWARDS_NAME = "Max-Forwards".length();
    private static final int CONTENT_LENGTH_NAME = "Content-Length".length();
    /** Header lines besides the Routes: Via, Max-Forwards, From, To, Call-ID, CSeq, Content-Length. */
    private static final int FIXED_LINES = 7;

    private NonInviteAck() {
    }

    /** See {@link SipRequest#ackFor(SipRequest, SipResponse)}. */
    static SipRequest of(SipRequest invite, SipResponse response) {
        int via = required(invite, HeaderName.VIA, "INVITE");
        int from = required(invite, HeaderName.FROM, "INVITE");
        int callId = required(invite, HeaderName.CALL_ID, "INVITE");
        int to = required(response, HeaderName.TO, "response");
        long number = invite.cseq().number();
        // The top Via is copied as written when its line holds it alone; a list or a folded line is
        // re-serialized from the parsed top Via (a comma in a quoted parameter only costs that).
        byte[] viaLine = isSingle(invite, via) ? null
                : ("Via: " + invite.topVia() + "\r\n").getBytes(StandardCharsets.UTF_8);
        int routes = invite.headerLineCount(HeaderName.ROUTE);
        int digits = digits(number);
        int uriLength = invite.uriEnd - invite.uriStart;
        int size = ACK_SP.length + uriLength + SP_VERSION.length
                + (viaLine == null ? lineLength(invite, via) : viaLine.length) + MAX_FORWARDS.length
                + lineLength(invite, from) + lineLength(response, to) + lineLength(invite, callId)
                + CSEQ.length + digits + SP_ACK.length + CONTENT_LENGTH.length;
        for (int i = invite.find(HeaderName.ROUTE, 0); i >= 0; i = invite.find(HeaderName.ROUTE, i + 1)) {
            size += lineLength(invite, i);
        }
        byte[] out = new byte[size];
        int[] index = new int[(FIXED_LINES + routes) * SipMessage.SLOTS];
        int p = put(out, 0, ACK_SP);
        System.arraycopy(invite.buf, invite.uriStart, out, p, uriLength);
        p += uriLength;
        p = put(out, p, SP_VERSION);
        int startLineEnd = p - 2;
        int line = 0;
        if (viaLine == null) {
            p = copy(invite, via, out, p, index, line++);
        } else {
            p = written(out, p, viaLine, 3, HeaderName.VIA, index, line++);
        }
        p = written(out, p, MAX_FORWARDS, MAX_FORWARDS_NAME, HeaderName.MAX_FORWARDS, index, line++);
        for (int i = invite.find(HeaderName.ROUTE, 0); i >= 0; i = invite.find(HeaderName.ROUTE, i + 1)) {
            p = copy(invite, i, out, p, index, line++);
        }
        p = copy(invite, from, out, p, index, line++);
        p = copy(response, to, out, p, index, line++);
        p = copy(invite, callId, out, p, index, line++);
        int cseqStart = p;
        p = put(out, p, CSEQ);
        for (int i = digits - 1; i >= 0; i--) {
            out[p + i] = (byte) ('0' + number % 10);
            number /= 10;
        }
        p += digits;
        p = put(out, p, SP_ACK);
        lineIndex(index, line++, cseqStart, "CSeq".length(), p - 2, HeaderName.CSEQ);
        lineIndex(index, line++, p, CONTENT_LENGTH_NAME, p + CONTENT_LENGTH.length - 4, HeaderName.CONTENT_LENGTH);
        p = put(out, p, CONTENT_LENGTH);
        return new SipRequest(Method.ACK, ACK_SP.length, ACK_SP.length + uriLength, out, 0, startLineEnd, index, line,
                p, p);
    }

    private static int required(SipMessage m, HeaderName header, String which) {
        int i = m.find(header, 0);
        if (i < 0) {
            throw new IllegalArgumentException("an ACK needs the " + which + "'s " + header.name()
                    + " (RFC 3261 §17.1.1.3), and it has none");
        }
        return i;
    }

    /** True when line {@code i} (a Via) is not folded and holds no comma, so one element only. */
    private static boolean isSingle(SipMessage m, int i) {
        int o = i * SipMessage.SLOTS;
        if ((m.index[o + 3] & SipMessage.FOLDED) != 0) {
            return false;
        }
        for (int p = m.index[o + 1]; p < m.index[o + 2]; p++) {
            if (m.buf[p] == ',') {
                return false;
            }
        }
        return true;
    }

    /** The bytes of line {@code i} from its name to the end of its value, plus CRLF. */
    private static int lineLength(SipMessage m, int i) {
        int o = i * SipMessage.SLOTS;
        return m.index[o + 2] - m.index[o] + 2;
    }

    private static int copy(SipMessage m, int i, byte[] out, int p, int[] index, int line) {
        int[] x = m.index;
        int o = i * SipMessage.SLOTS;
        int length = x[o + 2] - x[o];
        System.arraycopy(m.buf, x[o], out, p, length);
        int d = line * SipMessage.SLOTS;
        index[d] = p;
        index[d + 1] = p + x[o + 1] - x[o];
        index[d + 2] = p + length;
        index[d + 3] = x[o + 3];
        out[p + length] = '\r';
        out[p + length + 1] = '\n';
        return p + length + 2;
    }

    /** Puts a whole line given as bytes ({@code name: value\r\n}) and indexes it. */
    private static int written(byte[] out, int p, byte[] text, int nameLength, HeaderName header, int[] index,
            int line) {
        lineIndex(index, line, p, nameLength, p + text.length - 2, header);
        return put(out, p, text);
    }

    private static void lineIndex(int[] index, int line, int start, int nameLength, int valueEnd, HeaderName header) {
        int d = line * SipMessage.SLOTS;
        index[d] = start;
        index[d + 1] = start + nameLength + 2;
        index[d + 2] = valueEnd;
        index[d + 3] = SipMessage.word(nameLength, header.id());
    }

    private static int put(byte[] out, int p, byte[] src) {
        System.arraycopy(src, 0, out, p, src.length);
        return p + src.length;
    }

    private static int digits(long n) {
        int d = 1;
        for (long v = n; v >= 10; v /= 10) {
            d++;
        }
        return d;
    }
}
