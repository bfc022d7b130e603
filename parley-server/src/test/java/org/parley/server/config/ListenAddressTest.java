package org.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.transport.Transport;

/** {@link ListenAddress} and {@link Durations}: the forms people write, and what they get for a mistake. */
class ListenAddressTest {
    @ParameterizedTest
    @CsvSource({
        "udp:0.0.0.0:5060, UDP, 0.0.0.0, 5060",
        "TCP:127.0.0.1:0, TCP, 127.0.0.1, 0",
        "tls:[::1]:5061, TLS, ::1, 5061",
        "ws:[2001:db8::7]:5066, WS, 2001:db8::7, 5066",
        "wss:10.0.0.1:65535, WSS, 10.0.0.1, 65535",
    })
    void parsesTransportHostAndPort(String text, String transport, String host, int port) {
        ListenAddress a = ListenAddress.parse(text);
        assertThat(a).isEqualTo(new ListenAddress(Transport.of(transport), host, port));
        assertThat(ListenAddress.parse(a.toString())).isEqualTo(a);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "udp:127.0.0.1        | expected TRANSPORT:HOST:PORT",
        "udp::1:5060          | must be in brackets",
        "sctp:127.0.0.1:5060  | transport must be udp, tcp, tls, ws or wss",
        "udp:example.com:5060 | host must be an IP address",
        "udp:127.0.0.1:65536  | port must be a number 0..65535",
        "udp:127.0.0.1:-1     | port must be a number 0..65535",
        "udp:256.1.1.1:5060   | host must be an IP address",
        ":127.0.0.1:5060      | expected TRANSPORT:HOST:PORT",
    })
    void refusesWhatIsNotAListener(String text, String message) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parsesAndFormatsHostPort() {
        InetSocketAddress v6 = ListenAddress.parseHostPort("[::1]:8080");
        assertThat(v6.getPort()).isEqualTo(8080);
        assertThat(ListenAddress.format(v6)).isEqualTo("[0:0:0:0:0:0:0:1]:8080");
        assertThat(ListenAddress.format(ListenAddress.parseHostPort("127.0.0.1:0"))).isEqualTo("127.0.0.1:0");
        assertThatThrownBy(() -> ListenAddress.parseHostPort("localhost:8080"))
                .hasMessageContaining("host must be an IP address");
        assertThatThrownBy(() -> ListenAddress.parseHostPort("8080")).hasMessageContaining("expected HOST:PORT");
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "32s, 32000", "3m, 180000", "1h, 3600000", "2d, 172800000", "0s, 0"})
    void parsesDurationsAndFormatsThemBack(String text, long millis) {
        Duration d = Durations.parse(text);
        assertThat(d.toMillis()).isEqualTo(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "1.5s", "-1s", "5 minutes", "", "PT5S", "9999999999s"})
    void refusesDurationsWithoutAUnitOrWhole(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Durations.EXPECTED);
    }

    @Test
    void theFirstListenReplacesTheDefaultsAndLaterOnesAdd() {
        ServerConfig c = ServerConfig.builder().listen("udp:127.0.0.1:0").listen("tcp:127.0.0.1:0").build();
        assertThat(c.listeners()).extracting(ListenAddress::toString)
                .containsExactly("udp:127.0.0.1:0", "tcp:127.0.0.1:0");
        assertThat(ServerConfig.defaults().listeners()).extracting(ListenAddress::toString)
                .containsExactly("udp:0.0.0.0:5060", "tcp:0.0.0.0:5060", "tls:0.0.0.0:5061", "ws:0.0.0.0:5066");
        assertThat(ServerConfig.defaults().dataDirectory()).hasToString("data");
        assertThat(ServerConfig.defaults().admin()).map(ListenAddress::format).contains("127.0.0.1:8080");
        assertThat(ServerConfig.defaults().needsCertificate()).isTrue();
        assertThat(c.needsCertificate()).isFalse();
    }

    @Test
    void aRelativeAccessLogIsInTheDataDirectoryAndAnAbsoluteOneWhereItSays() {
        ServerConfig c = ServerConfig.builder().dataDir(Path.of("/var/lib/parley")).build();
        assertThat(c.accessLogPath()).isEqualTo(Path.of("/var/lib/parley/access.log"));
        ServerConfig absolute = c.toBuilder().log(new LogConfig("INFO", true, Path.of("/var/log/parley/a.log")))
                .build();
        assertThat(absolute.accessLogPath()).isEqualTo(Path.of("/var/log/parley/a.log"));
    }
}
