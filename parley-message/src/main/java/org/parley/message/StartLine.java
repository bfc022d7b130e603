package org.parley.message;

/**
 * The parsed Request-Line or Status-Line (RFC 3261 §7.1, §7.2, §25.1), held only until the message
 * is built. Internal to the package.
 */
final class StartLine {
    private final Method method;
    private final int uriStart;
    private final int uriEnd;
    private final int statusCode;
    private final int reasonStart;

    private StartLine(Method method, int uriStart, int uriEnd, int statusCode, int reasonStart) {
        this.method = method;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
        this.statusCode = statusCode;
        this.reasonStart = reasonStart;
    }

    static StartLine parse(byte[] b, int start, int end) {
        if (Syntax.regionEqualsIgnoreCase(b, start, "SIP/") && end - start >= 4) {
            return statusLine(b, start, end);
        }
        return requestLine(b, start, end);
    }

    /** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase. */
    private static StartLine statusLine(byte[] b, int start, int end) {
        int sp = Syntax.indexOf(b, start, end, (byte) ' ');
        if (sp < 0) {
            throw SipParseException.badRequest("Status-Line has no status code", start);
        }
        checkVersion(b, start, sp, "Status-Line");
        int codeStart = sp + 1;
        int codeEnd = codeStart;
        while (codeEnd < end && b[codeEnd] >= '0' && b[codeEnd] <= '9') {
            codeEnd++;
        }
        if (codeEnd - codeStart != 3 || codeEnd < end && b[codeEnd] != ' ') {
            throw SipParseException.badRequest("Status-Line: status code must be three digits", codeStart);
        }
        int code = (b[codeStart] - '0') * 100 + (b[codeStart + 1] - '0') * 10 + (b[codeStart + 2] - '0');
        if (!StatusCode.isValid(code)) {
            throw SipParseException.badRequest("Status-Line: status code " + code + " is not in 100..699", codeStart);
        }
        for (int i = codeEnd; i < end; i++) {
            if (b[i] == '\r') {
                throw SipParseException.badRequest("Status-Line: bare CR in the reason phrase", i);
            }
        }
        // A Status-Line without the SP before an empty reason phrase is tolerated.
        int reasonStart = codeEnd < end ? codeEnd + 1 : end;
        return new StartLine(null, 0, 0, code, reasonStart);
    }

    /** Request-Line = Method SP Request-URI SP SIP-Version. */
    private static StartLine requestLine(byte[] b, int start, int end) {
        int sp1 = Syntax.indexOf(b, start, end, (byte) ' ');
        if (sp1 < 0) {
            throw SipParseException.badRequest("Request-Line must be \"METHOD URI SIP/2.0\"", start);
        }
        Method method = Method.ofBytes(b, start, sp1);
        if (method == null) {
            throw SipParseException.badRequest("Request-Line: method \"" + Syntax.latin1(b, start, sp1)
                    + "\" is not a token", start);
        }
        int uriStart = sp1 + 1;
        int sp2 = Syntax.indexOf(b, uriStart, end, (byte) ' ');
        if (sp2 < 0) {
            throw SipParseException.badRequest("Request-Line has no SIP version", uriStart);
        }
        if (sp2 == uriStart) {
            // RFC 4475 §3.1.2.9: several SP between the elements are malformed.
            throw SipParseException.badRequest("Request-Line: more than one SP before the Request-URI", uriStart);
        }
        int versionStart = sp2 + 1;
        int lastSp = lastIndexOf(b, versionStart, end, (byte) ' ');
        if (lastSp >= 0) {
            boolean trailing = true;
            for (int i = lastSp; i < end; i++) {
                trailing &= b[i] == ' ';
            }
            if (trailing) {
                // RFC 4475 §3.1.2.10
                throw SipParseException.badRequest("Request-Line: whitespace after the SIP version", lastSp);
            }
            // RFC 4475 §3.1.2.8: LWS inside the Request-URI.
            throw SipParseException.badRequest("Request-Line: whitespace inside the Request-URI", sp2);
        }
        for (int i = uriStart; i < sp2; i++) {
            if (b[i] < 0x21 && b[i] >= 0 || b[i] == 0x7F) {
                // RFC 3261 §25.1: no URI form holds control characters; a proxy must not pass them on.
                throw SipParseException.badRequest("Request-URI holds a control character", i);
            }
        }
        if (b[uriStart] == '<') {
            // RFC 4475 §3.1.2.7
            throw SipParseException.badRequest("Request-URI must not be enclosed in \"<>\"", uriStart);
        }
        if (Syntax.indexOf(b, uriStart, sp2, (byte) ':') < 0) {
            throw SipParseException.badRequest("Request-URI \"" + Syntax.latin1(b, uriStart, sp2)
                    + "\" has no scheme", uriStart);
        }
        checkVersion(b, versionStart, end, "Request-Line");
        return new StartLine(method, uriStart, sp2, 0, 0);
    }

    /**
     * SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT, case-insensitive (RFC 3261 §7.1). Only 2.0 is
     * spoken; any other well-formed version gets 505 (§21.5.6).
     */
    private static void checkVersion(byte[] b, int from, int to, String where) {
        int p = from + 4;
        int major = p;
        while (p < to && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        int dot = p;
        p++;
        int minor = p;
        while (p < to && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        boolean wellFormed = to - from >= 7 && Syntax.regionEqualsIgnoreCase(b, from, "SIP/") && dot > major
                && dot < to && b[dot] == '.' && p > minor && p == to;
        if (!wellFormed) {
            throw SipParseException.badRequest(where + ": \"" + Syntax.latin1(b, from, to)
                    + "\" is not a SIP version", from);
        }
        if (dot - major != 1 || b[major] != '2' || p - minor != 1 || b[minor] != '0') {
            // RFC 3261 §21.5.6 (505); RFC 4475 §3.1.2.16
            throw new SipParseException("SIP version " + Syntax.latin1(b, from + 4, to) + " is not supported",
                    from, StatusCode.VERSION_NOT_SUPPORTED, "Version Not Supported");
        }
    }

    SipMessage build(byte[] b, int start, int startLineEnd, int[] index, int count, int bodyStart, int end) {
        if (method != null) {
            return new SipRequest(method, uriStart, uriEnd, b, start, startLineEnd, index, count, bodyStart, end);
        }
        return new SipResponse(statusCode, reasonStart, b, start, startLineEnd, index, count, bodyStart, end);
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
