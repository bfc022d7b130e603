package org.parley.transport.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RdataTest {
    private static ByteBuf bytes(int... values) {
        ByteBuf b = Unpooled.buffer();
        for (int v : values) {
            b.writeByte(v);
        }
        return b;
    }

    private static void label(ByteBuf b, String s) {
        b.writeByte(s.length()).writeCharSequence(s, StandardCharsets.US_ASCII);
    }

    @Test
    void decodesNaptrWithReplacementInLowerCaseWithoutTheRootDot() {
        ByteBuf b = bytes(0, 10, 0, 20);
        label(b, "S");
        label(b, "SIP+D2T");
        label(b, "");
        label(b, "_sip");
        label(b, "_tcp");
        label(b, "Example");
        label(b, "com");
        b.writeByte(0);

        assertThat(Rdata.naptr(b)).isEqualTo(new NaptrRecord(10, 20, "S", "SIP+D2T", "", "_sip._tcp.example.com"));
        b.release();
    }

    @Test
    void decodesSrvAndTheRootTargetAsEmpty() {
        ByteBuf b = bytes(0, 1, 0, 5, 0x13, 0xc4, 0);

        assertThat(Rdata.srv(b)).isEqualTo(new SrvRecord(1, 5, 5060, ""));
        b.release();
    }

    @Test
    void rejectsTruncatedRecords() {
        ByteBuf srv = bytes(0, 1, 0);
        ByteBuf naptr = bytes(0, 1, 0, 1, 5, 'a');
        ByteBuf address = bytes(127, 0, 0);

        assertThatThrownBy(() -> Rdata.srv(srv)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rdata.naptr(naptr)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rdata.address(address)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("was 3");
        srv.release();
        naptr.release();
        address.release();
    }
}
