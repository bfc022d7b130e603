package org.parley.testkit.baresip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.transport.Transport;

class BaresipTest {
    @Test
    void writesTheAccountLineBaresipReads() {
        Baresip b = Baresip.builder().account("sip:alice@example.test").authUser("alice").password("s3cret")
                .register(true).autoAnswer(true).transport(Transport.TCP)
                .outboundProxy(new InetSocketAddress("127.0.0.1", 5070));

        assertThat(b.accountLine()).isEqualTo("<sip:alice@example.test;transport=tcp>;auth_user=alice;auth_pass=s3cret"
                + ";outbound=\"sip:127.0.0.1:5070;transport=tcp\";regint=60;answermode=auto;audio_codecs=pcmu,pcma\n");
        assertThat(Baresip.builder().accountLine())
                .isEqualTo("<sip:parley@127.0.0.1>;regint=0;answermode=manual;audio_codecs=pcmu,pcma\n");
    }

    @Test
    void writesAConfigOnLoopbackWithTheControlSocket() {
        String config = Baresip.builder().rtpPorts(40_000, 40_009).recordTo(Path.of("/tmp/rec"))
                .config(5062, 5099, Path.of("/tmp/in.wav"));

        assertThat(config).contains("sip_listen 127.0.0.1:5062\n", "net_interface 127.0.0.1\n",
                "audio_source aufile,/tmp/in.wav\n", "rtp_ports 40000-40009\n", "module sndfile.so\n",
                "snd_path /tmp/rec\n", "module_app ctrl_tcp.so\n", "ctrl_tcp_listen 127.0.0.1:5099\n",
                "module stdio.so\n");
        assertThat(Baresip.builder().config(5062, 5099, Path.of("/tmp/in.wav"))).doesNotContain("sndfile");
    }

    @Test
    void refusesValuesThatWouldBreakItsFiles() {
        assertThatThrownBy(() -> Baresip.builder().account("sip:a@b>;regint=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account");
        assertThatThrownBy(() -> Baresip.builder().password("a;b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Baresip.builder().transport(Transport.TLS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UDP or TCP");
        assertThatThrownBy(() -> Baresip.builder().outboundProxy(new InetSocketAddress("192.0.2.1", 5060)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> Baresip.builder().recordTo(Path.of("/tmp/a b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("white space");
        assertThatThrownBy(() -> Baresip.builder().play(Path.of("/nonexistent.wav")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Baresip.builder().lifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lifetime");
        assertThatThrownBy(() -> Baresip.builder().rtpPorts(5000, 5001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtpPorts");
    }

    @Test
    void aMissingProgramIsNamedWithItsPackage() {
        assertThatThrownBy(() -> Baresip.builder().executable("/nonexistent/baresip").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(Baresip.PACKAGE);
    }
}
