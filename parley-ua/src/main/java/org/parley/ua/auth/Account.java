package org.parley.ua.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A username and password for digest authentication (RFC 3261 §22.1, RFC 7616 §3.4), for one realm or
 * for any realm that challenges. The password is never logged: {@link #toString()} masks it, and
 * {@code equals} is identity so that it never leaks through a comparison in a log line either.
 *
 * <p>Immutable and thread-safe.
 */
public final class Account {
    private final String username;
    private final String realm;
    private final String password;

    private Account(String username, String realm, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.realm = realm;
        this.password = Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("Account username must not be empty, was \"\"");
        }
        if (hasLineBreak(username)) {
            throw new IllegalArgumentException("Account username must not contain CR or LF, was \""
                    + username.replace("\r", "\\r").replace("\n", "\\n") + "\"");
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    /** An account that answers a challenge from any realm. */
    public static Account of(String username, String password) {
        return new Account(username, null, password);
    }

    /**
     * An account that answers only challenges of this realm (RFC 3261 §22.1: the realm names the
     * protection space, compared as an exact string).
     */
    public static Account forRealm(String realm, String username, String password) {
        Objects.requireNonNull(realm, "realm");
        if (hasLineBreak(realm)) {
            throw new IllegalArgumentException("Account realm must not contain CR or LF, was \""
                    + realm.replace("\r", "\\r").replace("\n", "\\n") + "\"");
        }
        return new Account(username, realm, password);
    }

    /** The username. */
    public String username() {
        return username;
    }

    /** The realm this account is for; empty when it is for any realm. */
    public Optional<String> realm() {
        return Optional.ofNullable(realm);
    }

    /** The password. Do not log it. */
    public String password() {
        return password;
    }

    /** True when this account may answer a challenge of {@code challengeRealm}. */
    public boolean answers(String challengeRealm) {
        return realm == null || realm.equals(challengeRealm);
    }

    /** The username and realm; the password is masked. */
    @Override
    public String toString() {
        return "Account[" + username + "@" + (realm == null ? "any realm" : realm) + ", password=***]";
    }
}
