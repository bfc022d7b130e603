package org.parley.ua.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The published digest test vectors (RFC 2617 §3.5, RFC 7616 §3.9) and the variants around them. */
class DigestComputationTest {
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final byte[] NO_BODY = new byte[0];

    private static String response(DigestAlgorithm a, String user, String realm, String password, String method,
            String uri, String nonce, String cnonce, String qop, byte[] body) {
        String ha1 = DigestComputation.ha1(a, DigestComputation.userRealmHash(a, user, realm, password), nonce, cnonce);
        String ha2 = DigestComputation.ha2(a, method, uri, qop, body);
        return DigestComputation.response(a, ha1, nonce, "00000001", cnonce, qop, ha2);
    }

    @Test
    void matchesRfc2617Section3_5Md5Example() {
        assertThat(response(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "0a4f113b", "auth", NO_BODY))
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void matchesRfc7616Section3_9_1Md5Example() {
        assertThat(response(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", RFC7616_NONCE, RFC7616_CNONCE, "auth", NO_BODY))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void matchesRfc7616Section3_9_1Sha256Example() {
        assertThat(response(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", RFC7616_NONCE, RFC7616_CNONCE, "auth", NO_BODY))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    /**
     * RFC 7616 §3.9.2 (SHA-512-256, UTF-8 username). The RFC prints response "ae66e67d…", which an
     * erratum reported against the RFC corrects: these inputs give "3798d413…" (Python hashlib agrees).
     */
    @Test
    void matchesRfc7616Section3_9_2Sha512_256ExampleAsCorrected() {
        assertThat(response(DigestAlgorithm.SHA_512_256, "J\u00e4s\u00f8n Doe", "api@example.org", "Secret, or not?",
                "GET", "/doe.json", "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
                "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", "auth", NO_BODY))
                .isEqualTo("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5");
    }

    @Test
    void sessVariantHashesNonceAndCnonceIntoHa1() {
        // Expected value computed independently (Python hashlib) from RFC 7616 §3.4.2.
        assertThat(response(DigestAlgorithm.SHA_256_SESS, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", RFC7616_NONCE, RFC7616_CNONCE, "auth", NO_BODY))
                .isEqualTo("2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7");
    }

    @Test
    void authIntHashesTheBodyIntoHa2() {
        byte[] body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);
        // Expected value computed independently (Python hashlib) from RFC 7616 §3.4.3.
        assertThat(response(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life", "INVITE",
                "sip:bob@example.org", RFC7616_NONCE, RFC7616_CNONCE, "auth-int", body))
                .isEqualTo("a166b37986c5291a2a42f0e931a34f62");
        assertThat(DigestComputation.ha2(DigestAlgorithm.MD5, "INVITE", "sip:bob@example.org", "auth-int", body))
                .isNotEqualTo(DigestComputation.ha2(DigestAlgorithm.MD5, "INVITE", "sip:bob@example.org", "auth-int",
                        NO_BODY));
    }

    @Test
    void withoutQopUsesTheRfc2069Form() {
        // Expected value computed independently (Python hashlib): H(HA1:nonce:HA2).
        assertThat(response(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "ignored", "", NO_BODY))
                .isEqualTo("670fd8c2df070c60b045671b8b24ff02");
    }

    @Test
    void plainAlgorithmHa1IsTheUserRealmHash() {
        String base = DigestComputation.userRealmHash(DigestAlgorithm.MD5, "u", "r", "p");
        assertThat(DigestComputation.ha1(DigestAlgorithm.MD5, base, "n", "c")).isEqualTo(base);
        assertThat(DigestComputation.ha1(DigestAlgorithm.MD5_SESS, base, "n", "c")).isNotEqualTo(base).hasSize(32);
    }

    @Test
    void refusesAnUnknownQop() {
        assertThatThrownBy(() -> DigestComputation.ha2(DigestAlgorithm.MD5, "GET", "/", "auth-conf", NO_BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"auth-conf\"");
    }

    @Test
    void matchesComparesHexIgnoringCase() {
        assertThat(DigestComputation.matches("abc123", "ABC123")).isTrue();
        assertThat(DigestComputation.matches("abc123", "abc124")).isFalse();
        assertThat(DigestComputation.matches("abc123", "abc12")).isFalse();
    }

    @Test
    void algorithmTokensAreCaseInsensitiveAndUnknownOnesEmpty() {
        assertThat(DigestAlgorithm.of("sha-512-256-SESS")).contains(DigestAlgorithm.SHA_512_256_SESS);
        assertThat(DigestAlgorithm.of("md5")).contains(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.of("SHA3-256")).isEmpty();
        assertThat(DigestAlgorithm.SHA_512_256.strength()).isGreaterThan(DigestAlgorithm.SHA_256.strength());
        assertThat(DigestAlgorithm.SHA_256.strength()).isGreaterThan(DigestAlgorithm.MD5_SESS.strength());
    }

    @Test
    void hashesWithEachJdkDigest() {
        assertThat(DigestComputation.hash(DigestAlgorithm.MD5, "")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(DigestComputation.hash(DigestAlgorithm.SHA_256, ""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // FIPS 180-4 SHA-512/256 of the empty string.
        assertThat(DigestComputation.hash(DigestAlgorithm.SHA_512_256, ""))
                .isEqualTo("c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a");
    }
}
