package org.parley.testkit.linphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LinphonecTest {
    @Test
    void writesAnRcFileOnLoopbackWithoutTcpOrTls() {
        String rc = Linphonec.builder().identity("sip:alice@example.test").rtpPorts(40_000, 40_009).rc(5070);

        assertThat(rc).contains("[sip]\n", "sip_port=5070\n", "sip_tcp_port=0\n", "sip_tls_port=0\n",
                "bind_address=127.0.0.1\n", "contact=<sip:alice@example.test>\n", "default_proxy=-1\n",
                "audio_rtp_port=40000-40009\n");
        assertThat(rc).doesNotContain("[proxy_0]", "[auth_info_0]");
    }

    @Test
    void writesTheProxyAndCredentialsWhenRegistering() {
        String rc = Linphonec.builder().identity("sip:alice@example.test")
                .proxy(new InetSocketAddress("127.0.0.1", 5060)).register(true).password("secret").rc(5070);

        assertThat(rc).contains("default_proxy=0\n", "[proxy_0]\n", "reg_proxy=<sip:127.0.0.1:5060;transport=udp>\n",
                "reg_route=<sip:127.0.0.1:5060;transport=udp;lr>\n", "reg_identity=<sip:alice@example.test>\n",
                "reg_sendregister=1\n", "[auth_info_0]\n", "username=alice\n", "passwd=secret\n");
        assertThat(Linphonec.builder().proxy(new InetSocketAddress("127.0.0.1", 5060)).rc(5070))
                .contains("reg_sendregister=0\n");
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> Linphonec.builder().identity("alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIP URI");
        assertThatThrownBy(() -> Linphonec.builder().proxy(new InetSocketAddress("192.0.2.1", 5060)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> Linphonec.builder().password("two words"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Linphonec.builder().register(true).start())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Linphonec.builder().executable("/nonexistent/linphonec").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(Linphonec.PACKAGE);
    }
}
