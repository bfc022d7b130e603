package org.parley.message.validation;

/**
 * The roles a SIP element plays toward a request (RFC 3261 §6): what it must answer can depend on
 * the role. A closed set of Parley's own, so an enum.
 */
public enum ElementRole {
    /** A user agent server (RFC 3261 §8.2). */
    UAS("UAS"),
    /** A proxy (RFC 3261 §16). */
    PROXY("proxy"),
    /** A registrar, for REGISTER (RFC 3261 §10.3). */
    REGISTRAR("registrar");

    private final String label;

    ElementRole(String label) {
        this.label = label;
    }

    /** The role's name for people ("UAS", "proxy", "registrar"). */
    public String label() {
        return label;
    }
}
