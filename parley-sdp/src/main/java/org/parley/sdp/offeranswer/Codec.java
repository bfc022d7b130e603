package org.parley.sdp.offeranswer;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.sdp.RtpMap;

/**
 * A codec a user agent supports: the payload type it offers it with, its encoding name, clock rate,
 * channels and optional fmtp parameters. Two codecs match when encoding (ignoring case), clock rate and
 * channels agree; payload type numbers do not matter, since dynamic ones (96-127) are chosen by the
 * offerer (RFC 3264 §6.1). Immutable.
 *
 * @param payloadType the RTP payload type used in offers, 0..127
 * @param encoding the encoding name, e.g. {@code PCMU}
 * @param clockRate the clock rate in Hz
 * @param channels the number of channels, >= 1
 * @param fmtp the format parameters written in {@code a=fmtp}, if any
 */
public record Codec(int payloadType, String encoding, int clockRate, int channels, Optional<String> fmtp) {
    /** G.711 µ-law, static payload type 0 (RFC 3551 §6). */
    public static final Codec PCMU = of(0, "PCMU", 8000);
    /** G.711 A-law, static payload type 8 (RFC 3551 §6). */
    public static final Codec PCMA = of(8, "PCMA", 8000);
    /** G.722, static payload type 9 with its RFC 3551 §4.5.2 clock rate of 8000. */
    public static final Codec G722 = of(9, "G722", 8000);
    /** DTMF events (RFC 4733 §7.1.1) on payload type 101, events 0-16. */
    public static final Codec TELEPHONE_EVENT = of(101, "telephone-event", 8000).withFmtp("0-16");

    /** Checks the ranges; the RtpMap constructor checks the encoding name. */
    public Codec {
        // The rtpmap's constructor holds the payload type, encoding name and clock rate rules.
        new RtpMap(payloadType, encoding, clockRate, OptionalInt.of(Math.max(channels, 1)));
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        }
        Objects.requireNonNull(fmtp, "fmtp");
    }

    /** A mono codec without format parameters. */
    public static Codec of(int payloadType, String encoding, int clockRate) {
        return new Codec(payloadType, encoding, clockRate, 1, Optional.empty());
    }

    /** The same codec with these format parameters. */
    public Codec withFmtp(String parameters) {
        return new Codec(payloadType, encoding, clockRate, channels, Optional.of(parameters));
    }

    /** The same codec offered under another payload type (an offerer's dynamic number, RFC 3264 §6.1). */
    public Codec withPayloadType(int number) {
        return new Codec(number, encoding, clockRate, channels, fmtp);
    }

    /** Whether {@code map} names this codec: same encoding ignoring case, clock rate and channel count. */
    public boolean matches(RtpMap map) {
        return map.encoding().equalsIgnoreCase(encoding) && map.clockRate() == clockRate
            && map.channelCount() == channels;
    }

    /** Whether this is the RFC 4733 telephone-event format, which carries no audio of its own. */
    public boolean isTelephoneEvent() {
        return "telephone-event".equals(encoding.toLowerCase(Locale.ROOT));
    }

    /** Whether this is comfort noise (RFC 3389), which carries no audio of its own either. */
    public boolean isComfortNoise() {
        return "cn".equals(encoding.toLowerCase(Locale.ROOT));
    }

    /** The rtpmap that describes this codec; channels are written only when more than one. */
    public RtpMap rtpMap() {
        return new RtpMap(payloadType, encoding, clockRate, channels > 1 ? OptionalInt.of(channels)
            : OptionalInt.empty());
    }

    /**
     * The meaning of a static payload type of RFC 3551 §6 Table 4, for offers that list one without an
     * rtpmap (RFC 8866 §6.6 allows that).
     */
    public static Optional<RtpMap> staticPayloadType(int payloadType) {
        String encoding = switch (payloadType) {
            case 0 -> "PCMU";
            case 3 -> "GSM";
            case 4 -> "G723";
            case 8 -> "PCMA";
            case 9 -> "G722";
            case 13 -> "CN";
            case 18 -> "G729";
            default -> null;
        };
        return encoding == null ? Optional.empty()
            : Optional.of(new RtpMap(payloadType, encoding, 8000, OptionalInt.empty()));
    }
}
