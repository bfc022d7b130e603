package org.parley.proxy.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/** Which bindings {@link NatBinding} sends keep-alives to, and how. */
class NatBindingTest {
    private static Binding binding(String contact, String transport, String remoteHost, int remotePort,
            boolean path) {
        Source source = new Source(Transport.of(transport), new InetSocketAddress(remoteHost, remotePort),
                new InetSocketAddress("127.0.0.1", 5060), transport.equals("UDP") ? 0 : 7);
        return new Binding(new AddressOfRecord("alice", "example.com"), Contact.parse(contact),
                Instant.parse("2026-01-01T01:00:00Z"), "c", 1,
                path ? List.of(Address.parse("Path", "<sip:edge.example.net;lr>")) : List.of(), Optional.empty(),
                OptionalInt.empty(), source, Optional.empty());
    }

    @ParameterizedTest(name = "{0} from {1} {2}:{3}, path {4}: {5}")
    @CsvSource({
        "<sip:alice@192.168.1.2:5060>, UDP, 203.0.113.9, 40000, false, DATAGRAM",
        "<sip:alice@203.0.113.9:40000>, UDP, 203.0.113.9, 40000, false, NONE",
        "<sip:alice@203.0.113.9>, UDP, 203.0.113.9, 5060, false, NONE",
        "<sip:alice@203.0.113.9>, UDP, 203.0.113.9, 5070, false, DATAGRAM",
        "<sips:alice@203.0.113.9>, UDP, 203.0.113.9, 5061, false, NONE",
        "'<sip:alice@[2001:db8::1]:5060>', UDP, 2001:db8:0:0:0:0:0:1, 5060, false, NONE",
        "<sip:alice@phone.example.com:5060>, UDP, 203.0.113.9, 5060, false, DATAGRAM",
        "<sip:alice@192.168.1.2:5060>, UDP, 203.0.113.9, 40000, true, NONE",
        "<sip:alice@203.0.113.9:40000;transport=tcp>, TCP, 203.0.113.9, 40000, false, STREAM",
        "<sip:alice@df7jal23ls0d.invalid;transport=ws>, WS, 203.0.113.9, 40000, false, STREAM",
        "<tel:+15551234567>, UDP, 203.0.113.9, 40000, false, NONE",
    })
    void classifiesTheBinding(String contact, String transport, String host, int port, boolean path,
            NatBinding expected) {
        assertThat(NatBinding.of(binding(contact, transport, host, port, path))).isEqualTo(expected);
    }
}
