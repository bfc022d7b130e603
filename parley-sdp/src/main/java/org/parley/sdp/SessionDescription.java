package org.parley.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5): the session-level lines in the order the RFC fixes
 * ({@code v o s i u e p c b t r z k a}) and the media descriptions. Attributes keep their order and
 * raw values, unknown ones included. {@link #toString()} and {@link #toBytes()} write CRLF lines in that
 * order; for a well-formed CRLF description parsed by {@link SdpParser}, the bytes are the input's.
 *
 * <p>Immutable; change with {@link #toBuilder()}. Equality is equality of the serialized text.
 */
public final class SessionDescription {
    private final Origin origin;
    private final String sessionName;
    private final String info;
    private final String uri;
    private final List<String> emails;
    private final List<String> phones;
    private final Connection connection;
    private final List<Bandwidth> bandwidths;
    private final List<Timing> timings;
    private final String timeZones;
    private final String key;
    private final List<Attribute> attributes;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        origin = Objects.requireNonNull(b.origin, "origin");
        sessionName = Syntax.requireText(Objects.requireNonNull(b.sessionName, "sessionName"), "session name");
        info = b.info == null ? null : Syntax.requireText(b.info, "session information");
        uri = b.uri == null ? null : Syntax.requireText(b.uri, "uri");
        emails = List.copyOf(b.emails);
        emails.forEach(e -> Syntax.requireText(e, "email"));
        phones = List.copyOf(b.phones);
        phones.forEach(p -> Syntax.requireText(p, "phone"));
        connection = b.connection;
        bandwidths = List.copyOf(b.bandwidths);
        timings = List.copyOf(b.timings.isEmpty() ? List.of(Timing.UNBOUNDED) : b.timings);
        timeZones = b.timeZones == null ? null : Syntax.requireText(b.timeZones, "time zones");
        key = b.key == null ? null : Syntax.requireText(b.key, "key");
        attributes = List.copyOf(b.attributes);
        media = List.copyOf(b.media);
    }

    /** A builder for a description made by {@code origin}; the session name defaults to {@code "-"}. */
    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    /**
     * Parses a description with the default bounds of {@link SdpParser}.
     *
     * @throws SdpParseException naming the line and field of the first problem
     */
    public static SessionDescription parse(byte[] sdp) {
        return SdpParser.DEFAULT.parse(sdp);
    }

    /** Parses a description given as text (see {@link #parse(byte[])}). */
    public static SessionDescription parse(String sdp) {
        return SdpParser.DEFAULT.parse(sdp.getBytes(StandardCharsets.UTF_8));
    }

    /** A builder holding this description's fields. */
    public Builder toBuilder() {
        Builder b = new Builder(origin);
        b.sessionName = sessionName;
        b.info = info;
        b.uri = uri;
        b.emails.addAll(emails);
        b.phones.addAll(phones);
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.timings.addAll(timings);
        b.timeZones = timeZones;
        b.key = key;
        b.attributes.addAll(attributes);
        b.media.addAll(media);
        return b;
    }

    /** The protocol version, always 0 (RFC 8866 §5.1). */
    public int version() {
        return 0;
    }

    /** The {@code o=} line. */
    public Origin origin() {
        return origin;
    }

    /** The {@code s=} line. */
    public String sessionName() {
        return sessionName;
    }

    /** The session-level {@code i=} line. */
    public Optional<String> info() {
        return Optional.ofNullable(info);
    }

    /** The {@code u=} line. */
    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    /** The {@code e=} lines. */
    public List<String> emails() {
        return emails;
    }

    /** The {@code p=} lines. */
    public List<String> phones() {
        return phones;
    }

    /** The session-level {@code c=} line. */
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    /** The session-level {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The time descriptions, at least one. */
    public List<Timing> timings() {
        return timings;
    }

    /** The {@code z=} line, kept as written. */
    public Optional<String> timeZones() {
        return Optional.ofNullable(timeZones);
    }

    /** The obsolete session-level {@code k=} line (RFC 8866 §5.12), kept as written. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The session-level attributes, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The value of the first session-level attribute named {@code name}. */
    public Optional<String> attribute(String name) {
        return Attributes.first(attributes, name);
    }

    /** The media descriptions, in order. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The session-level direction attribute, if any. */
    public Optional<Direction> direction() {
        return Attributes.direction(attributes);
    }

    /**
     * The direction in effect for {@code m}: its own attribute, else the session's, else sendrecv
     * (RFC 8866 §6.7, RFC 3264 §5.1).
     */
    public Direction direction(MediaDescription m) {
        return m.direction().or(this::direction).orElse(Direction.SENDRECV);
    }

    /** The connection in effect for {@code m}: its first own {@code c=}, else the session's (RFC 8866 §5.7). */
    public Optional<Connection> connection(MediaDescription m) {
        return m.connections().isEmpty() ? connection() : Optional.of(m.connections().get(0));
    }

    /** The {@code a=group} values (RFC 5888). */
    public List<Group> groups() {
        return Attributes.parseAll(attributes, "group", Group::parse);
    }

    /** The {@code a=setup} session default (RFC 4145). */
    public Optional<Setup> setup() {
        return attribute("setup").map(Setup::parse);
    }

    /** The session-level {@code a=fingerprint} values (RFC 8122). */
    public List<Fingerprint> fingerprints() {
        return Attributes.parseAll(attributes, "fingerprint", Fingerprint::parse);
    }

    static void line(StringBuilder out, char type, String value) {
        out.append(type).append('=').append(value).append("\r\n");
    }

    /** The description as SDP text: CRLF lines in RFC 8866 §5 order. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(512);
        line(out, 'v', "0");
        line(out, 'o', origin.toString());
        line(out, 's', sessionName);
        if (info != null) {
            line(out, 'i', info);
        }
        if (uri != null) {
            line(out, 'u', uri);
        }
        emails.forEach(e -> line(out, 'e', e));
        phones.forEach(p -> line(out, 'p', p));
        if (connection != null) {
            line(out, 'c', connection.toString());
        }
        bandwidths.forEach(b -> line(out, 'b', b.toString()));
        for (Timing t : timings) {
            line(out, 't', t.timeLine());
            t.repeats().forEach(r -> line(out, 'r', r));
        }
        if (timeZones != null) {
            line(out, 'z', timeZones);
        }
        if (key != null) {
            line(out, 'k', key);
        }
        attributes.forEach(a -> line(out, 'a', a.toString()));
        media.forEach(m -> m.appendTo(out));
        return out.toString();
    }

    /** The description as UTF-8 bytes (RFC 8866 §5: UTF-8 unless {@code a=charset} says otherwise). */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && s.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Collects the fields of a {@link SessionDescription}; confined to one thread. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = "-";
        private String info;
        private String uri;
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>();
        private String timeZones;
        private String key;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = origin;
        }

        /** Sets the origin. */
        public Builder origin(Origin value) {
            this.origin = value;
            return this;
        }

        /** Sets the session name ({@code "-"} by default; RFC 8866 §5.3 wants it non-empty). */
        public Builder sessionName(String value) {
            this.sessionName = value;
            return this;
        }

        /** Sets the {@code i=} line, or null for none. */
        public Builder info(String value) {
            this.info = value;
            return this;
        }

        /** Sets the {@code u=} line, or null for none. */
        public Builder uri(String value) {
            this.uri = value;
            return this;
        }

        /** Appends an {@code e=} line. */
        public Builder addEmail(String value) {
            emails.add(Objects.requireNonNull(value, "email"));
            return this;
        }

        /** Appends a {@code p=} line. */
        public Builder addPhone(String value) {
            phones.add(Objects.requireNonNull(value, "phone"));
            return this;
        }

        /** Sets the session-level {@code c=} line, or null for none. */
        public Builder connection(Connection value) {
            this.connection = value;
            return this;
        }

        /** Appends a {@code b=} line. */
        public Builder addBandwidth(Bandwidth value) {
            bandwidths.add(Objects.requireNonNull(value, "bandwidth"));
            return this;
        }

        /** Appends a time description; with none, {@code t=0 0} is written. */
        public Builder addTiming(Timing value) {
            timings.add(Objects.requireNonNull(value, "timing"));
            return this;
        }

        /** Sets the {@code z=} line, or null for none. */
        public Builder timeZones(String value) {
            this.timeZones = value;
            return this;
        }

        /** Sets the {@code k=} line, or null for none. */
        public Builder key(String value) {
            this.key = value;
            return this;
        }

        /** Appends a session-level attribute. */
        public Builder addAttribute(Attribute value) {
            attributes.add(Objects.requireNonNull(value, "attribute"));
            return this;
        }

        /** Replaces the session-level attributes. */
        public Builder attributes(List<Attribute> values) {
            attributes.clear();
            attributes.addAll(values);
            return this;
        }

        /** Appends a media description. */
        public Builder addMedia(MediaDescription value) {
            media.add(Objects.requireNonNull(value, "media"));
            return this;
        }

        /** Replaces the media descriptions. */
        public Builder media(List<MediaDescription> values) {
            media.clear();
            media.addAll(values);
            return this;
        }

        /**
         * Builds the description.
         *
         * @throws IllegalArgumentException naming the first bad field
         */
        public SessionDescription build() {
            return new SessionDescription(this);
        }
    }
}
