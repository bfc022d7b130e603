package org.parley.message.uri;

import org.parley.message.Parameters;

/**
 * Reads tel URIs (RFC 3966 §3) and checks the parts of built ones against the same grammar.
 * Parameters may come in any order on input; RFC 3966 §3 orders them only for those who write
 * URIs. Stateless.
 */
final class TelUriParser {
    static final String EXTENSION = "ext";
    static final String ISDN_SUBADDRESS = "isub";
    static final String PHONE_CONTEXT = "phone-context";

    private TelUriParser() {
    }

    /** True when {@code s[0, colon)} is "tel", in any case. */
    static boolean isTelScheme(String s, int colon) {
        return colon == 3 && s.regionMatches(true, 0, "tel", 0, 3);
    }

    /** Parses {@code s}, whose scheme "tel" ends at {@code colon}. */
    static TelUri parse(String s, int colon) {
        int n = s.length();
        int start = colon + 1;
        int end = s.indexOf(';', start);
        if (end < 0) {
            end = n;
        }
        int bad = numberProblem(s, start, end);
        if (bad >= 0) {
            throw UriChars.bad(bad == end ? "telephone number without digits"
                    : "invalid character " + UriChars.show(s.charAt(bad)) + " in telephone number", bad);
        }
        Parameters parameters = end < n ? parameters(s, end, n) : Parameters.EMPTY;
        String problem = contextProblem(s.charAt(start) == '+', parameters);
        if (problem != null) {
            throw UriChars.bad(problem, start);
        }
        return new TelUri(s.substring(start, end), parameters, s);
    }

    /** Reads {@code *( ";" pname [ "=" pvalue ] )} from {@code s[i]} to the end. */
    private static Parameters parameters(String s, int i, int n) {
        Parameters.Builder b = Parameters.builder();
        int seen = 0;
        while (i < n) {
            int nameStart = i + 1;
            int j = nameStart;
            char c = 0;
            while (j < n && (c = s.charAt(j)) != '=' && c != ';') {
                j++;
            }
            String name = s.substring(nameStart, j);
            String value = null;
            if (j < n && c == '=') {
                int valueStart = j + 1;
                j = s.indexOf(';', valueStart);
                if (j < 0) {
                    j = n;
                }
                value = s.substring(valueStart, j);
            }
            String problem = parameterProblem(name, value);
            int bit = specialBit(name);
            if (problem == null && (seen & bit) != 0) {
                problem = "repeated " + name + " parameter";
            }
            seen |= bit;
            if (problem != null) {
                throw UriChars.bad(problem, nameStart);
            }
            b.add(name, value);
            i = j;
        }
        return b.build();
    }

    /**
     * RFC 3966 §3: global-number-digits = "+" *phonedigit DIGIT *phonedigit;
     * local-number-digits = *phonedigit-hex ( HEXDIG / "*" / "#" ) *phonedigit-hex.
     *
     * @return -1 when {@code s[from, to)} is a number, the index of a bad character, or {@code to}
     *     when it has no digit
     */
    static int numberProblem(String s, int from, int to) {
        boolean global = from < to && s.charAt(from) == '+';
        boolean digit = false;
        for (int i = global ? from + 1 : from; i < to; i++) {
            char c = s.charAt(i);
            if (UriChars.isDigit(c) || !global && (UriChars.hexValue(c) >= 0 || c == '*' || c == '#')) {
                digit = true;
            } else if (!UriChars.is(c, UriChars.VISUAL)) {
                return i;
            }
        }
        return digit ? -1 : to;
    }

    /** A distinct bit for ext, isub and phone-context; 0 for any other name. */
    private static int specialBit(String name) {
        if (name.equalsIgnoreCase(EXTENSION)) {
            return 1;
        }
        if (name.equalsIgnoreCase(ISDN_SUBADDRESS)) {
            return 2;
        }
        return name.equalsIgnoreCase(PHONE_CONTEXT) ? 4 : 0;
    }

    /** RFC 3966 §3: 1*phonedigit, phonedigit = DIGIT / visual-separator. */
    private static boolean isPhonedigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!UriChars.isDigit(c) && !UriChars.is(c, UriChars.VISUAL)) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** What is wrong with the parameter {@code ;name=value} (RFC 3966 §3), or null when it is fine. */
    static String parameterProblem(String name, String value) {
        if (name.isEmpty()) {
            return "empty parameter name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!UriChars.isAlphanum(c) && c != '-') {
                return "invalid character " + UriChars.show(c) + " in parameter name";
            }
        }
        if (value == null) {
            return specialBit(name) != 0 ? name + " parameter needs a value" : null;
        }
        if (value.isEmpty()) {
            return "empty value of parameter " + name;
        }
        int bad;
        if (name.equalsIgnoreCase(EXTENSION)) {
            bad = isPhonedigits(value) ? -1 : 0;
        } else if (name.equalsIgnoreCase(ISDN_SUBADDRESS)) {
            bad = UriChars.firstInvalid(value, 0, value.length(), UriChars.URIC);
        } else if (name.equalsIgnoreCase(PHONE_CONTEXT)) {
            bad = value.charAt(0) == '+' ? numberProblem(value, 0, value.length())
                    : Host.hostnameProblem(value, 0, value.length());
            bad = bad >= 0 ? 0 : -1;
        } else {
            bad = UriChars.firstInvalid(value, 0, value.length(), UriChars.PARAM);
        }
        return bad < 0 ? null : "bad value of " + name + " parameter: \"" + UriChars.quote(value, 0, value.length())
                + "\"";
    }

    /** RFC 3966 §5.1.5: a local number needs a phone-context; a global number has none. */
    static String contextProblem(boolean global, Parameters parameters) {
        boolean context = parameters.has(PHONE_CONTEXT);
        if (global && context) {
            return "a global number must not have a phone-context (RFC 3966 §5.1.5)";
        }
        if (!global && !context) {
            return "a local number needs a phone-context (RFC 3966 §5.1.5)";
        }
        return null;
    }
}
