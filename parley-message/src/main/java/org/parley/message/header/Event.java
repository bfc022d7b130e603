package org.parley.message.header;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.message.Parameters;
import org.parley.message.SipParseException;
import org.parley.message.Syntax;

/**
 * An Event value (RFC 6665 §8.2.1, §7.2.1): {@code event-type *( SEMI event-param )} where
 * {@code event-type = event-package *( "." event-template )}, e.g. {@code presence.winfo;id=7}.
 *
 * <p>The event type is kept as written: RFC 6665 §8.2.1 compares it, and the "id" parameter,
 * byte by byte ({@link #matches(Event)}). Other parameters keep their order and spelling, values
 * as written. Immutable and thread-safe.
 *
 * @param type the event type: package and templates separated by dots
 * @param parameters the parameters, in order
 */
public record Event(String type, Parameters parameters) {
    private static final String EVENT = "Event";
    private static final String[] PACKAGES = {"presence", "dialog", "message-summary", "reg", "refer", "conference"};

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException when the type is not dot-separated token-nodot parts, or
     *     an "id" parameter is not a token
     */
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameters, "parameters");
        if (!isEventType(type)) {
            throw new IllegalArgumentException("event type must be token-nodot parts joined by '.', was \""
                    + type + "\"");
        }
        if (parameters.has("id") && !isId(parameters.getOrNull("id"))) {
            throw new IllegalArgumentException("Event id must be a token, was " + parameters.get("id")
                    .map(v -> "\"" + v + "\"").orElse("no value"));
        }
    }

    /** The event {@code type} without parameters. */
    public static Event of(String type) {
        return new Event(type, Parameters.EMPTY);
    }

    /**
     * Parses an Event value (also an element of Allow-Events, which has no parameters).
     *
     * @throws SipParseException (400 naming Event) when it does not follow the grammar
     */
    public static Event parse(String element) {
        HeaderScanner s = new HeaderScanner(EVENT, element);
        s.skipLws();
        String type = s.readToken("event type", PACKAGES);
        if (!isEventType(type)) {
            throw s.error("bad event type");
        }
        Parameters params = s.readParameters();
        s.expectEnd();
        if (params.has("id") && !isId(params.getOrNull("id"))) {
            throw s.error("id must be a token");
        }
        return new Event(type, params);
    }

    private static boolean isEventType(String type) {
        if (!Syntax.isToken(type)) {
            return false;
        }
        // RFC 6665 §8.2.1: token-nodot parts; no empty part before, between or after the dots.
        return type.charAt(0) != '.' && type.charAt(type.length() - 1) != '.' && !type.contains("..");
    }

    private static boolean isId(String id) {
        return id != null && Syntax.isToken(id);
    }

    /** The event package: the type up to the first dot ("presence" of "presence.winfo"). */
    public String eventPackage() {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** The event templates after the package, in order ("winfo" of "presence.winfo"). */
    public List<String> templates() {
        List<String> out = new ArrayList<>(2);
        int from = type.indexOf('.');
        while (from >= 0) {
            int next = type.indexOf('.', from + 1);
            out.add(type.substring(from + 1, next < 0 ? type.length() : next));
            from = next;
        }
        return List.copyOf(out);
    }

    /** The id parameter, which tells subscriptions in one dialog apart (RFC 6665 §8.2.1). */
    public Optional<String> id() {
        return parameters.get("id");
    }

    /** This event with the id parameter set. */
    public Event withId(String id) {
        return new Event(type, parameters.toBuilder().set("id", Checks.requireToken("Event id", id)).build());
    }

    /**
     * True when both name the same subscription (RFC 6665 §8.2.1): the event types are equal byte
     * by byte and so are the ids, or both have none. Other parameters do not count.
     */
    public boolean matches(Event other) {
        return type.equals(other.type) && Objects.equals(parameters.getOrNull("id"), other.parameters.getOrNull("id"));
    }

    /** The wire form: {@code type[;params]}. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? type : type + parameters;
    }
}
