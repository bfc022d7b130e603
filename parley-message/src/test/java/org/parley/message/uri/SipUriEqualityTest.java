package org.parley.message.uri;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §19.1.4 comparison, including every example the section gives. */
class SipUriEqualityTest {

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
        "sip:carol@chicago.com;newparam=5 | sip:carol@chicago.com;security=on",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com"
            + " | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent"
            + " | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
    })
    void treatsTheRfc3261EqualExamplesAsEqual(String a, String b) {
        Uri x = Uri.parse(a);
        Uri y = Uri.parse(b);

        assertThat(x).isEqualTo(y);
        assertThat(y).isEqualTo(x);
        assertThat(x.hashCode()).isEqualTo(y.hashCode());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
        "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off",
    })
    void treatsTheRfc3261UnequalExamplesAsUnequal(String a, String b) {
        Uri x = Uri.parse(a);
        Uri y = Uri.parse(b);

        assertThat(x).isNotEqualTo(y);
        assertThat(y).isNotEqualTo(x);
    }

    @Test
    void neverEqualsSipsUriToSipUri() {
        assertThat(Uri.parse("sips:alice@atlanta.com")).isNotEqualTo(Uri.parse("sip:alice@atlanta.com"));
    }

    @Test
    void comparesPasswordsCaseSensitively() {
        assertThat(Uri.parse("sip:alice:Secret@atlanta.com")).isNotEqualTo(Uri.parse("sip:alice:secret@atlanta.com"));
        assertThat(Uri.parse("sip:alice:secret@atlanta.com")).isNotEqualTo(Uri.parse("sip:alice@atlanta.com"));
        assertThat(Uri.parse("sip:alice:s%65cret@atlanta.com")).isEqualTo(Uri.parse("sip:alice:secret@atlanta.com"));
    }

    @Test
    void doesNotEquateReservedCharacterWithItsEscape() {
        // RFC 3261 §19.1.4: only characters outside the reserved set equal their escape.
        assertThat(Uri.parse("sip:a%3Bb@atlanta.com")).isNotEqualTo(Uri.parse("sip:a;b@atlanta.com"));
        assertThat(Uri.parse("sip:a%3bb@atlanta.com")).isEqualTo(Uri.parse("sip:a%3Bb@atlanta.com"));
        assertThat(Uri.parse("sip:a%253Bb@atlanta.com")).isNotEqualTo(Uri.parse("sip:a%3Bb@atlanta.com"));
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "sip:alice@atlanta.com;user=phone | sip:alice@atlanta.com",
        "sip:alice@atlanta.com;ttl=1 | sip:alice@atlanta.com",
        "sip:alice@atlanta.com;method=INVITE | sip:alice@atlanta.com",
        "sip:alice@atlanta.com;maddr=192.0.2.1 | sip:alice@atlanta.com",
        "sip:alice@atlanta.com;maddr=192.0.2.1 | sip:alice@atlanta.com;maddr=192.0.2.2",
        "sip:alice@atlanta.com;lr | sip:alice@atlanta.com;lr=on",
        "sip:alice@atlanta.com?subject=a | sip:alice@atlanta.com?subject=b",
        "sip:alice@atlanta.com?subject=a | sip:alice@atlanta.com?priority=a",
        "sip:alice@atlanta.com?a=1&a=1 | sip:alice@atlanta.com?a=1&b=1",
    })
    void requiresTheParametersThatAlwaysCountToMatch(String a, String b) {
        assertThat(Uri.parse(a)).isNotEqualTo(Uri.parse(b));
        assertThat(Uri.parse(b)).isNotEqualTo(Uri.parse(a));
    }

    @Test
    void comparesMaddrAsAnAddress() {
        SipUri a = SipUri.parse("sip:alice@atlanta.com;maddr=[2001:db8::1]");
        SipUri b = SipUri.parse("sip:alice@atlanta.com;maddr=[2001:DB8:0:0::1]");

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void equatesEscapedAndUnescapedParameterValues() {
        SipUri a = SipUri.parse("sip:alice@atlanta.com;transport=%74cp;x=%41");
        SipUri b = SipUri.parse("sip:alice@atlanta.com;transport=TCP;x=a");

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void comparesIpv6HostsByValue() {
        SipUri a = SipUri.parse("sip:alice@[2001:db8::10]:5060");
        SipUri b = SipUri.parse("sip:alice@[2001:0DB8:0:0::10]:5060");

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(SipUri.parse("sip:alice@[2001:db8::11]:5060"));
    }

    @Test
    void comparesHeaderValuesExactlyAfterEscapes() {
        assertThat(Uri.parse("sip:a@b.com?subject=project%20x"))
                .isEqualTo(Uri.parse("sip:a@b.com?Subject=project%20x"));
        assertThat(Uri.parse("sip:a@b.com?subject=%41")).isEqualTo(Uri.parse("sip:a@b.com?subject=A"));
        assertThat(Uri.parse("sip:a@b.com?subject=A")).isNotEqualTo(Uri.parse("sip:a@b.com?subject=a"));
    }

    @Test
    void equalsOnlyOtherSipUris() {
        SipUri uri = SipUri.parse("sip:alice@atlanta.com");

        assertThat(uri).isEqualTo(uri);
        assertThat(uri).isNotEqualTo("sip:alice@atlanta.com");
        assertThat((Object) uri).isNotEqualTo(Uri.parse("tel:+12015550123"));
    }

    @Test
    void comparesManyHeadersAndParametersRegardlessOfOrder() {
        StringBuilder forward = new StringBuilder("sip:alice@atlanta.com");
        StringBuilder backward = new StringBuilder("sip:alice@atlanta.com");
        int count = 2_000;
        for (int i = 0; i < count; i++) {
            forward.append(";p").append(i).append('=').append(i);
            backward.append(";P").append(count - 1 - i).append('=').append(count - 1 - i);
        }
        for (int i = 0; i < count; i++) {
            forward.append(i == 0 ? '?' : '&').append('h').append(i).append("=v").append(i);
            backward.append(i == 0 ? '?' : '&').append('H').append(count - 1 - i).append("=v").append(count - 1 - i);
        }
        Uri a = Uri.parse(forward.toString());
        Uri b = Uri.parse(backward.toString());
        Uri changed = Uri.parse(backward.toString().replace("=v7&", "=w7&"));

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(changed);
    }
}
