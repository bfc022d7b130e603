package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class CredentialsTest {

    private static final String RFC3261_EXAMPLE = "Digest username=\"bob\", realm=\"biloxi.com\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, "
            + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
            + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    @Test
    void parsesDigestCredentials() {
        Credentials c = Credentials.parse(RFC3261_EXAMPLE);

        assertThat(c.isDigest()).isTrue();
        assertThat(c.username()).contains("bob");
        assertThat(c.realm()).contains("biloxi.com");
        assertThat(c.nonce()).contains("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(c.uri()).contains("sip:bob@biloxi.com");
        assertThat(c.qop()).contains("auth");
        assertThat(c.nc()).contains("00000001");
        assertThat(c.nonceCount()).hasValue(1);
        assertThat(c.cnonce()).contains("0a4f113b");
        assertThat(c.response()).contains("6629fae49393a05397450978507c4ef1");
        assertThat(c.opaque()).contains("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(c.algorithm()).isEmpty();
        assertThat(c).hasToString(RFC3261_EXAMPLE);
    }

    @Test
    void writesDigestParametersWithTheQuotingOfRfc7616() {
        Credentials c = Credentials.parse("Digest username=bob, uri=\"sip:b@c\", qop=\"auth\", nc=\"0000000a\", "
                + "algorithm=\"SHA-512-256\", response=abc, userhash=\"false\"");

        assertThat(c).hasToString("Digest username=\"bob\", uri=\"sip:b@c\", qop=auth, nc=0000000a, "
                + "algorithm=SHA-512-256, response=\"abc\", userhash=false");
        assertThat(c.nonceCount()).hasValue(10);
    }

    @Test
    void parsesAnUnknownSchemeUnchanged() {
        // RFC 4475 §3.3.7 regaut01
        Credentials c = Credentials.parse("NoOneKnowsThisScheme opaque-data=here");

        assertThat(c.scheme()).isEqualTo("NoOneKnowsThisScheme");
        assertThat(c.isDigest()).isFalse();
        assertThat(c.param("opaque-data")).contains("here");
        assertThat(c.username()).isEmpty();
        assertThat(c).hasToString("NoOneKnowsThisScheme opaque-data=here");
    }

    @Test
    void parsesBasicCredentialsAsAToken68() {
        Credentials c = Credentials.parse("Proxy-Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");

        assertThat(c.token68()).contains("QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(c.paramNames()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0000001", "000000001", "0000000g"})
    void rejectsADigestNonceCountThatIsNotEightHexDigits(String nc) {
        assertBad(() -> Credentials.parse("Digest username=\"bob\", nc=" + nc), "Authorization",
                "nc must be 8 hex digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Digest username", "Digest username=\"bob\",", "Digest username=\"bob",
        "Digest a=1, A=2", "Digest a=1;b=2"})
    void rejectsMalformedCredentials(String value) {
        assertThatThrownBy(() -> Credentials.parse("Proxy-Authorization", value))
                .isInstanceOfSatisfying(SipParseException.class,
                    e -> assertThat(e.reasonPhrase()).startsWith("Bad Proxy-Authorization - "));
    }

    @Test
    void buildsDigestCredentialsThatParseBack() {
        Credentials c = Credentials.builder("Digest").username("bob").realm("biloxi.com")
                .nonce("dcd98b7102dd2f0e8b11d0f600bfb0c093").uri("sip:bob@biloxi.com").qop("auth").nc(1)
                .cnonce("0a4f113b").response("6629fae49393a05397450978507c4ef1")
                .opaque("5ccc069c403ebaf9f0171e9517f40e41").build();

        assertThat(c).hasToString(RFC3261_EXAMPLE);
        assertThat(Credentials.parse(c.toString())).isEqualTo(c).hasSameHashCodeAs(c);
    }

    @Test
    void writesTheNonceCountAsEightLowerCaseHexDigits() {
        Credentials c = Credentials.builder("Digest").nc(0xABCL).algorithm("SHA-256").build();

        assertThat(c.nc()).contains("00000abc");
        assertThat(c).hasToString("Digest nc=00000abc, algorithm=SHA-256");
    }

    @Test
    void changesCredentialsThroughTheirBuilder() {
        Credentials c = Credentials.parse(RFC3261_EXAMPLE);

        Credentials next = c.toBuilder().nc(2).param("opaque", null).build();

        assertThat(next.nc()).contains("00000002");
        assertThat(next.opaque()).isEmpty();
        assertThat(c.nc()).contains("00000001");
    }

    @Test
    void refusesBadBuilderArguments() {
        Credentials.Builder b = Credentials.builder("Digest");

        assertThatThrownBy(() -> b.nc(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Credentials nc must be 1..2^32-1, was 0");
        assertThatThrownBy(() -> b.qop("auth int")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Credentials qop must be a token, was \"auth int\"");
        assertThatThrownBy(() -> b.username("a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain CR or LF");
        assertThatThrownBy(() -> b.param("bad name", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Credentials parameter name must be a token, was \"bad name\"");
    }

    @Test
    void comparesSchemesIgnoringCaseAndValuesByTheirText() {
        assertThat(Credentials.parse("digest username=bob"))
                .isEqualTo(Credentials.parse("Digest username=\"bob\""))
                .hasSameHashCodeAs(Credentials.parse("Digest username=\"bob\""))
                .isNotEqualTo(Credentials.parse("Digest username=\"Bob\""));
    }
}
