package org.parley.message.header;

import java.util.Objects;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;

/** Argument checks shared by the builders and constructors of this package. Stateless. */
final class Checks {
    private Checks() {
    }

    /**
     * Returns {@code value} when it is a token.
     *
     * @throws IllegalArgumentException naming {@code what} and quoting the value otherwise
     */
    static String requireToken(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!Syntax.isToken(value)) {
            throw new IllegalArgumentException(what + " must be a token, was \"" + value + "\"");
        }
        return value;
    }

    /**
     * Returns {@code value} when it is null or one whole gen-value as written (token, IPv6
     * reference, quoted-string; RFC 3261 §25.1).
     *
     * @throws IllegalArgumentException naming {@code what} and quoting the value otherwise
     */
    static String requireGenericValue(String what, String value) {
        if (value != null && !isGenericValue(value)) {
            throw new IllegalArgumentException(what + " must be a token, host or quoted string, was \""
                    + value + "\"");
        }
        return value;
    }

    private static boolean isGenericValue(String value) {
        try {
            HeaderScanner s = new HeaderScanner("value", value);
            s.readGenericValue();
            return s.atEnd();
        } catch (SipParseException e) {
            return false;
        }
    }

    /** True when {@code value} is 1*DIGIT with a value of at most {@code max}. */
    static boolean isNumberAtMost(String value, long max) {
        int n = value.length();
        if (n == 0) {
            return false;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!HostSyntax.isDigit(c)) {
                return false;
            }
            v = v * 10 + c - '0';
            if (v > max) {
                return false;
            }
        }
        return true;
    }
}
