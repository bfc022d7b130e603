package org.parley.testkit.baresip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CtrlTcpTest {
    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNetstringsOneAfterAnother() throws IOException {
        InputStream in = in("5:hello,0:,2:{},");

        assertThat(CtrlTcp.frame(in)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("hello"));
        assertThat(CtrlTcp.frame(in)).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(CtrlTcp.frame(in)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("{}"));
        assertThat(CtrlTcp.frame(in)).isEmpty();
    }

    @Test
    void refusesBadFramesClearly() {
        assertThatThrownBy(() -> CtrlTcp.frame(in("5:hell"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 bytes announced, 4 read");
        assertThatThrownBy(() -> CtrlTcp.frame(in("5:hello;"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instead of ','");
        assertThatThrownBy(() -> CtrlTcp.frame(in("x:"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a digit");
        assertThatThrownBy(() -> CtrlTcp.frame(in(":"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no length");
        assertThatThrownBy(() -> CtrlTcp.frame(in("12"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the end");
    }

    @Test
    void refusesAFrameOverTheLimitBeforeReadingIt() {
        assertThatThrownBy(() -> CtrlTcp.frame(in((CtrlTcp.MAX_FRAME + 1) + ":")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> CtrlTcp.frame(in("999999999999:"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventKeepsItsMembers() {
        BaresipEvent e = BaresipEvent.of(Map.of("event", true, "type", "CALL_CLOSED", "accountaor", "sip:a@x",
                "direction", "incoming", "peeruri", "sip:b@y", "id", "abc", "param", "Connection reset by peer"));

        assertThat(e.is(BaresipEvent.CALL_CLOSED)).isTrue();
        assertThat(e).extracting(BaresipEvent::accountAor, BaresipEvent::direction, BaresipEvent::peerUri,
                BaresipEvent::callId, BaresipEvent::param)
                .containsExactly("sip:a@x", "incoming", "sip:b@y", "abc", "Connection reset by peer");
        assertThat(BaresipEvent.of(Map.of("event", true)).type()).isEmpty();
    }
}
