package org.parley.message;

import java.util.Locale;
import java.util.Objects;

/**
 * A SIP header field name. Names compare case-insensitively (RFC 3261 §7.3.1); the known headers
 * also answer to their compact form (RFC 3261 §7.3.3 and the registry of compact forms:
 * i m v f t l c k s e o u r b x y a d j ...). The vocabulary is open: {@link #of(String)} returns
 * the constant for a known name and a new value for any other token. Immutable.
 *
 * <p>{@link #isList()} tells whether the header's grammar is a comma-separated list, so that
 * several values on one line and several lines are the same thing (RFC 3261 §7.3.1). Headers whose
 * values may hold a bare comma (Date, the authentication headers, unknown headers) are never split.
 */
public final class HeaderName {
    private static final HeaderName[] BY_ID = new HeaderName[64];
    private static int count;

    /** RFC 3261 §20.42. */
    public static final HeaderName VIA = known("Via", 'v', true);
    /** RFC 3261 §20.20. */
    public static final HeaderName FROM = known("From", 'f', false);
    /** RFC 3261 §20.39. */
    public static final HeaderName TO = known("To", 't', false);
    /** RFC 3261 §20.8. */
    public static final HeaderName CALL_ID = known("Call-ID", 'i', false);
    /** RFC 3261 §20.16. */
    public static final HeaderName CSEQ = known("CSeq", (char) 0, false);
    /** RFC 3261 §20.22. */
    public static final HeaderName MAX_FORWARDS = known("Max-Forwards", (char) 0, false);
    /** RFC 3261 §20.10. */
    public static final HeaderName CONTACT = known("Contact", 'm', true);
    /** RFC 3261 §20.34. */
    public static final HeaderName ROUTE = known("Route", (char) 0, true);
    /** RFC 3261 §20.30. */
    public static final HeaderName RECORD_ROUTE = known("Record-Route", (char) 0, true);
    /** RFC 3327. */
    public static final HeaderName PATH = known("Path", (char) 0, true);
    /** RFC 3261 §20.14. */
    public static final HeaderName CONTENT_LENGTH = known("Content-Length", 'l', false);
    /** RFC 3261 §20.15. */
    public static final HeaderName CONTENT_TYPE = known("Content-Type", 'c', false);
    /** RFC 3261 §20.12. */
    public static final HeaderName CONTENT_ENCODING = known("Content-Encoding", 'e', true);
    /** RFC 3261 §20.19. */
    public static final HeaderName EXPIRES = known("Expires", (char) 0, false);
    /** RFC 3261 §20.23. */
    public static final HeaderName MIN_EXPIRES = known("Min-Expires", (char) 0, false);
    /** RFC 3261 §20.44. */
    public static final HeaderName WWW_AUTHENTICATE = known("WWW-Authenticate", (char) 0, false);
    /** RFC 3261 §20.7. */
    public static final HeaderName AUTHORIZATION = known("Authorization", (char) 0, false);
    /** RFC 3261 §20.27. */
    public static final HeaderName PROXY_AUTHENTICATE = known("Proxy-Authenticate", (char) 0, false);
    /** RFC 3261 §20.28. */
    public static final HeaderName PROXY_AUTHORIZATION = known("Proxy-Authorization", (char) 0, false);
    /** RFC 3261 §20.32. */
    public static final HeaderName REQUIRE = known("Require", (char) 0, true);
    /** RFC 3261 §20.37. */
    public static final HeaderName SUPPORTED = known("Supported", 'k', true);
    /** RFC 3261 §20.40. */
    public static final HeaderName UNSUPPORTED = known("Unsupported", (char) 0, true);
    /** RFC 3261 §20.29. */
    public static final HeaderName PROXY_REQUIRE = known("Proxy-Require", (char) 0, true);
    /** RFC 3261 §20.5. */
    public static final HeaderName ALLOW = known("Allow", (char) 0, true);
    /** RFC 6665 §8.2.1. */
    public static final HeaderName EVENT = known("Event", 'o', false);
    /** RFC 6665 §8.2.3. */
    public static final HeaderName ALLOW_EVENTS = known("Allow-Events", 'u', true);
    /** RFC 6665 §8.2.3. */
    public static final HeaderName SUBSCRIPTION_STATE = known("Subscription-State", (char) 0, false);
    /** RFC 3515. */
    public static final HeaderName REFER_TO = known("Refer-To", 'r', false);
    /** RFC 3892. */
    public static final HeaderName REFERRED_BY = known("Referred-By", 'b', false);
    /** RFC 3261 §20.38. */
    public static final HeaderName TIMESTAMP = known("Timestamp", (char) 0, false);
    /** RFC 3261 §20.41. */
    public static final HeaderName USER_AGENT = known("User-Agent", (char) 0, false);
    /** RFC 3261 §20.35. */
    public static final HeaderName SERVER = known("Server", (char) 0, false);
    /** RFC 3261 §20.36. */
    public static final HeaderName SUBJECT = known("Subject", 's', false);
    /** RFC 3261 §20.1. */
    public static final HeaderName ACCEPT = known("Accept", (char) 0, true);
    /** RFC 3261 §20.2. */
    public static final HeaderName ACCEPT_ENCODING = known("Accept-Encoding", (char) 0, true);
    /** RFC 3261 §20.3. */
    public static final HeaderName ACCEPT_LANGUAGE = known("Accept-Language", (char) 0, true);
    /** RFC 3261 §20.17. */
    public static final HeaderName DATE = known("Date", (char) 0, false);
    /** RFC 3261 §20.33. */
    public static final HeaderName RETRY_AFTER = known("Retry-After", (char) 0, false);
    /** RFC 3261 §20.43. */
    public static final HeaderName WARNING = known("Warning", (char) 0, true);
    /** RFC 3261 §20.13. */
    public static final HeaderName CONTENT_LANGUAGE = known("Content-Language", (char) 0, true);
    /** RFC 3261 §20.11. */
    public static final HeaderName CONTENT_DISPOSITION = known("Content-Disposition", (char) 0, false);
    /** RFC 3261 §20.26. */
    public static final HeaderName PRIORITY = known("Priority", (char) 0, false);
    /** RFC 3261 §20.25. */
    public static final HeaderName ORGANIZATION = known("Organization", (char) 0, false);
    /** RFC 3261 §20.31. */
    public static final HeaderName REPLY_TO = known("Reply-To", (char) 0, false);
    /** RFC 4028. */
    public static final HeaderName SESSION_EXPIRES = known("Session-Expires", 'x', false);
    /** RFC 3891. */
    public static final HeaderName REPLACES = known("Replaces", (char) 0, false);
    /** RFC 3841. */
    public static final HeaderName REQUEST_DISPOSITION = known("Request-Disposition", 'd', true);
    /** RFC 3841. */
    public static final HeaderName ACCEPT_CONTACT = known("Accept-Contact", 'a', true);
    /** RFC 3841. */
    public static final HeaderName REJECT_CONTACT = known("Reject-Contact", 'j', true);
    /** RFC 4474. */
    public static final HeaderName IDENTITY = known("Identity", 'y', false);
    /** RFC 3261 §20.9. */
    public static final HeaderName CALL_INFO = known("Call-Info", (char) 0, true);
    /** RFC 3261 §20.4. */
    public static final HeaderName ALERT_INFO = known("Alert-Info", (char) 0, true);
    /** RFC 3261 §20.18. */
    public static final HeaderName ERROR_INFO = known("Error-Info", (char) 0, true);
    /** RFC 3261 §20.21. */
    public static final HeaderName IN_REPLY_TO = known("In-Reply-To", (char) 0, true);
    /** RFC 3261 §20.24. */
    public static final HeaderName MIME_VERSION = known("MIME-Version", (char) 0, false);

    /** Id given to every header name that is not a constant of this class. */
    public static final int UNKNOWN_ID = -1;

    /**
     * Open-addressing table from {@link #slotOf} a long name to the header's id + 1 (0 marks an
     * empty slot), so that the parser finds the id of a header line with one short probe instead
     * of comparing the line against every known name. At least twice as many slots as names.
     */
    private static final byte[] BY_SLOT = new byte[256];
    /** Compact form letter (lower case) to id + 1; 0 when no header has that compact form. */
    private static final byte[] BY_COMPACT = new byte[128];
    /**
     * Per id, the long name's bytes with 0x20 set on letters ({@code "call-id"}), and the mask of
     * those letters: a byte b of the line spells name byte i when {@code (b | MASK[i]) == FOLDED[i]},
     * which is {@link Syntax#regionEqualsIgnoreCase}'s rule (ASCII letters in any case, all other
     * bytes exactly) without its per-char String access.
     */
    private static final byte[][] FOLDED = new byte[BY_ID.length][];
    private static final byte[][] MASK = new byte[BY_ID.length][];

    static {
        for (int id = 0; id < count; id++) {
            HeaderName h = BY_ID[id];
            int n = h.name.length();
            FOLDED[id] = new byte[n];
            MASK[id] = new byte[n];
            for (int i = 0; i < n; i++) {
                char c = h.name.charAt(i);
                boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
                MASK[id][i] = (byte) (letter ? 0x20 : 0);
                FOLDED[id][i] = (byte) (letter ? c | 0x20 : c);
            }
            int slot = slotOf(FOLDED[id], 0, n);
            while (BY_SLOT[slot] != 0) {
                slot = (slot + 1) & (BY_SLOT.length - 1);
            }
            BY_SLOT[slot] = (byte) (id + 1);
            if (h.compact != 0 && BY_COMPACT[h.compact] == 0) {
                BY_COMPACT[h.compact] = (byte) (id + 1);
            }
        }
    }

    private final String name;
    private final char compact;
    private final boolean list;
    private final int id;

    private HeaderName(String name, char compact, boolean list, int id) {
        this.name = name;
        this.compact = compact;
        this.list = list;
        this.id = id;
    }

    private static HeaderName known(String name, char compact, boolean list) {
        HeaderName h = new HeaderName(name, compact, list, count);
        BY_ID[count++] = h;
        return h;
    }

    /**
     * The header of this name (long or compact form, any case): the constant for a known header,
     * else a new value keeping the spelling given.
     *
     * @throws IllegalArgumentException when the name is not a token (RFC 3261 §25.1 header-name)
     */
    public static HeaderName of(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < count; i++) {
            HeaderName h = BY_ID[i];
            if (h.name.equalsIgnoreCase(name)
                    || name.length() == 1 && h.compact != 0 && (name.charAt(0) | 0x20) == h.compact) {
                return h;
            }
        }
        if (!Syntax.isToken(name)) {
            throw new IllegalArgumentException("header name must be a token, was \"" + name + "\"");
        }
        return new HeaderName(name, (char) 0, false, UNKNOWN_ID);
    }

    /**
     * The id of the known header spelled by {@code bytes[from, to)} (long or compact form, any
     * case), or {@link #UNKNOWN_ID}. Allocates nothing: the parser calls it for every header line.
     */
    public static int idOf(byte[] bytes, int from, int to) {
        int len = to - from;
        if (len == 1) {
            int c = bytes[from] | 0x20;
            return c >= 0 && c < BY_COMPACT.length ? BY_COMPACT[c] - 1 : UNKNOWN_ID;
        }
        if (len < 1) {
            return UNKNOWN_ID;
        }
        for (int slot = slotOf(bytes, from, to); BY_SLOT[slot] != 0; slot = (slot + 1) & (BY_SLOT.length - 1)) {
            int id = BY_SLOT[slot] - 1;
            if (spells(bytes, from, len, id)) {
                return id;
            }
        }
        return UNKNOWN_ID;
    }

    /** True when {@code bytes[from, from + len)} is the long name of header {@code id}, letters in any case. */
    private static boolean spells(byte[] bytes, int from, int len, int id) {
        byte[] folded = FOLDED[id];
        if (folded.length != len) {
            return false;
        }
        byte[] mask = MASK[id];
        for (int i = 0; i < len; i++) {
            if ((bytes[from + i] | mask[i]) != folded[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first slot to probe for a name of at least one byte: a mix of its length and of its
     * first, middle and last bytes with 0x20 set, so that equal names in any case share it.
     */
    private static int slotOf(byte[] b, int from, int to) {
        int len = to - from;
        int x = len << 16 ^ (b[from] | 0x20) << 8 ^ (b[from + len / 2] | 0x20) << 4 ^ (b[to - 1] | 0x20);
        return (x * 0x9E3779B1) >>> 24;
    }

    /** The known header with this id; ids come from {@link #idOf} and {@link #id()}. */
    public static HeaderName byId(int id) {
        return BY_ID[Objects.checkIndex(id, count)];
    }

    /** The canonical long name (e.g. "Call-ID"), or the spelling given for an unknown header. */
    public String name() {
        return name;
    }

    /** The compact form letter, if the header has one. */
    public java.util.Optional<Character> compactForm() {
        return compact == 0 ? java.util.Optional.empty() : java.util.Optional.of(compact);
    }

    /** True when values of this header form a comma-separated list (RFC 3261 §7.3.1). */
    public boolean isList() {
        return list;
    }

    /** The id of a known header, or {@link #UNKNOWN_ID}. */
    public int id() {
        return id;
    }

    /** True when this is one of the constants of this class. */
    public boolean isKnown() {
        return id != UNKNOWN_ID;
    }

    /** True when {@code spelled} names this header, in either form and any case. */
    public boolean matches(String spelled) {
        return name.equalsIgnoreCase(spelled)
                || spelled.length() == 1 && compact != 0 && (spelled.charAt(0) | 0x20) == compact;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof HeaderName h && h.name.equalsIgnoreCase(name);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
