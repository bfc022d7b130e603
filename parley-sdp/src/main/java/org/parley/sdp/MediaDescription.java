package org.parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A media description (RFC 8866 §5.14): the {@code m=} line and the {@code i=}, {@code c=}, {@code b=},
 * {@code k=} and {@code a=} lines under it. Attributes keep their order and raw values; the typed
 * accessors ({@link #rtpMaps()}, {@link #direction()}, ...) parse on each read and throw
 * {@link SdpParseException} when a value breaks its grammar. Immutable; change with {@link #toBuilder()}.
 */
public final class MediaDescription {
    /** Audio media type. */
    public static final String AUDIO = "audio";
    /** Video media type. */
    public static final String VIDEO = "video";
    /** RTP over UDP with the AV profile (RFC 3551). */
    public static final String RTP_AVP = "RTP/AVP";
    /** Secure RTP (RFC 3711). */
    public static final String RTP_SAVP = "RTP/SAVP";
    /** DTLS-SRTP with feedback, as WebRTC uses (RFC 5764 §8). */
    public static final String UDP_TLS_RTP_SAVPF = "UDP/TLS/RTP/SAVPF";

    private final String media;
    private final int port;
    private final int portCount;
    private final String protocol;
    private final List<String> formats;
    private final String info;
    private final List<Connection> connections;
    private final List<Bandwidth> bandwidths;
    private final String key;
    private final List<Attribute> attributes;

    private MediaDescription(Builder b) {
        media = Syntax.requireToken(b.media, "media type");
        if (b.port < 0 || b.port > 65535) {
            throw new IllegalArgumentException("media port must be 0..65535, was " + b.port);
        }
        if (b.portCount == 0 || b.portCount < -1) {
            throw new IllegalArgumentException("media port count must be >= 1, was " + b.portCount);
        }
        port = b.port;
        portCount = b.portCount;
        for (String part : Objects.requireNonNull(b.protocol, "protocol").split("/", -1)) {
            Syntax.requireToken(part, "media protocol part");
        }
        protocol = b.protocol;
        formats = List.copyOf(b.formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a media description needs at least one format (RFC 8866 §5.14)");
        }
        for (String f : formats) {
            Syntax.requireToken(f, "media format");
        }
        info = b.info == null ? null : Syntax.requireText(b.info, "media information");
        connections = List.copyOf(b.connections);
        bandwidths = List.copyOf(b.bandwidths);
        key = b.key == null ? null : Syntax.requireText(b.key, "media key");
        attributes = List.copyOf(b.attributes);
    }

    /** A builder for an {@code m=} line of {@code media} on {@code port} with {@code protocol}. */
    public static Builder builder(String media, int port, String protocol) {
        return new Builder(media, port, protocol);
    }

    /** A builder holding this description's fields. */
    public Builder toBuilder() {
        Builder b = new Builder(media, port, protocol);
        b.portCount = portCount;
        b.formats.addAll(formats);
        b.info = info;
        b.connections.addAll(connections);
        b.bandwidths.addAll(bandwidths);
        b.key = key;
        b.attributes.addAll(attributes);
        return b;
    }

    /** The media type: audio, video, text, application, message or an extension token. */
    public String media() {
        return media;
    }

    /** The transport port; 0 marks a rejected or disabled stream (RFC 3264 §5.1, §6). */
    public int port() {
        return port;
    }

    /** The number of ports ({@code m=audio 49170/2 ...}), if given. */
    public OptionalInt portCount() {
        return portCount < 0 ? OptionalInt.empty() : OptionalInt.of(portCount);
    }

    /** The transport protocol, e.g. {@code RTP/AVP}. */
    public String protocol() {
        return protocol;
    }

    /** The formats (payload types for RTP), in the preference order the writer gave. */
    public List<String> formats() {
        return formats;
    }

    /** The {@code i=} line. */
    public Optional<String> info() {
        return Optional.ofNullable(info);
    }

    /** The media-level {@code c=} lines (several only for multicast). */
    public List<Connection> connections() {
        return connections;
    }

    /** The {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The obsolete {@code k=} line (RFC 8866 §5.12), kept as written. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** All attributes, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The value of the first attribute named {@code name} (empty string for a property attribute). */
    public Optional<String> attribute(String name) {
        return Attributes.first(attributes, name);
    }

    /** Whether a stream is rejected or disabled: port 0 (RFC 3264 §5.1). */
    public boolean isRejected() {
        return port == 0;
    }

    /** The {@code a=rtpmap} values, in order. */
    public List<RtpMap> rtpMaps() {
        return Attributes.parseAll(attributes, "rtpmap", RtpMap::parse);
    }

    /** The rtpmap of {@code payloadType}, if there is one. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        return rtpMaps().stream().filter(m -> m.payloadType() == payloadType).findFirst();
    }

    /** The {@code a=fmtp} values, in order. */
    public List<Fmtp> fmtps() {
        return Attributes.parseAll(attributes, "fmtp", Fmtp::parse);
    }

    /** The fmtp of {@code format}, if there is one. */
    public Optional<Fmtp> fmtp(String format) {
        return fmtps().stream().filter(f -> f.format().equals(format)).findFirst();
    }

    /** The {@code a=ptime} in milliseconds (RFC 8866 §6.4). */
    public OptionalInt ptime() {
        return milliseconds("ptime");
    }

    /** The {@code a=maxptime} in milliseconds (RFC 8866 §6.5). */
    public OptionalInt maxptime() {
        return milliseconds("maxptime");
    }

    private OptionalInt milliseconds(String name) {
        Optional<String> value = attribute(name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        // RFC 8866 §6.4 allows a decimal fraction; whole milliseconds are kept.
        String v = value.get();
        int dot = v.indexOf('.');
        String whole = dot < 0 ? v : v.substring(0, dot);
        long ms = Syntax.number(whole, 6);
        if (ms <= 0 || (dot >= 0 && !Syntax.isDigits(v.substring(dot + 1)))) {
            throw SdpParseException.badValue(name, "expected milliseconds, got \"" + v + "\"");
        }
        return OptionalInt.of((int) ms);
    }

    /** The media-level direction attribute, if any (see {@link SessionDescription#direction(MediaDescription)}). */
    public Optional<Direction> direction() {
        return Attributes.direction(attributes);
    }

    /** The {@code a=rtcp} attribute (RFC 3605). */
    public Optional<Rtcp> rtcp() {
        return attribute("rtcp").map(Rtcp::parse);
    }

    /** Whether RTP and RTCP share one port, {@code a=rtcp-mux} (RFC 5761 §5.1.1). */
    public boolean isRtcpMux() {
        return Attributes.has(attributes, "rtcp-mux");
    }

    /** The media identification {@code a=mid} (RFC 5888 §4). */
    public Optional<String> mid() {
        return attribute("mid");
    }

    /** The {@code a=setup} role (RFC 4145). */
    public Optional<Setup> setup() {
        return attribute("setup").map(Setup::parse);
    }

    /** The {@code a=fingerprint} values (RFC 8122). */
    public List<Fingerprint> fingerprints() {
        return Attributes.parseAll(attributes, "fingerprint", Fingerprint::parse);
    }

    /** The {@code a=crypto} values (RFC 4568). */
    public List<Crypto> cryptos() {
        return Attributes.parseAll(attributes, "crypto", Crypto::parse);
    }

    /** The {@code a=candidate} values (RFC 8839). */
    public List<Candidate> candidates() {
        return Attributes.parseAll(attributes, "candidate", Candidate::parse);
    }

    /** The value of the {@code m=} line. */
    public String mediaLine() {
        StringBuilder s = new StringBuilder(media).append(' ').append(port);
        if (portCount >= 0) {
            s.append('/').append(portCount);
        }
        s.append(' ').append(protocol);
        for (String f : formats) {
            s.append(' ').append(f);
        }
        return s.toString();
    }

    void appendTo(StringBuilder out) {
        SessionDescription.line(out, 'm', mediaLine());
        if (info != null) {
            SessionDescription.line(out, 'i', info);
        }
        for (Connection c : connections) {
            SessionDescription.line(out, 'c', c.toString());
        }
        for (Bandwidth b : bandwidths) {
            SessionDescription.line(out, 'b', b.toString());
        }
        if (key != null) {
            SessionDescription.line(out, 'k', key);
        }
        for (Attribute a : attributes) {
            SessionDescription.line(out, 'a', a.toString());
        }
    }

    /** The lines of this media description, each ending in CRLF. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendTo(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && m.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Collects the fields of a {@link MediaDescription}; confined to one thread. */
    public static final class Builder {
        private String media;
        private int port;
        private int portCount = -1;
        private String protocol;
        private final List<String> formats = new ArrayList<>();
        private String info;
        private final List<Connection> connections = new ArrayList<>();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private String key;
        private final List<Attribute> attributes = new ArrayList<>();

        private Builder(String media, int port, String protocol) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
        }

        /** Sets the media type. */
        public Builder media(String value) {
            this.media = value;
            return this;
        }

        /** Sets the port (0 rejects the stream). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Sets the number of ports, or -1 for none written. */
        public Builder portCount(int value) {
            this.portCount = value;
            return this;
        }

        /** Sets the protocol. */
        public Builder protocol(String value) {
            this.protocol = value;
            return this;
        }

        /** Appends a format. */
        public Builder addFormat(String format) {
            formats.add(Objects.requireNonNull(format, "format"));
            return this;
        }

        /** Replaces the formats. */
        public Builder formats(List<String> values) {
            formats.clear();
            formats.addAll(values);
            return this;
        }

        /** Sets the {@code i=} line, or null for none. */
        public Builder info(String value) {
            this.info = value;
            return this;
        }

        /** Appends a {@code c=} line. */
        public Builder addConnection(Connection connection) {
            connections.add(Objects.requireNonNull(connection, "connection"));
            return this;
        }

        /** Removes every {@code c=} line. */
        public Builder clearConnections() {
            connections.clear();
            return this;
        }

        /** Appends a {@code b=} line. */
        public Builder addBandwidth(Bandwidth bandwidth) {
            bandwidths.add(Objects.requireNonNull(bandwidth, "bandwidth"));
            return this;
        }

        /** Sets the {@code k=} line, or null for none. */
        public Builder key(String value) {
            this.key = value;
            return this;
        }

        /** Appends an attribute. */
        public Builder addAttribute(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        /** Replaces the attributes. */
        public Builder attributes(List<Attribute> values) {
            attributes.clear();
            attributes.addAll(values);
            return this;
        }

        /** Replaces any direction attribute with {@code direction}, in the first one's place. */
        public Builder direction(Direction direction) {
            List<Attribute> updated = Attributes.withDirection(attributes, direction);
            attributes.clear();
            attributes.addAll(updated);
            return this;
        }

        /**
         * Builds the description.
         *
         * @throws IllegalArgumentException naming the first bad field
         */
        public MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
