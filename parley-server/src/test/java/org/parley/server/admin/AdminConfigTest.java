package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@link AdminConfig#parse}: HOST:PORT, IPv6 in brackets, errors that quote the value. */
class AdminConfigTest {
    @Test
    void parsesIpv4AndBracketedIpv6() {
        assertThat(AdminConfig.parse("127.0.0.1:8080").address()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(AdminConfig.parse("[::1]:0").address()).isEqualTo(new InetSocketAddress("::1", 0));
        assertThat(AdminConfig.DEFAULT.address().getPort()).isEqualTo(8080);
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        assertThatThrownBy(() -> AdminConfig.parse("8080")).hasMessageContaining("HOST:PORT").hasMessageContaining(
                "\"8080\"");
        assertThatThrownBy(() -> AdminConfig.parse("127.0.0.1:")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> AdminConfig.parse("127.0.0.1:70000")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> AdminConfig.parse("127.0.0.1:http")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> AdminConfig.parse("::1:8080")).hasMessageContaining("brackets");
    }
}
