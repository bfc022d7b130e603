package org.parley.sdp.offeranswer;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.parley.sdp.Direction;
import org.parley.sdp.MediaDescription;

/**
 * What a user agent can do for one stream: media type, transport protocol, local port, codecs in
 * preference order, the direction it wants (its hold policy: {@link Direction#SENDONLY} while holding)
 * and optional ptime and rtcp-mux support. Immutable.
 *
 * @param media the media type, e.g. {@code audio}
 * @param protocol the transport protocol, e.g. {@code RTP/AVP}
 * @param port the local RTP port, 1..65535
 * @param codecs the codecs, most preferred first, at least one
 * @param direction the local direction
 * @param ptime the packetization time to ask for (RFC 8866 §6.4), if any
 * @param rtcpMux whether RTP and RTCP may share the port (RFC 5761)
 */
public record MediaCapability(String media, String protocol, int port, List<Codec> codecs, Direction direction,
        OptionalInt ptime, boolean rtcpMux) {
    /** Checks the fields and copies the codec list. */
    public MediaCapability {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("a media capability needs at least one codec");
        }
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(ptime, "ptime");
    }

    /** Audio over RTP/AVP on {@code port}, sendrecv, with these codecs, no ptime and no rtcp-mux. */
    public static MediaCapability audio(int port, Codec... codecs) {
        return new MediaCapability(MediaDescription.AUDIO, MediaDescription.RTP_AVP, port, List.of(codecs),
            Direction.SENDRECV, OptionalInt.empty(), false);
    }

    /** The same capability with another direction (e.g. sendonly to hold, RFC 3264 §8.4). */
    public MediaCapability withDirection(Direction value) {
        return new MediaCapability(media, protocol, port, codecs, value, ptime, rtcpMux);
    }

    /** The same capability asking for {@code milliseconds} per packet. */
    public MediaCapability withPtime(int milliseconds) {
        return new MediaCapability(media, protocol, port, codecs, direction, OptionalInt.of(milliseconds), rtcpMux);
    }

    /** The same capability with rtcp-mux support on or off. */
    public MediaCapability withRtcpMux(boolean value) {
        return new MediaCapability(media, protocol, port, codecs, direction, ptime, value);
    }
}
