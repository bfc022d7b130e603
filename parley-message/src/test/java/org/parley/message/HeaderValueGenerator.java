package org.parley.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Random but valid header values for the property tests: one shape per known header (name-addrs,
 * Via, Digest challenges, product comments, ...) and free-form values for extension headers. Values
 * are the text a parser must read back: no surrounding whitespace, no line breaks, quoted strings and
 * angle brackets balanced, UTF-8 where the grammar allows it. Not thread-safe.
 */
final class HeaderValueGenerator {
    /** RFC 3261 §25.1 token characters, including the odd ones. */
    static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
    private static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Non-ASCII words; none of their characters is whitespace, so strip() leaves them alone. */
    private static final String[] UTF8_WORDS = {
        "héllo", "Jürgen", "日本語", "Привет", "naïve", "ça", "😀", "Ελληνικά", "مرحبا", "zażółć", "Ωmega",
    };
    private static final String[] HOSTS = {
        "example.com", "atlanta.example.com", "192.0.2.4", "[2001:db8::1]", "biloxi.example.org", "h-1.example.net",
    };
    /** What a quoted string may hold besides words: commas, separators and escapes (RFC 3261 §25.1 quoted-pair). */
    private static final String[] QUOTED_PIECES = {
        ",", ", ", ";", "<", ">", "=", ":", "\\\"", "\\\\", "\\,", "\\a", "(", ")", "?", "&", "@", "/",
    };

    /** One value: its text, and its list elements (the text itself for a header that is not a list). */
    record Value(String text, List<String> elements) {
    }

    private final SplittableRandom r;
    private final Map<HeaderName, Supplier<String>> shapes = new HashMap<>();

    HeaderValueGenerator(SplittableRandom random) {
        this.r = random;
        shape(this::via, HeaderName.VIA);
        shape(this::nameAddrWithTag, HeaderName.FROM, HeaderName.TO, HeaderName.REFER_TO, HeaderName.REFERRED_BY,
                HeaderName.REPLY_TO);
        shape(this::callId, HeaderName.CALL_ID);
        shape(() -> word() + "@" + host(), HeaderName.IN_REPLY_TO);
        shape(() -> r.nextLong(0, 1L << 31) + " " + method(), HeaderName.CSEQ);
        shape(() -> Integer.toString(r.nextInt(256)), HeaderName.MAX_FORWARDS);
        shape(this::contact, HeaderName.CONTACT);
        shape(this::route, HeaderName.ROUTE, HeaderName.RECORD_ROUTE, HeaderName.PATH);
        shape(this::mediaType, HeaderName.CONTENT_TYPE, HeaderName.ACCEPT);
        shape(this::token, HeaderName.CONTENT_ENCODING, HeaderName.ACCEPT_ENCODING, HeaderName.REQUIRE,
                HeaderName.SUPPORTED, HeaderName.UNSUPPORTED, HeaderName.PROXY_REQUIRE, HeaderName.ALLOW,
                HeaderName.ALLOW_EVENTS, HeaderName.REQUEST_DISPOSITION, HeaderName.PRIORITY);
        shape(() -> Long.toString(r.nextLong(0, 1L << 32)), HeaderName.EXPIRES, HeaderName.MIN_EXPIRES);
        shape(this::challenge, HeaderName.WWW_AUTHENTICATE, HeaderName.PROXY_AUTHENTICATE);
        shape(this::credentials, HeaderName.AUTHORIZATION, HeaderName.PROXY_AUTHORIZATION);
        shape(() -> token() + params(), HeaderName.EVENT, HeaderName.SUBSCRIPTION_STATE,
                HeaderName.CONTENT_DISPOSITION, HeaderName.SESSION_EXPIRES);
        shape(() -> r.nextInt(1000) + "." + r.nextInt(100) + (r.nextBoolean() ? " 0." + r.nextInt(1000) : ""),
                HeaderName.TIMESTAMP);
        shape(this::product, HeaderName.USER_AGENT, HeaderName.SERVER);
        shape(this::text, HeaderName.SUBJECT, HeaderName.ORGANIZATION);
        shape(() -> pick("en", "de-CH", "fr", "x-klingon") + (r.nextBoolean() ? ";q=0." + r.nextInt(10) : ""),
                HeaderName.ACCEPT_LANGUAGE, HeaderName.CONTENT_LANGUAGE);
        shape(() -> pick("Sat, 13 Nov 2010 23:29:00 GMT", "Thu, 21 Feb 2002 13:02:03 GMT"), HeaderName.DATE);
        shape(() -> r.nextInt(100_000) + (r.nextBoolean() ? " (" + text() + ")" : "") + params(),
                HeaderName.RETRY_AFTER);
        shape(() -> r.nextInt(300, 400) + " " + host() + " " + quoted(), HeaderName.WARNING);
        shape(() -> callId() + ";to-tag=" + word() + ";from-tag=" + word(), HeaderName.REPLACES);
        shape(this::featureSet, HeaderName.ACCEPT_CONTACT, HeaderName.REJECT_CONTACT);
        shape(() -> "\"" + base64() + "\"" + params(), HeaderName.IDENTITY);
        shape(() -> "<http://" + host() + "/" + word() + ".jpg>;purpose=" + pick("icon", "info", "card"),
                HeaderName.CALL_INFO, HeaderName.ALERT_INFO, HeaderName.ERROR_INFO);
        shape(() -> "1.0", HeaderName.MIME_VERSION);
        for (HeaderName h : KnownHeaders.ALL) {
            if (!shapes.containsKey(h) && !h.equals(HeaderName.CONTENT_LENGTH)) {
                throw new IllegalStateException("no value shape for " + h);
            }
        }
    }

    private void shape(Supplier<String> element, HeaderName... headers) {
        for (HeaderName h : headers) {
            shapes.put(h, element);
        }
    }

    /** A value for a known header other than Content-Length: 1 to 3 elements for a list header. */
    Value known(HeaderName header) {
        Supplier<String> element = shapes.get(header);
        if (!header.isList()) {
            String v = element.get();
            return new Value(v, List.of(v));
        }
        int n = r.nextInt(4) == 0 ? r.nextInt(2, 4) : 1;
        List<String> elements = new ArrayList<>(n);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String e = element.get();
            elements.add(e);
            if (i > 0) {
                // RFC 3261 §7.3.1: LWS may surround the comma (the splitter strips it).
                text.append(pick(",", ", ", " ,", " , ", ",  ", ",\t"));
            }
            text.append(e);
        }
        return new Value(text.toString(), List.copyOf(elements));
    }

    /** A value for an extension header: never split, so commas may appear anywhere. */
    Value extension() {
        String v = switch (r.nextInt(7)) {
            case 0 -> "";
            case 1 -> text();
            case 2 -> quoted() + params();
            case 3 -> nameAddrWithTag();
            case 4 -> token() + ", " + quoted() + " , <" + sipUri() + ">";
            case 5 -> ";;,,;;,;";
            default -> word() + " " + text() + " " + quoted();
        };
        return new Value(v, List.of(v));
    }

    // ---- building blocks ----------------------------------------------------------------------

    String token() {
        return chars(TOKEN_CHARS, r.nextInt(1, 12));
    }

    String word() {
        return chars(ALPHANUM, r.nextInt(1, 10));
    }

    String method() {
        return pick("INVITE", "ACK", "BYE", "REGISTER", "OPTIONS", "MESSAGE", "NOTIFY", token());
    }

    String host() {
        String h = HOSTS[r.nextInt(HOSTS.length)];
        return r.nextInt(3) == 0 ? h + ":" + r.nextInt(1, 65_536) : h;
    }

    /** A SIP URI without whitespace or angle brackets, usable as a Request-URI. */
    String sipUri() {
        StringBuilder u = new StringBuilder(pick("sip:", "sips:", "sip:", "SIP:"));
        if (r.nextInt(4) != 0) {
            u.append(pick(word(), word() + "%41" + word(), "user;par=u", "+1-555-0100", "a.b_c!~*'()&=+$,"))
                    .append('@');
        }
        u.append(host());
        if (r.nextBoolean()) {
            u.append(pick(";lr", ";transport=tcp", ";maddr=239.255.255.1", ";user=phone;ttl=15", ";x=%20y"));
        }
        return u.toString();
    }

    /** A Request-URI of any scheme: SIP, tel, urn or an extension scheme. */
    String requestUri() {
        return switch (r.nextInt(6)) {
            case 0 -> "tel:+1-201-555-0123;phone-context=example.com";
            case 1 -> "urn:service:sos";
            case 2 -> "x-" + word() + ":" + word() + "/" + token();
            default -> sipUri() + (r.nextInt(5) == 0 ? "?Subject=hi%20there&Priority=urgent" : "");
        };
    }

    String text() {
        int n = r.nextInt(1, 6);
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.append(r.nextInt(8) == 0 ? pick(", ", " ,", "  ", "\t", "; ") : " ");
            }
            t.append(r.nextBoolean() ? word() : UTF8_WORDS[r.nextInt(UTF8_WORDS.length)]);
        }
        return t.toString();
    }

    /** A quoted string with commas, brackets, escapes and UTF-8 inside (RFC 3261 §25.1 quoted-string). */
    String quoted() {
        int n = r.nextInt(0, 6);
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            q.append(switch (r.nextInt(4)) {
                case 0 -> QUOTED_PIECES[r.nextInt(QUOTED_PIECES.length)];
                case 1 -> UTF8_WORDS[r.nextInt(UTF8_WORDS.length)];
                case 2 -> " ";
                default -> word();
            });
        }
        return q.append('"').toString();
    }

    String params() {
        int n = r.nextInt(4) == 0 ? r.nextInt(1, 4) : 0;
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < n; i++) {
            p.append(';').append(token());
            switch (r.nextInt(4)) {
                case 0 -> {
                    // a parameter without a value
                }
                case 1 -> p.append('=').append(quoted());
                case 2 -> p.append('=').append(host());
                default -> p.append('=').append(token());
            }
        }
        return p.toString();
    }

    private String displayName() {
        return switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> quoted() + " ";
            case 2 -> UTF8_WORDS[r.nextInt(UTF8_WORDS.length)] + " " + word() + " ";
            default -> token() + " ";
        };
    }

    private String nameAddrWithTag() {
        String addr = r.nextInt(5) == 0 ? sipUri().replace(";", "") : displayName() + "<" + sipUri() + ">";
        return addr + (r.nextBoolean() ? ";tag=" + token() : "") + params();
    }

    private String via() {
        return "SIP/2.0/" + pick("UDP", "TCP", "TLS", "SCTP", "WS", "UNKNOWN") + " " + host() + ";branch=z9hG4bK"
                + word() + pick("", ";rport", ";received=192.0.2.1", ";rport=5060;received=10.0.0.1", ";ttl=16")
                + params();
    }

    private String callId() {
        return word() + pick("", "@" + host(), "-" + token(), "@" + word() + "%\"()<>");
    }

    private String contact() {
        return displayName() + "<" + sipUri() + ">" + pick("", ";expires=3600", ";q=0.7",
                ";+sip.instance=\"<urn:uuid:" + word() + ">\"") + params();
    }

    private String route() {
        return (r.nextInt(5) == 0 ? quoted() + " " : "") + "<" + sipUri() + ";lr>";
    }

    private String mediaType() {
        return pick("application/sdp", "text/plain", "multipart/mixed", "message/sipfrag", "*/*")
                + pick("", ";charset=utf-8", ";boundary=\"a,b;c\"", ";q=0.5", ";version=2.0");
    }

    private String challenge() {
        return "Digest realm=" + quoted() + ", nonce=\"" + word() + "\", qop=\"auth,auth-int\""
                + pick("", ", algorithm=MD5", ", stale=FALSE, opaque=\"" + word() + "\"");
    }

    private String credentials() {
        return "Digest username=" + quoted() + ", realm=\"" + host() + "\", nonce=\"" + word() + "\", uri=\""
                + sipUri() + "\", response=\"" + chars("0123456789abcdef", 32) + "\"";
    }

    private String product() {
        return token() + "/" + r.nextInt(10) + "." + r.nextInt(10) + (r.nextBoolean() ? " (" + text() + ")" : "");
    }

    private String featureSet() {
        return "*" + pick("", ";audio", ";video;explicit", ";+sip.instance=\"<urn:uuid:" + word() + ">\"");
    }

    private String base64() {
        return chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", r.nextInt(8, 40)) + "==";
    }

    private String chars(String alphabet, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
