package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.message.header.ParseErrors.assertBad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

class ChallengeTest {

    @Test
    void parsesADigestChallengeAsOneValue() {
        Challenge c = Challenge.parse("Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\",\r\n"
                + "  qop=\"auth, auth-int\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE,\r\n"
                + "  algorithm=SHA-256");

        assertThat(c.scheme()).isEqualTo("Digest");
        assertThat(c.isDigest()).isTrue();
        assertThat(c.realm()).contains("atlanta.com");
        assertThat(c.domain()).contains("sip:boxesbybob.com");
        assertThat(c.nonce()).contains("f84f1cec41e6cbe5aea9c8e88d359");
        assertThat(c.opaque()).contains("");
        assertThat(c.algorithm()).contains("SHA-256");
        assertThat(c.qopOptions()).containsExactly("auth", "auth-int");
        assertThat(c.isStale()).isFalse();
        assertThat(c.paramNames()).containsExactly("realm", "domain", "qop", "nonce", "opaque", "stale", "algorithm");
        assertThat(c.token68()).isEmpty();
    }

    @Test
    void writesDigestParametersWithTheQuotingOfRfc7616() {
        Challenge c = Challenge.parse("Digest realm=atlanta.com,nonce=abc,qop=auth,stale=\"true\","
                + "algorithm=\"MD5\",opaque=xyz,charset=\"UTF-8\"");

        assertThat(c).hasToString("Digest realm=\"atlanta.com\", nonce=\"abc\", qop=\"auth\", stale=true, "
                + "algorithm=MD5, opaque=\"xyz\", charset=UTF-8");
        assertThat(c.isStale()).isTrue();
    }

    @Test
    void parsesAnUnknownSchemeWithItsParameters() {
        Challenge c = Challenge.parse("Proxy-Authenticate", "NoOneKnowsThisScheme opaque-data=here, x=\"a b\"");

        assertThat(c.isDigest()).isFalse();
        assertThat(c.param("OPAQUE-DATA")).contains("here");
        assertThat(c.param("x")).contains("a b");
        assertThat(c.qopOptions()).isEmpty();
        assertThat(c).hasToString("NoOneKnowsThisScheme opaque-data=here, x=\"a b\"");
    }

    @Test
    void parsesASchemeAloneOrWithAToken68() {
        assertThat(Challenge.parse("Negotiate").paramNames()).isEmpty();
        assertThat(Challenge.parse("Negotiate  ").scheme()).isEqualTo("Negotiate");
        assertThat(Challenge.parse("Bearer abc.DEF-_~+/==").token68()).contains("abc.DEF-_~+/==");
        assertThat(Challenge.parse("Bearer abc==").toString()).isEqualTo("Bearer abc==");
    }

    @Test
    void rejectsADuplicateParameter() {
        assertBad(() -> Challenge.parse("Digest realm=\"a\", REALM=\"b\""), "WWW-Authenticate", "duplicate auth-param");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "Digest realm", "Digest realm=", "Digest realm=\"a\",",
        "Digest realm=\"a\" nonce=b",
        "Digest ,realm=a", "Digest realm=\"open", "Digest realm=a,,nonce=b", "Digest realm=a b", "Di/gest realm=a",
        "Digest,realm=a"})
    void rejectsMalformedChallenges(String value) {
        assertThatThrownBy(() -> Challenge.parse("Proxy-Authenticate", value))
                .isInstanceOfSatisfying(SipParseException.class,
                    e -> assertThat(e.reasonPhrase()).startsWith("Bad Proxy-Authenticate - "));
    }

    @Test
    void rejectsTooManyParameters() {
        StringBuilder value = new StringBuilder("Digest p0=0");
        for (int i = 1; i <= 64; i++) {
            value.append(", p").append(i).append('=').append(i);
        }

        assertBad(() -> Challenge.parse(value.toString()), "WWW-Authenticate", "too many auth-params");
    }

    @Test
    void buildsADigestChallenge() {
        Challenge c = Challenge.builder("Digest").realm("atlanta.com").nonce("84a4cc6f3082121f32b42a2187831a9e")
                .qop("auth", "auth-int").algorithm("SHA-256").opaque("5ccc069c403ebaf9f0171e9517f40e41")
                .stale(true).build();

        assertThat(c).hasToString("Digest realm=\"atlanta.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", "
                + "qop=\"auth,auth-int\", algorithm=SHA-256, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", stale=true");
        assertThat(c.qopOptions()).containsExactly("auth", "auth-int");
        assertThat(Challenge.parse(c.toString())).isEqualTo(c).hasSameHashCodeAs(c);
    }

    @Test
    void quotesAndEscapesValuesThatNeedIt() {
        Challenge c = Challenge.builder("Digest").realm("a \"quoted\" \\ realm").param("x-extra", "a b").build();

        assertThat(c).hasToString("Digest realm=\"a \\\"quoted\\\" \\\\ realm\", x-extra=\"a b\"");
        assertThat(Challenge.parse(c.toString()).realm()).contains("a \"quoted\" \\ realm");
    }

    @Test
    void changesAChallengeThroughItsBuilder() {
        Challenge c = Challenge.parse("Digest realm=\"a\", nonce=\"1\", stale=true");

        Challenge fresh = c.toBuilder().nonce("2").stale(false).build();

        assertThat(fresh).hasToString("Digest realm=\"a\", nonce=\"2\"");
        assertThat(c.nonce()).contains("1");
    }

    @Test
    void refusesBadBuilderArguments() {
        Challenge.Builder b = Challenge.builder("Digest");

        assertThatThrownBy(() -> Challenge.builder("Dig est")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Challenge scheme must be a token, was \"Dig est\"");
        assertThatThrownBy(() -> b.algorithm("SHA 256")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Challenge algorithm must be a token, was \"SHA 256\"");
        assertThatThrownBy(() -> b.realm("a\r\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain CR or LF");
        assertThatThrownBy(() -> b.qop()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.qop("auth,int")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Challenge.builder("Bearer").token68("a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a b\"");
        assertThatThrownBy(() -> Challenge.builder("Bearer").realm("r").token68("abc"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void buildsAToken68Challenge() {
        Challenge c = Challenge.builder("Bearer").token68("abc==").build();

        assertThat(Challenge.parse(c.toString())).isEqualTo(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Digest realm=\"atlanta.com\", nonce=\"f84f1cec\", qop=\"auth\", algorithm=MD5",
        "digest realm=biloxi.com, nonce=x, userhash=true",
        "NoOneKnowsThisScheme opaque-data=here",
        "Digest realm=\"UTF-8 \u00e9\", nonce=\"\\\"\"",
    })
    void parsesItsOwnOutputBackToAnEqualValue(String value) {
        Challenge c = Challenge.parse(value);

        assertThat(Challenge.parse(c.toString())).isEqualTo(c);
    }
}
