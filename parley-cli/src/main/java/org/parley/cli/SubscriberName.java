package org.parley.cli;

import java.util.Locale;

/**
 * A subscriber as named on the command line, {@code user@domain} (or {@code sip:user@domain}), with
 * the realm it authenticates in: {@code --realm} when given, else the domain in lower case (RFC 3261
 * §22.1: the realm usually names the domain; Parley's digest server uses the served domain).
 * Immutable.
 *
 * @param user the digest username
 * @param realm the realm
 */
record SubscriberName(String user, String realm) {
    /**
     * Reads {@code text} and the optional {@code --realm}.
     *
     * @throws CliException (usage) naming the text when it is not {@code user@domain}
     */
    static SubscriberName parse(String text, String realmOption) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:")) {
            t = t.substring(4);
        } else if (lower.startsWith("sips:")) {
            t = t.substring(5);
        }
        int at = t.lastIndexOf('@');
        if (at <= 0 || at == t.length() - 1) {
            throw CliException.usage("a subscriber is user@domain, e.g. alice@example.com, was \"" + text + "\"");
        }
        String user = t.substring(0, at);
        String domain = t.substring(at + 1).toLowerCase(Locale.ROOT);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '"' || c == '\\') {
                throw CliException.usage("a subscriber name may not hold spaces, quotes, backslashes or control"
                        + " characters, was \"" + text + "\"");
            }
        }
        String realm = realmOption == null ? domain : realmOption;
        if (realm.isBlank() || realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
            throw CliException.usage("--realm must be a non-empty name without quotes or backslashes, was \""
                    + realm + "\"");
        }
        return new SubscriberName(user, realm);
    }

    @Override
    public String toString() {
        return user + " (realm " + realm + ")";
    }
}
