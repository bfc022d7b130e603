package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.message.Parameters;

class SipUriBuilderTest {

    @Test
    void writesBuiltUriCanonically() {
        SipUri uri = SipUri.builder()
                .secure(true)
                .user("alice")
                .password("pw")
                .host("[2001:db8::1]")
                .port(5061)
                .transport("tls")
                .looseRouter(true)
                .header("subject", "project%20x")
                .header("priority", "urgent")
                .build();

        assertThat(uri.toString()).isEqualTo("sips:alice:pw@[2001:db8::1]:5061;transport=tls;lr"
                + "?subject=project%20x&priority=urgent");
    }

    @Test
    void parsesBuiltUriBackToAnEqualUri() {
        SipUri built = SipUri.builder()
                .user(UriEscapes.encode("bob smith", UriEscapes.Component.USER))
                .host(Host.of("biloxi.example.com"))
                .parameter("maddr", "192.0.2.7")
                .parameter("ttl", "16")
                .parameter("method", "INVITE")
                .header("to", "sip:bob%40biloxi.com")
                .build();

        SipUri parsed = SipUri.parse(built.toString());

        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.toString()).isEqualTo(built.toString());
        assertThat(parsed.decodedUser()).contains("bob smith");
        assertThat(parsed.ttl()).hasValue(16);
    }

    @Test
    void givesBackTheParsedUriWhenNothingChanged() {
        SipUri parsed = SipUri.parse("SIP:Alice@AtLanTa.com;Transport=UDP");

        assertThat(parsed.toBuilder().build()).isSameAs(parsed);
    }

    @Test
    void rewritesCanonicallyOnceAComponentChanges() {
        SipUri parsed = SipUri.parse("SIP:Alice@AtLanTa.com:5060;Transport=UDP");

        SipUri changed = parsed.toBuilder().clearPort().looseRouter(true).build();

        assertThat(changed.toString()).isEqualTo("sip:Alice@AtLanTa.com;Transport=UDP;lr");
        assertThat(parsed.port()).hasValue(5060);
    }

    @Test
    void removesUserParametersAndHeaders() {
        SipUri parsed = SipUri.parse("sip:alice:pw@atlanta.com;lr;x=1?subject=a");

        SipUri changed = parsed.toBuilder().clearPassword().removeParameter("LR").removeHeader("subject").build();
        SipUri anonymous = changed.toBuilder().clearUser().parameters(Parameters.EMPTY).build();

        assertThat(changed.toString()).isEqualTo("sip:alice@atlanta.com;x=1");
        assertThat(anonymous.toString()).isEqualTo("sip:atlanta.com");
    }

    @Test
    void refusesBuildingWithoutHost() {
        assertThatThrownBy(() -> SipUri.builder().user("alice").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("host");
    }

    @Test
    void refusesComponentsThatBreakTheGrammar() {
        SipUri.Builder b = SipUri.builder().host("example.com");

        assertThatThrownBy(() -> b.port(65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> SipUri.builder().host("example.com").user("a@b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a@b");
        assertThatThrownBy(() -> SipUri.builder().host("example.com").user("").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipUri.builder().host("example.com").password("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a user");
        assertThatThrownBy(() -> SipUri.builder().host("example.com").parameter("ttl", "300").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> SipUri.builder().host("example.com").parameter("x", "a b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a b");
        assertThatThrownBy(() -> SipUri.builder().host("example.com").parameter("x", "").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipUri.builder().host("example.com").header("subject", "a&b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a&b");
        assertThatThrownBy(() -> SipUri.builder().host("example.com")
                .headers(Parameters.builder().flag("subject").build()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
