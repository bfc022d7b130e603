package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com.", "a", "x-1.example.com", "192.0.2.1", "255.255.255.255",
        "[2001:db8::9:1]", "[::1]", "[::]", "[::ffff:192.0.2.10]", "[2001:db8:0:0:0:0:0:1]", "[2001:db8::192.0.2.1]",
        "[fe80::]", "EXAMPLE.COM"})
    void acceptsHosts(String host) {
        assertThat(HostSyntax.isHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "-a.com", "a-.com", "a..com", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.4.",
        "example.1com", "a_b.com", "2001:db8::1", "[2001:db8::1", "[]", "[:1]", "[1::2::3]", "[1:2:3:4:5:6:7:8:9]",
        "[1:2:3:4:5:6:7]", "[12345::]", "[::1.2.3]", "[1:]", "[g::1]"})
    void refusesWhatIsNoHost(String host) {
        assertThat(HostSyntax.isHost(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.200", "2001:db8::9:255", "[2001:db8::9:255]", "::ffff:192.0.2.2"})
    void acceptsReceivedAddressesWithOrWithoutBrackets(String address) {
        assertThat(HostSyntax.isAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "", "[192.0.2.1]", "2001:db8::9:255]"})
    void refusesReceivedValuesThatAreNoAddress(String address) {
        assertThat(HostSyntax.isAddress(address)).isFalse();
    }
}
