package org.parley.ua;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.message.Method;
import org.parley.message.header.MediaType;
import org.parley.message.validation.MessageValidator;
import org.parley.message.validation.ValidatorConfig;

/**
 * What this user agent implements, advertised in Allow, Accept and Supported (RFC 3261 §11.2,
 * §20.5, §20.1, §20.37) and enforced on requests it receives (405/501, 415, 420, 416, §8.2.2).
 */
final class Capabilities {
    /**
     * The methods its UAS serves. NOTIFY is taken only within a subscription's dialog (RFC 6665
     * §4.1.3; outside one it is answered 481); SUBSCRIBE is not served (this UA is no notifier).
     */
    static final List<Method> METHODS = List.of(Method.INVITE, Method.ACK, Method.BYE, Method.CANCEL,
            Method.OPTIONS, Method.INFO, Method.MESSAGE, Method.NOTIFY);
    /** Allow, as sent in requests, 2xx to INVITE and answers to OPTIONS (§20.5). */
    static final String ALLOW = METHODS.stream().map(Method::name).collect(Collectors.joining(", "));
    /** Accept: the session descriptions it reads (§20.1); MESSAGE bodies of any type are taken. */
    static final String ACCEPT = "application/sdp";
    /** Option tags it supports; none yet (PRACK, session timers and the rest come later). */
    static final Set<String> OPTION_TAGS = Set.of();
    /**
     * The Supported header value: the option tags, comma-separated; empty says "no extensions",
     * which RFC 3261 §20.37 allows and §11.2 asks an OPTIONS answer to say.
     */
    static final String SUPPORTED = String.join(", ", OPTION_TAGS);
    /** Request-URI schemes it answers: sip and sips (§8.2.2.1; a tel URI is a proxy's to route). */
    static final Set<String> URI_SCHEMES = Set.of("sip", "sips");

    /** The §8.2.2 checks for this user agent's UAS. */
    static final MessageValidator VALIDATOR = new MessageValidator(new ValidatorConfig(URI_SCHEMES, OPTION_TAGS,
            Set.copyOf(METHODS), List.of(MediaType.APPLICATION_SDP)));

    private Capabilities() {
    }
}
