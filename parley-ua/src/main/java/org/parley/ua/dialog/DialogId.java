package org.parley.ua.dialog;

import java.util.Objects;
import java.util.Optional;
import org.parley.message.SipMessage;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;

/**
 * The identifier of a dialog (RFC 3261 §12): Call-ID, local tag and remote tag. Each side sees the
 * same dialog with local and remote swapped. Immutable value.
 *
 * @param callId the Call-ID, not empty
 * @param localTag this side's tag, not empty
 * @param remoteTag the peer's tag, not empty
 */
public record DialogId(String callId, String localTag, String remoteTag) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException when a part is empty
     * @throws NullPointerException when a part is null
     */
    public DialogId {
        requireText("callId", callId);
        requireText("localTag", localTag);
        requireText("remoteTag", remoteTag);
    }

    /**
     * The identifier a request received within a dialog names (RFC 3261 §12.2.2): local tag from To,
     * remote tag from From.
     *
     * @throws IllegalArgumentException when the request lacks a From or To tag
     */
    public static DialogId ofReceivedRequest(SipRequest request) {
        return new DialogId(request.callId(),
                tagOf(request.toTag(), "To", request),
                tagOf(request.fromTag(), "From", request));
    }

    /**
     * The identifier a response received by the UAC names (RFC 3261 §12.1.2): local tag from From,
     * remote tag from To.
     *
     * @throws IllegalArgumentException when the response lacks a From or To tag
     */
    public static DialogId ofReceivedResponse(SipResponse response) {
        return new DialogId(response.callId(),
                tagOf(response.fromTag(), "From", response),
                tagOf(response.toTag(), "To", response));
    }

    private static String tagOf(Optional<String> tag, String header, SipMessage message) {
        return tag.orElseThrow(() -> new IllegalArgumentException(header + " has no tag, so the message names no dialog"
                + " (RFC 3261 §12): " + message.startLine()));
    }

    private static void requireText(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
