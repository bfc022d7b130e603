package org.parley.message.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.message.SipParseException;

/**
 * Seeded random address and Contact elements built from pieces of the name-addr grammar: each
 * parses to a value whose wire form parses back equal and whose accessors answer, or raises a 400
 * {@link SipParseException}; nothing else escapes.
 */
class AddressPropertyTest {
    private static final String[] PIECES = {
        "sip:", "sips:", "tel:", "isbn:", "http://", "alice", "@", "example.com", "[2001:db8::1]", ":5060", "+1-555",
        "<", ">", "\"", "\\", " ", "\t", "\r\n ", ";", "=", ",", "?", "&", "%00", "%", "tag", "q", "expires", "reg-id",
        "+sip.instance", "lr", "transport=tcp", "0.5", "1", "1.5", "0", "4294967296", "*", "token~", "\u00e9",
        "\u0000", "[", "]", "x",
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "", "<sip:a@h>", "\"A\" <sip:a@h>", "sip:a@h", "<sip:a@h>;", "Alice <sip:a@h>;tag=", "*", "tel:+1",
    })
    void everyElementGivesARoundTrippingAddressOrA400(String prefix) {
        Random random = new Random(prefix.hashCode());
        int parsed = 0;
        for (int i = 0; i < 1000; i++) {
            String input = prefix + randomInput(random);
            parsed += parsesOrFails(input, () -> {
                Address a = Address.parse("To", input);
                assertThat(Address.parse("To", a.toString())).as(input).isEqualTo(a);
            });
            parsed += parsesOrFails(input, () -> {
                Contact c = Contact.parse(input);
                assertThat(Contact.parse(c.toString())).as(input).isEqualTo(c);
                c.q();
                c.regId();
                c.instanceId();
                parsesOrFails(input, c::expires);
            });
        }
        // Some inputs of every prefix are well formed, so the round trip is exercised too.
        assertThat(parsed).isPositive();
    }

    /** 1 when {@code parse} returns, 0 when it raises a proper 400; anything else fails the test. */
    private static int parsesOrFails(String input, Runnable parse) {
        try {
            parse.run();
            return 1;
        } catch (SipParseException e) {
            if (e.statusCode() != 400 || e.reasonPhrase().contains("\r") || e.reasonPhrase().contains("\n")) {
                throw new AssertionError("bad error for \"" + input + "\": " + e.reasonPhrase(), e);
            }
            return 0;
        }
    }

    private static String randomInput(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(14);
        for (int j = 0; j < n; j++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }
}
