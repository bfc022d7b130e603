package org.parley.message;

import java.util.Objects;

/**
 * A SIP request method. Methods are case-sensitive tokens (RFC 3261 §7.1, §25.1 {@code Method});
 * the vocabulary is open: {@link #of(String)} returns the constant for a known method and a new
 * value for any other valid token, so extension methods pass through untouched. Immutable.
 */
public final class Method {
    /** RFC 3261. */
    public static final Method INVITE = new Method("INVITE");
    /** RFC 3261. */
    public static final Method ACK = new Method("ACK");
    /** RFC 3261. */
    public static final Method BYE = new Method("BYE");
    /** RFC 3261. */
    public static final Method CANCEL = new Method("CANCEL");
    /** RFC 3261. */
    public static final Method OPTIONS = new Method("OPTIONS");
    /** RFC 3261. */
    public static final Method REGISTER = new Method("REGISTER");
    /** RFC 3262. */
    public static final Method PRACK = new Method("PRACK");
    /** RFC 6665. */
    public static final Method SUBSCRIBE = new Method("SUBSCRIBE");
    /** RFC 6665. */
    public static final Method NOTIFY = new Method("NOTIFY");
    /** RFC 3903. */
    public static final Method PUBLISH = new Method("PUBLISH");
    /** RFC 6086. */
    public static final Method INFO = new Method("INFO");
    /** RFC 3515. */
    public static final Method REFER = new Method("REFER");
    /** RFC 3428. */
    public static final Method MESSAGE = new Method("MESSAGE");
    /** RFC 3311. */
    public static final Method UPDATE = new Method("UPDATE");

    private static final Method[] KNOWN = {
        INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, SUBSCRIBE, NOTIFY, PUBLISH, INFO, REFER, MESSAGE, UPDATE,
    };

    private final String name;

    private Method(String name) {
        this.name = name;
    }

    /**
     * The method of this name: the constant when it is a known one, else a new value.
     *
     * @throws IllegalArgumentException when the name is not a token (RFC 3261 §25.1)
     */
    public static Method of(String name) {
        Objects.requireNonNull(name, "name");
        for (Method m : KNOWN) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        if (!Syntax.isToken(name)) {
            throw new IllegalArgumentException("method must be a token, was \"" + name + "\"");
        }
        return new Method(name);
    }

    /**
     * The method spelled by {@code bytes[from, to)}, without allocating for known methods; null when
     * those bytes are not a token. Parley's parser uses this on the hot path.
     */
    public static Method ofBytes(byte[] bytes, int from, int to) {
        int len = to - from;
        for (Method m : KNOWN) {
            if (m.name.length() == len && Syntax.regionEquals(bytes, from, m.name)) {
                return m;
            }
        }
        for (int i = from; i < to; i++) {
            if (!Syntax.isTokenChar(bytes[i])) {
                return null;
            }
        }
        return len == 0 ? null : new Method(Syntax.latin1(bytes, from, to));
    }

    /** The method's name, as it appears on the wire. */
    public String name() {
        return name;
    }

    /** True for a method RFC 3261 or a common extension defines (the constants of this class). */
    public boolean isKnown() {
        for (Method m : KNOWN) {
            if (m == this) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Method m && m.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
