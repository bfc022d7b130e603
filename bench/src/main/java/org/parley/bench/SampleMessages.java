package org.parley.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The SIP messages the benchmarks parse, loaded from {@code src/main/resources} so that every
 * parser measured reads exactly the same bytes. Stateless.
 */
public final class SampleMessages {
    /**
     * A 930-byte re-INVITE as a softphone sends it through its proxy: CRLF line ends, one Via with
     * rport, two Route headers (the dialog's route set), Contact, From and To with tags, Allow,
     * Supported, User-Agent, Content-Type and an SDP offer of 216 bytes.
     */
    public static final String INVITE = "invite.sip";

    private SampleMessages() {
    }

    /** The bytes of the named resource, exactly as stored (line ends untouched). */
    public static byte[] load(String name) {
        try (InputStream in = SampleMessages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
