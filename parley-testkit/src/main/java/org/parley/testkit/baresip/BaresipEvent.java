package org.parley.testkit.baresip;

import java.util.Map;
import java.util.Objects;

/**
 * One event baresip reported over {@code ctrl_tcp}, e.g. {@code CALL_ESTABLISHED} or
 * {@code REGISTER_OK}. Immutable.
 *
 * @param type the event type ({@code REGISTER_OK}, {@code REGISTER_FAIL}, {@code CALL_INCOMING},
 *        {@code CALL_RINGING}, {@code CALL_ESTABLISHED}, {@code CALL_CLOSED}, {@code CALL_RTPESTAB}, …)
 * @param accountAor the address of record of the account it concerns ("" when none)
 * @param direction {@code incoming} or {@code outgoing} for call events, else ""
 * @param peerUri the other party's URI for call events, else ""
 * @param callId baresip's id of the call (not the SIP Call-ID), "" when none
 * @param param the event's text: for {@code CALL_CLOSED} the reason, for {@code REGISTER_FAIL} the error
 * @param fields every member of the event as parsed (nested objects as maps)
 */
public record BaresipEvent(String type, String accountAor, String direction, String peerUri, String callId,
        String param, Map<String, Object> fields) {
    /** The types the launcher's waits use; baresip sends others too. */
    public static final String REGISTER_OK = "REGISTER_OK";
    /** Registration failed; {@link #param()} says why. */
    public static final String REGISTER_FAIL = "REGISTER_FAIL";
    /** An incoming call is ringing here. */
    public static final String CALL_INCOMING = "CALL_INCOMING";
    /** The call was answered (2xx sent or received and ACKed). */
    public static final String CALL_ESTABLISHED = "CALL_ESTABLISHED";
    /** The call ended; {@link #param()} says why. */
    public static final String CALL_CLOSED = "CALL_CLOSED";

    /** Checks the members are present; copies the fields. */
    public BaresipEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountAor, "accountAor");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peerUri, "peerUri");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(param, "param");
        fields = Map.copyOf(fields);
    }

    /** The event in a parsed {@code ctrl_tcp} message (one with {@code "event": true}). */
    static BaresipEvent of(Map<String, Object> message) {
        return new BaresipEvent(text(message, "type"), text(message, "accountaor"), text(message, "direction"),
                text(message, "peeruri"), text(message, "id"), text(message, "param"), message);
    }

    private static String text(Map<String, Object> message, String key) {
        Object v = message.get(key);
        return v instanceof String s ? s : "";
    }

    /** Whether this is an event of {@code eventType}. */
    public boolean is(String eventType) {
        return type.equals(eventType);
    }
}
