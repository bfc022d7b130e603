package org.parley.message;

/**
 * Writes a message in canonical form (see {@link SipMessage#toCanonicalBytes()}). Stateless;
 * internal to the package.
 */
final class CanonicalForm {
    private CanonicalForm() {
    }

    static byte[] of(SipMessage m) {
        ByteSink out = new ByteSink(m.size() + 64);
        if (m instanceof SipRequest r) {
            out.writeAscii(r.method().name());
            out.write(' ');
            out.writeAscii(r.requestUriText());
            out.writeAscii(" SIP/2.0\r\n");
        } else {
            SipResponse r = (SipResponse) m;
            out.writeAscii("SIP/2.0 ");
            out.writeAscii(Integer.toString(r.statusCode()));
            out.write(' ');
            out.writeUtf8(r.reasonPhrase());
            out.writeAscii("\r\n");
        }
        boolean lengthWritten = false;
        for (int i = 0; i < m.headerCount; i++) {
            int id = m.idAt(i);
            if (id == HeaderName.CONTENT_LENGTH.id()) {
                if (!lengthWritten) {
                    writeLength(out, m.bodyLength());
                    lengthWritten = true;
                }
                continue;
            }
            out.writeAscii(id == HeaderName.UNKNOWN_ID ? m.nameAt(i) : HeaderName.byId(id).name());
            out.writeAscii(": ");
            out.writeUtf8(m.valueAt(i));
            out.writeAscii("\r\n");
        }
        if (!lengthWritten) {
            writeLength(out, m.bodyLength());
        }
        out.writeAscii("\r\n");
        out.write(m.buf, m.bodyStart, m.bodyLength());
        return out.toByteArray();
    }

    private static void writeLength(ByteSink out, int length) {
        out.writeAscii("Content-Length: ");
        out.writeAscii(Integer.toString(length));
        out.writeAscii("\r\n");
    }
}
