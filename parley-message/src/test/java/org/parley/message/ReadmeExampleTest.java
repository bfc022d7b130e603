package org.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.parley.message.validation.MessageValidator;
import org.parley.message.validation.Validation;
import org.junit.jupiter.api.Test;

/** The message API example of README.md, kept compiling and true. */
class ReadmeExampleTest {
    @Test
    void readmeExampleParsesForwardsAndAnswersAnInvite() {
        byte[] datagramBytes = Messages.crlf(Messages.INVITE);

        SipRequest invite = (SipRequest) SipParser.parse(datagramBytes);
        String branch = invite.topVia().branch().orElseThrow();
        String fromTag = invite.fromTag().orElse("");
        long cseq = invite.cseq().number();

        SipRequest forwarded = invite.toBuilder()
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-7a1;rport")
                .set(HeaderName.MAX_FORWARDS, Integer.toString(invite.maxForwards().orElse(70) - 1))
                .build();

        SipResponse ringing = SipResponse.responseTo(invite, StatusCode.RINGING)
                .set(HeaderName.TO, invite.to().withTag("9fxced76sl").toString())
                .build();

        Validation v = MessageValidator.standard().validate(invite);

        assertThat(branch).isEqualTo("z9hG4bK776asdhds");
        assertThat(fromTag).isEqualTo("1928301774");
        assertThat(cseq).isEqualTo(314159);
        assertThat(forwarded.vias()).hasSize(2);
        assertThat(forwarded.topVia().host()).isEqualTo("127.0.0.1");
        assertThat(forwarded.maxForwards()).hasValue(69);
        assertThat(ringing.toTag()).contains("9fxced76sl");
        assertThat(ringing.callId()).isEqualTo(invite.callId());
        assertThat(v.refusal()).isEmpty();
    }
}
