package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransportTest {
    @Test
    void lookupIgnoresCaseAndReturnsTheConstant() {
        assertThat(Transport.of("udp")).isSameAs(Transport.UDP);
        assertThat(Transport.of("Tls")).isSameAs(Transport.TLS);
        assertThat(Transport.of("wss")).isSameAs(Transport.WSS);
    }

    @Test
    void registeredTransportsHaveTheirRfcProperties() {
        assertThat(Transport.UDP.isReliable()).isFalse();
        assertThat(Transport.TCP.isReliable()).isTrue();
        assertThat(Transport.TLS.isSecure()).isTrue();
        assertThat(Transport.WSS.isSecure()).isTrue();
        assertThat(Transport.WS.isSecure()).isFalse();
        assertThat(Transport.UDP.defaultPort()).isEqualTo(5060);
        assertThat(Transport.SCTP.defaultPort()).isEqualTo(5060);
        assertThat(Transport.TLS.defaultPort()).isEqualTo(5061);
        assertThat(Transport.WS.defaultPort()).isEqualTo(80);
        assertThat(Transport.WSS.defaultPort()).isEqualTo(443);
    }

    @Test
    void unknownTokenBecomesANewUpperCaseTransport() {
        Transport t = Transport.of("dccp");

        assertThat(t.name()).isEqualTo("DCCP");
        assertThat(t).isEqualTo(Transport.of("DCCP")).hasToString("DCCP");
        assertThat(t.isReliable()).isFalse();
        assertThat(t.defaultPort()).isEqualTo(5060);
    }

    @Test
    void rejectsANameThatIsNotAToken() {
        assertThatThrownBy(() -> Transport.of("u dp"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("\"u dp\"");
        assertThatThrownBy(() -> Transport.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
