package org.parley.message.validation;

import static org.parley.message.validation.Finding.Action.DISCARD;
import static org.parley.message.validation.Finding.Action.NOTE;
import static org.parley.message.validation.Finding.Action.RESPOND;
import static org.parley.message.validation.Finding.Basis.CAPABILITY;
import static org.parley.message.validation.Finding.Basis.RULE;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.parley.message.HeaderField;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.header.Allow;
import org.parley.message.header.Contact;
import org.parley.message.header.MediaType;
import org.parley.message.header.OptionTags;
import org.parley.message.header.Via;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;

/**
 * Checks a parsed message against the rules of RFC 3261 that do not need any state: the ones every
 * element enforces (syntax of every known header, mandatory headers, single-valued headers, CSeq
 * method, Request-URI) and the ones whose answer depends on the element's role (416, 420, 483, 501,
 * 415, 406, the registrar's rules of §10.3). Transaction and dialog rules (481, 482) belong to the
 * layers that hold the state.
 *
 * <p>Parsing is lazy, so a message whose headers were never read may still hide a broken one; this
 * reads every known header and reports each problem once. Immutable and thread-safe.
 */
public final class MessageValidator {
    private static final Set<ElementRole> EVERY = EnumSet.allOf(ElementRole.class);
    private static final Set<ElementRole> UAS_AND_REGISTRAR = EnumSet.of(ElementRole.UAS, ElementRole.REGISTRAR);
    private static final Set<Method> BODY_INTERPRETED = Set.of(Method.INVITE, Method.ACK, Method.PRACK, Method.UPDATE);

    private final ValidatorConfig config;

    /** A validator for an element with these capabilities. */
    public MessageValidator(ValidatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A validator for {@link ValidatorConfig#DEFAULT}. */
    public static MessageValidator standard() {
        return new MessageValidator(ValidatorConfig.DEFAULT);
    }

    /** Every finding for {@code message}, in the order an element meets them. */
    public Validation validate(SipMessage message) {
        Objects.requireNonNull(message, "message");
        List<Finding> out = new ArrayList<>();
        boolean request = message.isRequest();
        new SyntaxChecks(message, out).run();
        if (request) {
            SipRequest r = (SipRequest) message;
            checkCSeqMethod(r, out);
            checkAdvice(r, out);
            if (new Validation(out).isAcceptable()) {
                checkRoles(r, out);
            }
        } else {
            checkResponseVias(message, out);
        }
        return new Validation(out);
    }

    /** Parses each known header and reports what fails: requests get a 4xx, responses are dropped. */
    private static final class SyntaxChecks {
        private final SipMessage m;
        private final List<Finding> out;

        SyntaxChecks(SipMessage m, List<Finding> out) {
            this.m = m;
            this.out = out;
        }

        void run() {
            if (m instanceof SipRequest r) {
                check(() -> Uri.parse(r.requestUriText()));
            }
            for (HeaderName h : List.of(HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID,
                    HeaderName.CSEQ)) {
                if (!m.hasHeader(h)) {
                    // RFC 3261 §8.1.1 (requests), §8.2.6.2 and §20 (responses); RFC 4475 §3.3.1.
                    fail(SipParseException.badHeader(h.name(), "missing"));
                }
            }
            check(m::vias);
            check(m::from);
            check(m::to);
            check(m::callId);
            check(m::cseq);
            check(m::maxForwards);
            check(m::contacts);
            check(m::routes);
            check(m::recordRoutes);
            check(m::paths);
            check(m::referTo);
            check(m::contentType);
            check(m::expires);
            check(m::minExpires);
            check(m::require);
            check(m::proxyRequire);
            check(m::supported);
            check(m::unsupported);
            check(m::allow);
            check(m::event);
            check(m::subscriptionState);
            check(m::timestamp);
            check(m::wwwAuthenticate);
            check(m::proxyAuthenticate);
            check(m::authorization);
            check(m::proxyAuthorization);
        }

        private void check(Supplier<?> read) {
            try {
                read.get();
            } catch (SipParseException e) {
                fail(e);
            }
        }

        private void fail(SipParseException e) {
            for (Finding f : out) {
                if (f.reason().equals(e.reason())) {
                    return;
                }
            }
            if (m.isRequest()) {
                out.add(new Finding(EVERY, RULE, RESPOND, e.statusCode(), e.reasonPhrase(), e.reason(),
                        List.of()));
            } else {
                out.add(new Finding(EVERY, RULE, DISCARD, 0, e.reasonPhrase(),
                        e.reason() + "; a broken response is dropped (RFC 4475 §3.1.2.5)", List.of()));
            }
        }
    }

    /** RFC 3261 §8.1.1.5: the CSeq method matches the request method; RFC 4475 §3.1.2.17, §3.1.2.18. */
    private static void checkCSeqMethod(SipRequest r, List<Finding> out) {
        Method cseqMethod;
        try {
            cseqMethod = r.cseq().method();
        } catch (SipParseException e) {
            return;
        }
        if (cseqMethod.equals(r.method())) {
            return;
        }
        String reason = "CSeq method " + cseqMethod + " does not match the request method " + r.method()
                + " (RFC 3261 §8.1.1.5)";
        if (r.method().isKnown()) {
            out.add(new Finding(EVERY, RULE, RESPOND, 400, "Bad Request - CSeq method mismatch", reason,
                    List.of()));
        } else {
            // RFC 4475 §3.1.2.18: 501 is preferred for an unknown method, above all at proxies.
            out.add(new Finding(EVERY, RULE, RESPOND, 501, "Not Implemented - CSeq method mismatch",
                    reason, List.of()));
        }
    }

    /** Deviations every element tolerates but should know of. */
    private static void checkAdvice(SipRequest r, List<Finding> out) {
        if (!r.hasHeader(HeaderName.MAX_FORWARDS)) {
            note(out, EVERY, "no Max-Forwards: an RFC 2543 client; a proxy adds Max-Forwards: 70 "
                    + "(RFC 3261 §16.6 step 3)");
        }
        try {
            Via top = r.topVia();
            if (top.branch().isEmpty() || !top.isRfc3261Branch()) {
                note(out, EVERY, "top Via branch \"" + top.branch().orElse("") + "\" lacks the z9hG4bK cookie or a "
                        + "value after it: transactions are matched the RFC 2543 way (RFC 3261 §17.2.3; "
                        + "RFC 4475 §3.2.1 also allows a 400)");
            }
            if (r.from().tag().isEmpty()) {
                note(out, EVERY, "no From tag: an RFC 2543 client (RFC 3261 §8.1.1.3)");
            }
        } catch (SipParseException e) {
            return;
        }
        r.header(HeaderName.DATE).ifPresent(date -> {
            if (!date.strip().endsWith(" GMT")) {
                // RFC 3261 §20.17 and RFC 4475 §3.1.2.12: only GMT is legal; reject only if Date matters.
                note(out, EVERY, "Date \"" + date + "\" is not in GMT (RFC 3261 §20.17): an element that uses Date "
                        + "may refuse it with 400, others ignore it");
            }
        });
        if (requestUriHasHeaders(r)) {
            // RFC 3261 §19.1.1 (Table 1): headers are not allowed in a Request-URI; RFC 4475 §3.1.2.11.
            out.add(new Finding(EVERY, RULE, RESPOND, 400, "Bad Request - headers in the Request-URI",
                    "the Request-URI carries URI headers, which RFC 3261 §19.1.1 does not allow there", List.of()));
        }
    }

    private static boolean requestUriHasHeaders(SipRequest r) {
        try {
            return r.requestUri() instanceof SipUri uri && !uri.headers().isEmpty();
        } catch (SipParseException e) {
            return false;
        }
    }

    private void checkRoles(SipRequest r, List<Finding> out) {
        checkScheme(r, out);
        checkMaxForwards(r, out);
        checkOptionTags(r, out);
        checkMethod(r, out);
        checkBody(r, out);
        if (r.method().equals(Method.REGISTER)) {
            checkRegister(r, out);
        }
    }

    /** RFC 3261 §8.2.2.1 (UAS) and §16.3 step 2 (proxy): 416 for a scheme the element does not serve. */
    private void checkScheme(SipRequest r, List<Finding> out) {
        String scheme = r.requestUri().scheme();
        if (!config.uriSchemes().contains(scheme)) {
            out.add(new Finding(EVERY, CAPABILITY, RESPOND, 416, "Unsupported URI Scheme - " + scheme,
                    "Request-URI scheme \"" + scheme + "\" is not one this element serves ("
                            + String.join(", ", config.uriSchemes()) + "); routing must not fall back to To "
                            + "(RFC 3261 §8.2.2.1, §16.3; RFC 4475 §3.3.2)", List.of()));
        }
    }

    /** RFC 3261 §16.3 step 3: a proxy answers 483 to Max-Forwards 0. */
    private static void checkMaxForwards(SipRequest r, List<Finding> out) {
        if (r.maxForwards().orElse(70) != 0) {
            return;
        }
        String local = r.method().equals(Method.OPTIONS)
                ? "; a proxy may instead answer an OPTIONS itself, as a UAS (RFC 3261 §16.3 step 3)" : "";
        out.add(new Finding(EnumSet.of(ElementRole.PROXY), RULE, RESPOND, 483, "Too Many Hops",
                "Max-Forwards is 0: a proxy must not forward it (RFC 3261 §16.3 step 3)" + local, List.of()));
        note(out, UAS_AND_REGISTRAR, "Max-Forwards is 0: a UAS processes it normally (RFC 4475 §3.3.11)");
    }

    /** RFC 3261 §8.2.2.3 (Require, at a UAS) and §16.3 step 5 (Proxy-Require, at a proxy): 420. */
    private void checkOptionTags(SipRequest r, List<Finding> out) {
        List<String> required = unsupported(r.require());
        if (!required.isEmpty() && !r.method().equals(Method.ACK) && !r.method().equals(Method.CANCEL)) {
            out.add(new Finding(UAS_AND_REGISTRAR, CAPABILITY, RESPOND, 420, "Bad Extension",
                    "Require names extensions this element does not support: " + String.join(", ", required)
                            + " (RFC 3261 §8.2.2.3)",
                    List.of(new HeaderField("Unsupported", OptionTags.format(required)))));
        }
        List<String> proxyRequired = unsupported(r.proxyRequire());
        if (!proxyRequired.isEmpty()) {
            out.add(new Finding(EnumSet.of(ElementRole.PROXY), CAPABILITY, RESPOND, 420, "Bad Extension",
                    "Proxy-Require names extensions this proxy does not support: " + String.join(", ", proxyRequired)
                            + " (RFC 3261 §16.3 step 5)",
                    List.of(new HeaderField("Unsupported", OptionTags.format(proxyRequired)))));
        }
    }

    private List<String> unsupported(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            if (!config.optionTags().contains(tag.toLowerCase(Locale.ROOT)) && !out.contains(tag)) {
                out.add(tag);
            }
        }
        return out;
    }

    /** RFC 3261 §8.2.1: 405 with Allow for a known method the UAS does not serve; 501 for an unknown one. */
    private void checkMethod(SipRequest r, List<Finding> out) {
        Method method = r.method();
        if (config.methods().contains(method)) {
            return;
        }
        List<HeaderField> allow = List.of(new HeaderField("Allow", Allow.format(config.methods())));
        if (method.isKnown()) {
            out.add(new Finding(EnumSet.of(ElementRole.UAS), CAPABILITY, RESPOND, 405, "Method Not Allowed",
                    "this UAS does not serve " + method + " (RFC 3261 §8.2.1)", allow));
        } else {
            out.add(new Finding(EnumSet.of(ElementRole.UAS), CAPABILITY, RESPOND, 501, "Not Implemented",
                    "unknown method " + method + ": a UAS answers 501 with Allow (RFC 3261 §8.2.1, §21.5.2), a proxy "
                            + "forwards it (§16.6)", allow));
        }
    }

    /** RFC 3261 §8.2.3: 415 for a body the UAS cannot read; 406 when Accept rules out SDP (RFC 4475 §3.3.15). */
    private void checkBody(SipRequest r, List<Finding> out) {
        if (!BODY_INTERPRETED.contains(r.method())) {
            return;
        }
        if (r.hasBody()) {
            r.contentType().ifPresent(type -> {
                boolean readable = config.bodyTypes().stream().anyMatch(a -> a.matches(type));
                if (!readable) {
                    out.add(new Finding(EnumSet.of(ElementRole.UAS), CAPABILITY, RESPOND, 415,
                            "Unsupported Media Type", "body of type " + type.type() + "/" + type.subtype()
                                    + " is not one this UAS reads (RFC 3261 §8.2.3; RFC 4475 §3.3.6)",
                            List.of(new HeaderField("Accept", acceptList()))));
                }
            });
        }
        List<String> accept = r.headerValues(HeaderName.ACCEPT);
        if (r.method().equals(Method.INVITE) && !accept.isEmpty()) {
            boolean sdp = false;
            for (String element : accept) {
                try {
                    sdp |= MediaType.parse("Accept", element).matches(MediaType.APPLICATION_SDP);
                } catch (SipParseException e) {
                    // An Accept element that cannot be read accepts nothing.
                    continue;
                }
            }
            if (!sdp) {
                out.add(new Finding(EnumSet.of(ElementRole.UAS), CAPABILITY, RESPOND, 406, "Not Acceptable",
                        "Accept does not allow application/sdp, so no answer can be sent (RFC 3261 §13.3.1.1 and "
                                + "RFC 4475 §3.3.15; a 400 is also allowed)",
                        List.of(new HeaderField("Accept", acceptList()))));
            }
        }
    }

    private String acceptList() {
        List<String> types = new ArrayList<>();
        for (MediaType t : config.bodyTypes()) {
            types.add(t.toString());
        }
        return String.join(", ", types);
    }

    /** RFC 3261 §10.3 rules a registrar applies before looking at bindings. */
    private static void checkRegister(SipRequest r, List<Finding> out) {
        Set<ElementRole> registrar = EnumSet.of(ElementRole.REGISTRAR);
        Uri aor = r.to().uri();
        if (!(aor instanceof SipUri)) {
            // §10.3 step 5: the address-of-record in To must be a SIP or SIPS URI; RFC 4475 §3.3.4.
            out.add(new Finding(registrar, RULE, RESPOND, 400, "Bad Request - To is not a SIP URI",
                    "the address-of-record in To is a " + aor.scheme() + " URI, not SIP or SIPS (RFC 3261 §10.3 "
                            + "step 5)", List.of()));
        }
        List<Contact> contacts = r.contacts();
        boolean wildcard = contacts.stream().anyMatch(Contact::isWildcard);
        if (wildcard && (contacts.size() > 1 || r.expires().orElse(-1) != 0)) {
            // §10.3 step 6
            out.add(new Finding(registrar, RULE, RESPOND, 400, "Bad Request - Contact * misused",
                    "Contact: * must be alone and come with Expires: 0 (RFC 3261 §10.3 step 6)", List.of()));
        }
        for (var credentials : r.authorization()) {
            if (!credentials.isDigest()) {
                note(out, registrar, "Authorization scheme \"" + credentials.scheme() + "\" is unknown: a registrar "
                        + "that authenticates answers 401 with a Digest challenge, others ignore it (RFC 4475 §3.3.7)");
            }
        }
    }

    /** RFC 4475 §3.3.10: a proxy does not send a response on toward a broadcast address. */
    private static void checkResponseVias(SipMessage m, List<Finding> out) {
        try {
            List<Via> vias = m.vias();
            for (int i = 1; i < vias.size(); i++) {
                String host = vias.get(i).host();
                if (host.equals("255.255.255.255") || host.startsWith("224.")) {
                    out.add(new Finding(EnumSet.of(ElementRole.PROXY), RULE, DISCARD, 0,
                            "Broadcast Via", "Via " + (i + 1) + " sends the response on to " + host
                                    + ": a proxy drops it rather than broadcast it (RFC 4475 §3.3.10)", List.of()));
                }
            }
        } catch (SipParseException e) {
            return;
        }
    }

    private static void note(List<Finding> out, Set<ElementRole> roles, String reason) {
        out.add(new Finding(roles, RULE, NOTE, 0, "", reason, List.of()));
    }
}
