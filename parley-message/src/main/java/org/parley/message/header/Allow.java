package org.parley.message.header;

import java.util.Collection;
import java.util.Objects;
import org.parley.message.Method;
import org.parley.message.SipParseException;

/**
 * The elements of an Allow header (RFC 3261 §20.5: {@code Method *(COMMA Method)}): each one
 * method, any token, known or not. Stateless.
 */
public final class Allow {
    private Allow() {
    }

    /**
     * Parses one element of an Allow list.
     *
     * @return the method: the {@link Method} constant when it is a known one
     * @throws SipParseException (400 naming Allow) when the element is not one token
     */
    public static Method parse(String element) {
        HeaderScanner s = new HeaderScanner("Allow", element);
        s.skipLws();
        String name = s.readToken("method");
        s.expectEnd();
        return Method.of(name);
    }

    /** The value of an Allow header listing these methods: {@code INVITE, ACK, BYE}. */
    public static String format(Collection<Method> methods) {
        StringBuilder out = new StringBuilder();
        for (Method m : methods) {
            Objects.requireNonNull(m, "method");
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(m.name());
        }
        return out.toString();
    }
}
