package org.parley.proxy.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.transport.Source;
import org.parley.transport.Transport;

class BindingTextTest {
    private static final AddressOfRecord ALICE = new AddressOfRecord("alice", "example.com");
    private static final Binding FULL = new Binding(ALICE,
            Contact.parse("\"A: b\" <sip:alice@[2001:db8::1]:5061;transport=tls>;q=0.5;+sip.instance="
                    + "\"<urn:uuid:00000000-0000-0000-0000-000000000001>\";reg-id=1"),
            Instant.ofEpochMilli(1_767_225_600_123L), "call:1@host", 7,
            List.of(Address.parse("Path", "<sip:edge.example.com;lr>")),
            Optional.of("<urn:uuid:00000000-0000-0000-0000-000000000001>"), OptionalInt.of(1),
            new Source(Transport.WSS, new InetSocketAddress("2001:db8::1", 443), new InetSocketAddress("10.0.0.1", 443),
                    9, List.of("example.com")), Optional.of("9:9:9 ünï"));
    private static final String TEXT = BindingText.encode(List.of(FULL, FULL));

    @Test
    void encodesAndDecodesEveryField() {
        assertThat(BindingText.decode(ALICE, TEXT)).containsExactly(FULL, FULL);
    }

    static Stream<Integer> cuts() {
        return IntStream.range(0, TEXT.length()).boxed();
    }

    @ParameterizedTest
    @MethodSource("cuts")
    void aTruncatedValueIsRefusedWithAReason(int cut) {
        assertThatThrownBy(() -> BindingText.decode(ALICE, TEXT.substring(0, cut)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("null");
    }

    @Test
    void randomDamageGivesBindingsOrAReasonNothingElse() {
        Random random = new Random(6);
        for (int i = 0; i < 2_000; i++) {
            char[] damaged = TEXT.toCharArray();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                damaged[random.nextInt(damaged.length)] = (char) (' ' + random.nextInt(95));
            }
            Throwable t = catchThrowable(() -> BindingText.decode(ALICE, new String(damaged)));
            assertThat(t).as("damaged: %s", new String(damaged)).satisfiesAnyOf(
                    e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(IllegalArgumentException.class));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P1", "2:P2", "2:P11:9", "2:P19999999999:", "2:P1-1:", "2:P1999999999:x"})
    void malformedHeadsAreRefused(String text) {
        assertThatThrownBy(() -> BindingText.decode(ALICE, text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHostNameInPlaceOfAnAddressIsRefusedWithoutALookup() {
        assertThat(TEXT).contains("20:2001:db8:0:0:0:0:0:1");
        String named = TEXT.replaceFirst("20:2001:db8:0:0:0:0:0:1", "9:localhost");
        assertThatThrownBy(() -> BindingText.decode(ALICE, named)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected an IP literal and a port, was localhost");
    }
}
