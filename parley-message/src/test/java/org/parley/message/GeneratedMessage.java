package org.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message {@link MessageGenerator} wrote, with what a parser must read back from it.
 *
 * @param wire the bytes on the wire
 * @param startLine the start line exactly as written, without its line end
 * @param method the method of a request, null for a response
 * @param requestUri the Request-URI of a request, null for a response
 * @param statusCode the status code of a response, 0 for a request
 * @param reasonPhrase the reason phrase of a response, null for a request
 * @param headers the header lines in order, Content-Length lines included
 * @param body the body bytes
 */
record GeneratedMessage(byte[] wire, String startLine, Method method, String requestUri, int statusCode,
        String reasonPhrase, List<Header> headers, byte[] body) {

    /**
     * One header line as generated.
     *
     * @param name the name as written (long or compact form, its own case)
     * @param header the header it names
     * @param value the value as read back: unfolded and trimmed
     * @param elements the list elements for a list header, else the value
     */
    record Header(String name, HeaderName header, String value, List<String> elements) {
        HeaderField field() {
            return new HeaderField(name, value);
        }
    }

    boolean isRequest() {
        return method != null;
    }

    /** The start line in canonical form: single spaces, upper-case version. */
    String canonicalStartLine() {
        return isRequest() ? method.name() + " " + requestUri + " SIP/2.0"
                : "SIP/2.0 " + statusCode + " " + reasonPhrase;
    }

    /** The header lines as {@link SipMessage#headerFields()} must return them. */
    List<HeaderField> fields() {
        return headers.stream().map(Header::field).toList();
    }

    /** The values {@link SipMessage#headerValues(HeaderName)} must return, per header, in order of appearance. */
    Map<HeaderName, List<String>> valuesByHeader() {
        Map<HeaderName, List<String>> values = new LinkedHashMap<>();
        for (Header h : headers) {
            values.computeIfAbsent(h.header(), k -> new ArrayList<>()).addAll(h.elements());
        }
        return values;
    }

    boolean hasContentLength() {
        return headers.stream().anyMatch(h -> h.header().equals(HeaderName.CONTENT_LENGTH));
    }

    /**
     * The header fields after a builder or the canonical form has settled Content-Length: the first
     * Content-Length line becomes {@code firstLength} (or stays as it was when that is null), later ones
     * are dropped, and "Content-Length: n" is appended when there was none. Known headers are named
     * by their canonical long name when {@code canonicalNames} is set.
     */
    List<HeaderField> fieldsWithSettledLength(HeaderField firstLength, boolean canonicalNames) {
        List<HeaderField> out = new ArrayList<>();
        boolean lengthSeen = false;
        for (Header h : headers) {
            if (h.header().equals(HeaderName.CONTENT_LENGTH)) {
                if (!lengthSeen) {
                    out.add(firstLength == null ? h.field() : firstLength);
                }
                lengthSeen = true;
            } else {
                out.add(new HeaderField(canonicalNames && h.header().isKnown() ? h.header().name() : h.name(),
                        h.value()));
            }
        }
        if (!lengthSeen) {
            out.add(lengthField());
        }
        return out;
    }

    /** "Content-Length: n" for this body. */
    HeaderField lengthField() {
        return new HeaderField("Content-Length", Integer.toString(body.length));
    }

    /** The canonical form written independently of {@link CanonicalForm}. */
    byte[] canonicalBytes() {
        StringBuilder text = new StringBuilder(canonicalStartLine()).append("\r\n");
        for (HeaderField f : fieldsWithSettledLength(lengthField(), true)) {
            text.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        byte[] head = text.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The wire bytes with CR and LF made visible, for assertion messages. */
    String describe() {
        return Texts.visible(wire);
    }
}
