package org.parley.testkit.linphone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testkit.baresip.Baresip;
import org.parley.testkit.baresip.BaresipMessage;
import org.parley.testkit.baresip.BaresipProcess;
import org.parley.testkit.sipp.Sipp;
import org.parley.testkit.sipp.SippProcess;
import org.parley.testkit.sipp.SippResult;

/**
 * linphonec on loopback, without a server: a MESSAGE to baresip, a MESSAGE from SIPp, and digest
 * registration at a SIPp registrar. Skipped when linphonec, baresip or SIPp is missing, unless
 * {@code CI=true} (STYLE.md §9).
 */
class LinphonecIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void needsClients() {
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(Linphonec.isInstalled() || ci,
                "linphonec is not installed (Debian package " + Linphonec.PACKAGE + "); skipping");
        Assumptions.assumeTrue(Baresip.isInstalled() || ci,
                "baresip is not installed (Debian package " + Baresip.PACKAGE + "); skipping");
        Assumptions.assumeTrue(Sipp.isInstalled() || ci,
                "SIPp is not installed (Debian package " + Sipp.PACKAGE + "); skipping");
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T process) {
        started.add(process);
        return process;
    }

    @Test
    void sendsAMessageThatBaresipReceivesAndPrints() {
        BaresipProcess bob = keep(Baresip.builder().account("sip:bob@127.0.0.1").start());
        LinphonecProcess alice = keep(Linphonec.builder().identity("sip:alice@127.0.0.1").proxy(bob.sipAddress())
                .start());

        long from = alice.outputLineCount();
        alice.chat("sip:bob@127.0.0.1", "hello from linphonec");

        assertThat(alice.awaitChatOutcome(from, WAIT)).isEqualTo("Delivered");
        BaresipMessage received = bob.awaitMessage(0, WAIT);
        assertThat(received.text()).isEqualTo("hello from linphonec");
        assertThat(received.peer()).isEqualTo("sip:alice@127.0.0.1");
    }

    @Test
    void printsAMessageFromSipp() {
        LinphonecProcess alice = keep(Linphonec.builder().identity("sip:alice@127.0.0.1").start());
        SippResult sender = keep(Sipp.resource("uac-message.xml").remote(alice.sipAddress()).args("-s", "alice")
                .define("text", "ping from SIPp").start()).awaitExit(WAIT);

        assertThat(sender.isSuccess()).as(sender.describe()).isTrue();
        assertThat(alice.awaitMessage(0, WAIT)).isEqualTo(new LinphoneMessage("sip:caller@127.0.0.1",
                "ping from SIPp"));
    }

    @Test
    void registersWithDigestAuthenticationAtASippRegistrar() {
        SippProcess registrar = keep(Sipp.resource("uas-digest.xml").set("password", "secret").calls(1).start());
        LinphonecProcess alice = keep(Linphonec.builder().identity("sip:alice@127.0.0.1")
                .proxy(registrar.localAddress()).register(true).password("secret").start());

        alice.awaitRegistered(WAIT);

        SippResult server = registrar.awaitExit(WAIT);
        assertThat(server.isSuccess()).as(server.describe()).isTrue();
        assertThat(server.messages()).contains("REGISTER sip:127.0.0.1", "username=\"alice\"");
    }

    @Test
    void aMessageTheServerRefusesIsNotDelivered(@TempDir Path dir) throws IOException {
        Path refuse = dir.resolve("uas-refuse-message.xml");
        Files.writeString(refuse, REFUSE_MESSAGE, StandardCharsets.ISO_8859_1);
        SippProcess server = keep(Sipp.scenario(refuse).calls(1).start());
        LinphonecProcess alice = keep(Linphonec.builder().identity("sip:alice@127.0.0.1")
                .proxy(server.localAddress()).start());

        long from = alice.outputLineCount();
        alice.chat("sip:nobody@127.0.0.1", "to nobody");

        assertThat(alice.awaitChatOutcome(from, WAIT)).isEqualTo("NotDelivered");
        SippResult result = server.awaitExit(WAIT);
        assertThat(result.isSuccess()).as(result.describe()).isTrue();
    }

    /** A SIPp server that answers one MESSAGE with 404 Not Found (RFC 3261 §21.4.5). */
    private static final String REFUSE_MESSAGE = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="uas-refuse-message">
              <recv request="MESSAGE"/>
              <send><![CDATA[

                  SIP/2.0 404 Not Found
                  [last_Via:]
                  [last_From:]
                  [last_To:];tag=[pid]-r-[call_number]
                  [last_Call-ID:]
                  [last_CSeq:]
                  Content-Length: 0

                ]]></send>
            </scenario>
            """;
}
