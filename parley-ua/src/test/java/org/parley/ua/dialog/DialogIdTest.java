package org.parley.ua.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Dialog identifiers, RFC 3261 §12. */
class DialogIdTest {

    @Test
    void receivedRequestNamesLocalTagInToAndRemoteTagInFrom() {
        DialogId id = DialogId.ofReceivedRequest(Flows.inDialogToBob("INFO", 2, ""));

        assertThat(id).isEqualTo(new DialogId(Flows.CALL_ID, "314159", "9fxced76sl"));
    }

    @Test
    void receivedResponseNamesLocalTagInFromAndRemoteTagInTo() {
        DialogId id = DialogId.ofReceivedResponse(Flows.toAlice(200, "314159", "<sip:bob@x>"));

        assertThat(id).isEqualTo(new DialogId(Flows.CALL_ID, "9fxced76sl", "314159"));
    }

    @Test
    void refusesMessagesWithoutTagsAndEmptyParts() {
        assertThatThrownBy(() -> DialogId.ofReceivedRequest(Flows.bobInvite()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("To has no tag");
        assertThatThrownBy(() -> new DialogId("c", "", "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localTag");
        assertThatThrownBy(() -> new DialogId(null, "l", "r")).isInstanceOf(NullPointerException.class);
    }
}
