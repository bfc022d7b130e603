package org.parley.sdp.offeranswer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.parley.sdp.Attribute;
import org.parley.sdp.Connection;
import org.parley.sdp.Direction;
import org.parley.sdp.MediaDescription;
import org.parley.sdp.Origin;
import org.parley.sdp.RtpMap;
import org.parley.sdp.SdpParseException;
import org.parley.sdp.SessionDescription;
import org.parley.sdp.Timing;

/**
 * The offer/answer model (RFC 3264): making an offer from local capabilities (§5), answering an offer
 * (§6), and making a new offer in an existing session, including hold and resume (§8).
 *
 * <p>Answers keep the offer's m-lines: the same count, order, media types and protocols (§6). A stream
 * offered with port 0, of a media type or protocol with no unused local capability, or with no common
 * codec is rejected with port 0 (§6, §5.1). Codecs are intersected in the offerer's order with the
 * offerer's payload type numbers (§6.1); telephone-event (RFC 4733) and comfort noise are kept only
 * beside a real codec. Directions are mirrored and limited by the local one (§6.1). Bundling
 * (RFC 9143) and ICE are not negotiated here: their attributes are not echoed.
 *
 * <p>Stateless: every method is a pure function of its arguments, so thread-safe.
 */
public final class OfferAnswer {
    private static final int MAX_FORMATS_IN_REASON = 4;

    private OfferAnswer() {
    }

    /**
     * Makes an initial offer (RFC 3264 §5): one m-line per local capability with its codecs in
     * preference order, an rtpmap for each (static ones included, as most user agents write them), its
     * fmtp, ptime, rtcp-mux and direction; a session-level {@code c=} with the local address and
     * {@code t=0 0}. The origin's version starts equal to the session id, as many user agents do.
     *
     * @param sessionId the {@code o=} session id, >= 0 (unique per session; the caller picks it)
     */
    public static SessionDescription createOffer(LocalCapabilities local, long sessionId) {
        SessionDescription.Builder sdp = sessionFor(local, sessionId);
        for (MediaCapability capability : local.media()) {
            MediaDescription.Builder m = MediaDescription.builder(capability.media(), capability.port(),
                capability.protocol());
            for (Codec codec : capability.codecs()) {
                m.addFormat(Integer.toString(codec.payloadType()));
            }
            describeCodecs(m, capability.codecs(), capability.ptime());
            if (capability.rtcpMux()) {
                m.addAttribute(Attribute.of("rtcp-mux"));
            }
            m.addAttribute(capability.direction().toAttribute());
            sdp.addMedia(m.build());
        }
        return sdp.build();
    }

    /**
     * Answers an offer that starts a session (RFC 3264 §6).
     *
     * @param sessionId the {@code o=} session id of the answerer's descriptions in this session
     * @return the answer, or a refusal for a 488 when no stream is acceptable or the offer is malformed
     */
    public static AnswerResult answer(SessionDescription offer, LocalCapabilities local, long sessionId) {
        return answer(offer, local, sessionFor(local, sessionId).build().origin());
    }

    /**
     * Answers a new offer in an existing session (RFC 3264 §8): the origin is the previous answer's,
     * its version increased by one when the answer differs from the previous one and kept when not.
     */
    public static AnswerResult answer(SessionDescription offer, LocalCapabilities local,
            SessionDescription previousAnswer) {
        AnswerResult result = answer(offer, local, previousAnswer.origin());
        if (result instanceof AnswerResult.Accepted accepted) {
            return new AnswerResult.Accepted(reoffer(previousAnswer, accepted.answer()));
        }
        return result;
    }

    private static AnswerResult answer(SessionDescription offer, LocalCapabilities local, Origin origin) {
        SessionDescription.Builder sdp = sessionFor(local, 0).origin(origin);
        List<MediaCapability> unused = new ArrayList<>(local.media());
        List<String> problems = new ArrayList<>();
        boolean accepted = false;
        try {
            for (int i = 0; i < offer.media().size(); i++) {
                MediaDescription offered = offer.media().get(i);
                Optional<String> problem = offered.isRejected() ? Optional.of("rejected by the offerer (port 0)")
                    : answerStream(offer, offered, unused, sdp);
                if (problem.isEmpty()) {
                    accepted = true;
                } else {
                    problems.add("stream " + (i + 1) + " (" + offered.media() + ' ' + offered.protocol() + "): "
                        + problem.get());
                    sdp.addMedia(rejected(offered));
                }
            }
        } catch (SdpParseException e) {
            return new AnswerResult.Refused("malformed offer: " + e.reason());
        }
        if (!accepted) {
            String reason = offer.media().isEmpty() ? "the offer has no media streams"
                : "no acceptable stream: " + String.join("; ", problems);
            return new AnswerResult.Refused(reason);
        }
        return new AnswerResult.Accepted(sdp.build());
    }

    /** Adds the answer to one offered stream, or returns why it must be rejected. */
    private static Optional<String> answerStream(SessionDescription offer, MediaDescription offered,
            List<MediaCapability> unused, SessionDescription.Builder sdp) {
        Optional<MediaCapability> match = unused.stream()
            .filter(c -> c.media().equals(offered.media()) && c.protocol().equalsIgnoreCase(offered.protocol()))
            .findFirst();
        if (match.isEmpty()) {
            return Optional.of("no local capability for this media type and protocol");
        }
        MediaCapability capability = match.get();
        List<Codec> common = intersect(offered, capability);
        if (common.stream().allMatch(c -> c.isTelephoneEvent() || c.isComfortNoise())) {
            return Optional.of("no common codec (offered " + describe(offered) + ")");
        }
        unused.remove(capability);
        MediaDescription.Builder m = MediaDescription.builder(offered.media(), capability.port(), offered.protocol());
        common.forEach(c -> m.addFormat(Integer.toString(c.payloadType())));
        // RFC 5888 §9.1: the answer keeps the offer's media identification.
        offered.mid().ifPresent(mid -> m.addAttribute(Attribute.of("mid", mid)));
        describeCodecs(m, common, capability.ptime());
        if (capability.rtcpMux() && offered.isRtcpMux()) {
            m.addAttribute(Attribute.of("rtcp-mux"));
        }
        // RFC 3264 §6.1: the answer mirrors the offer (sendonly -> recvonly, inactive -> inactive),
        // limited by what this side wants (its hold policy).
        Direction wanted = capability.direction();
        Direction offeredDirection = offer.direction(offered);
        m.addAttribute(Direction.of(offeredDirection.receives() && wanted.sends(),
            offeredDirection.sends() && wanted.receives()).toAttribute());
        sdp.addMedia(m.build());
        return Optional.empty();
    }

    /** The local codecs the offer also lists, in the offer's order under the offer's payload types. */
    private static List<Codec> intersect(MediaDescription offered, MediaCapability capability) {
        List<Codec> common = new ArrayList<>();
        for (String format : offered.formats()) {
            int payloadType = payloadType(format);
            if (payloadType < 0) {
                continue;
            }
            Optional<RtpMap> map = offered.rtpMap(payloadType).or(() -> Codec.staticPayloadType(payloadType));
            if (map.isEmpty()) {
                continue;
            }
            capability.codecs().stream().filter(c -> c.matches(map.get())).findFirst()
                .ifPresent(c -> common.add(c.withPayloadType(payloadType)));
        }
        return common;
    }

    private static int payloadType(String format) {
        if (format.isEmpty() || format.length() > 3 || !format.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int value = Integer.parseInt(format);
        return value <= 127 ? value : -1;
    }

    private static String describe(MediaDescription offered) {
        List<String> names = new ArrayList<>();
        for (String format : offered.formats()) {
            if (names.size() == MAX_FORMATS_IN_REASON) {
                names.add("...");
                break;
            }
            int pt = payloadType(format);
            Optional<RtpMap> map = pt < 0 ? Optional.empty() : offered.rtpMap(pt).or(() -> Codec.staticPayloadType(pt));
            names.add(map.map(r -> r.encoding() + '/' + r.clockRate()).orElse(format));
        }
        return String.join(" ", names);
    }

    /** A rejected answer stream: port 0, the offered media, protocol and formats (RFC 3264 §6). */
    private static MediaDescription rejected(MediaDescription offered) {
        MediaDescription.Builder m = MediaDescription.builder(offered.media(), 0, offered.protocol())
            .formats(offered.formats());
        offered.mid().ifPresent(mid -> m.addAttribute(Attribute.of("mid", mid)));
        return m.build();
    }

    private static void describeCodecs(MediaDescription.Builder m, List<Codec> codecs,
            OptionalInt ptime) {
        for (Codec codec : codecs) {
            m.addAttribute(Attribute.of("rtpmap", codec.rtpMap().toString()));
            codec.fmtp().ifPresent(f -> m.addAttribute(Attribute.of("fmtp", codec.payloadType() + " " + f)));
        }
        ptime.ifPresent(p -> m.addAttribute(Attribute.of("ptime", Integer.toString(p))));
    }

    private static SessionDescription.Builder sessionFor(LocalCapabilities local, long sessionId) {
        if (sessionId < 0) {
            throw new IllegalArgumentException("session id must be >= 0, was " + sessionId);
        }
        return SessionDescription.builder(Origin.of(local.username(), Long.toString(sessionId), sessionId,
                local.address()))
            .sessionName(local.sessionName())
            .connection(Connection.of(local.address()))
            .addTiming(Timing.UNBOUNDED);
    }

    /**
     * A new offer (or answer) in an existing session (RFC 3264 §8): {@code proposed} with the previous
     * origin, whose version is increased by one when anything else differs from {@code previous} and
     * kept when nothing does.
     */
    public static SessionDescription reoffer(SessionDescription previous, SessionDescription proposed) {
        SessionDescription same = proposed.toBuilder().origin(previous.origin()).build();
        if (same.equals(previous)) {
            return previous;
        }
        return proposed.toBuilder().origin(previous.origin().withVersionBumped()).build();
    }

    /**
     * A new offer that puts the peer on hold (RFC 3264 §8.4): each active stream that was sendrecv
     * becomes sendonly, one that was recvonly becomes inactive; the version goes up by one.
     */
    public static SessionDescription hold(SessionDescription previous) {
        return withDirections(previous, d -> Direction.of(d.sends(), false));
    }

    /** A new offer that resumes held streams: every active stream becomes sendrecv (RFC 3264 §8.4). */
    public static SessionDescription resume(SessionDescription previous) {
        return withDirections(previous, d -> Direction.SENDRECV);
    }

    private static SessionDescription withDirections(SessionDescription previous,
            UnaryOperator<Direction> change) {
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : previous.media()) {
            media.add(m.isRejected() ? m : m.toBuilder().direction(change.apply(previous.direction(m))).build());
        }
        // The media-level attributes now say it all; a session-level one would only confuse.
        List<Attribute> sessionAttributes = previous.attributes().stream()
            .filter(a -> !a.isProperty() || Direction.fromAttributeName(a.name()).isEmpty()).toList();
        return reoffer(previous, previous.toBuilder().attributes(sessionAttributes).media(media).build());
    }
}
