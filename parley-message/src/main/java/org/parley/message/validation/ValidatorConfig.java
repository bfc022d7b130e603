package org.parley.message.validation;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.parley.message.Method;
import org.parley.message.header.MediaType;

/**
 * What the element doing the validation supports, which decides its role-dependent answers.
 * Immutable.
 *
 * @param uriSchemes Request-URI schemes it serves (lower case); others get 416
 * @param optionTags option tags it supports (lower case); others in Require or Proxy-Require get 420
 * @param methods methods its UAS serves; others get 405 (known) or 501 (unknown), with Allow
 * @param bodyTypes body types its UAS reads in INVITE, ACK, PRACK and UPDATE; others get 415
 */
public record ValidatorConfig(Set<String> uriSchemes, Set<String> optionTags, Set<Method> methods,
        List<MediaType> bodyTypes) {

    /**
     * Parley's element today: sip, sips and tel URIs; no option tags yet (the message layer
     * implements no extension); the methods of RFC 3261 plus MESSAGE, INFO, UPDATE, SUBSCRIBE,
     * NOTIFY, REFER and PRACK; SDP bodies, also inside multipart/mixed.
     */
    public static final ValidatorConfig DEFAULT = new ValidatorConfig(
            Set.of("sip", "sips", "tel"),
            Set.of(),
            new LinkedHashSet<>(List.of(Method.INVITE, Method.ACK, Method.BYE, Method.CANCEL, Method.OPTIONS,
                    Method.REGISTER, Method.PRACK, Method.UPDATE, Method.INFO, Method.MESSAGE, Method.SUBSCRIBE,
                    Method.NOTIFY, Method.REFER)),
            List.of(MediaType.APPLICATION_SDP, MediaType.MULTIPART_MIXED));

    /** Copies the collections and checks the names are lower case. */
    public ValidatorConfig {
        uriSchemes = Set.copyOf(uriSchemes);
        optionTags = Set.copyOf(optionTags);
        methods = Collections.unmodifiableSet(new LinkedHashSet<>(methods));
        bodyTypes = List.copyOf(bodyTypes);
        for (String s : uriSchemes) {
            if (!s.equals(s.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("URI schemes must be lower case, was \"" + s + "\"");
            }
        }
        for (String t : optionTags) {
            if (!t.equals(t.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("option tags must be lower case, was \"" + t + "\"");
            }
        }
    }
}
