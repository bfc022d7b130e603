package org.parley.testkit.sipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder's checks and the parsing of SIPp's trace files, without running SIPp. */
class SippTest {
    @Test
    void readsCallCountsFromTheLastStatLineByColumnName() {
        String stats = "StartTime;SuccessfulCall(C);FailedCall(C);\n"
                + "x;0;0;\n"
                + "y;7;2;\n";
        assertThat(SippResult.statColumn(stats, "SuccessfulCall(C)")).hasValue(7);
        assertThat(SippResult.statColumn(stats, "FailedCall(C)")).hasValue(2);
        assertThat(SippResult.statColumn("StartTime;SuccessfulCall(C);\n", "SuccessfulCall(C)")).isEmpty();
        assertThat(SippResult.statColumn("", "FailedCall(C)")).isEmpty();
    }

    @Test
    void readsCallCountsFromTheScreenWhenThereIsNoStatFile() {
        String screen = "  Successful call        |        0                  |        4         \n"
                + "  Failed call            |        1                  |        1         \n";
        assertThat(SippResult.screenCount(screen, "Successful")).isEqualTo(4);
        assertThat(SippResult.screenCount(screen, "Failed")).isEqualTo(1);
        assertThat(SippResult.screenCount("", "Failed")).isEqualTo(-1);
    }

    @Test
    void refusesAddressesOffLoopback() {
        assertThatThrownBy(() -> Sipp.builtIn("uac").remote(new InetSocketAddress("192.0.2.1", 5060)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> Sipp.builtIn("uac").local(new InetSocketAddress("192.0.2.1", 0).getAddress()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.1");
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> Sipp.builtIn("uac").calls(0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> Sipp.builtIn("uac").key("a b", "1")).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> Sipp.builtIn("uac").injection(List.of(List.of("a;b"))))
                .hasMessageContaining("a;b");
        assertThatThrownBy(() -> Sipp.resource("no-such.xml")).hasMessageContaining("/sipp/no-such.xml");
    }

    @Test
    void aFreePortIsFreeOnUdpAndTcp() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port = LocalPorts.free(loopback, 5);
        assertThat(port).isBetween(1, 65_535);
        assertThat(LocalPorts.isBound(org.parley.transport.Transport.UDP, loopback, port)).isFalse();
    }
}
