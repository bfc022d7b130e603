package org.parley.proxy.auth;

import org.parley.message.HeaderName;

/**
 * Who challenges (RFC 3261 §22.1): a registrar or user agent server answers 401 with
 * WWW-Authenticate and reads Authorization (§22.2); a proxy answers 407 with Proxy-Authenticate and
 * reads Proxy-Authorization (§22.3).
 */
public enum AuthRole {
    /** 401, WWW-Authenticate, Authorization (RFC 3261 §22.2). */
    REGISTRAR(401, HeaderName.WWW_AUTHENTICATE, HeaderName.AUTHORIZATION),
    /** 407, Proxy-Authenticate, Proxy-Authorization (RFC 3261 §22.3). */
    PROXY(407, HeaderName.PROXY_AUTHENTICATE, HeaderName.PROXY_AUTHORIZATION);

    private final int status;
    private final HeaderName challengeHeader;
    private final HeaderName credentialsHeader;

    AuthRole(int status, HeaderName challengeHeader, HeaderName credentialsHeader) {
        this.status = status;
        this.challengeHeader = challengeHeader;
        this.credentialsHeader = credentialsHeader;
    }

    /** The status of a challenge: 401 or 407. */
    public int status() {
        return status;
    }

    /** The header a challenge goes in. */
    public HeaderName challengeHeader() {
        return challengeHeader;
    }

    /** The header credentials come in. */
    public HeaderName credentialsHeader() {
        return credentialsHeader;
    }
}
