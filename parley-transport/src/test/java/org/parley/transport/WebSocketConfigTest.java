package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WebSocketConfig}, its place in {@link TransportConfig}, and the sip subprotocol check. */
class WebSocketConfigTest {
    @Test
    void defaultsUpgradeRootFromAnyOrigin() {
        assertThat(WebSocketConfig.DEFAULT.paths()).containsExactly("/");
        assertThat(WebSocketConfig.DEFAULT.isOriginAllowed("https://anything.example")).isTrue();
        assertThat(TransportConfig.of(List.of()).webSocket()).isEqualTo(WebSocketConfig.DEFAULT);
    }

    @Test
    void attachesToATransportConfigWithoutChangingTheRest() {
        TransportConfig base = TransportConfig.of(List.of());
        WebSocketConfig ws = new WebSocketConfig(List.of("/sip"), List.of(), "/sip");
        TransportConfig with = base.withWebSocket(ws);
        assertThat(with.webSocket()).isEqualTo(ws);
        assertThat(with.withWebSocket(WebSocketConfig.DEFAULT)).isEqualTo(base);
    }

    @Test
    void comparesOriginsWithoutCaseAndLetsNonBrowserClientsIn() {
        WebSocketConfig ws = new WebSocketConfig(List.of("/"), List.of("https://Phone.Example.com"), "/");
        assertThat(ws.isOriginAllowed("https://phone.example.COM")).isTrue();
        assertThat(ws.isOriginAllowed("https://evil.example.com")).isFalse();
        assertThat(ws.isOriginAllowed(null)).isTrue();
    }

    @Test
    void refusesBadPathsAndOrigins() {
        assertThatThrownBy(() -> new WebSocketConfig(List.of(), List.of(), "/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paths");
        assertThatThrownBy(() -> new WebSocketConfig(List.of("sip"), List.of(), "/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"sip\"");
        assertThatThrownBy(() -> new WebSocketConfig(List.of("/"), List.of(), "/a?b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outboundPath");
        assertThatThrownBy(() -> new WebSocketConfig(List.of("/"), List.of("https://a b"), "/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedOrigins");
    }

    @Test
    void listenersTakeWsAndWssButNotSctp() {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        assertThat(new ListenerConfig(Transport.WS, any).transport()).isEqualTo(Transport.WS);
        assertThat(new ListenerConfig(Transport.WSS, any).transport()).isEqualTo(Transport.WSS);
        assertThatThrownBy(() -> new ListenerConfig(Transport.SCTP, any))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WSS");
    }

    @Test
    void aWssListenerNeedsATlsIdentity() {
        TransportConfig config = TransportConfig.of(List.of(new ListenerConfig(Transport.WSS,
                new InetSocketAddress("127.0.0.1", 0))));
        assertThatThrownBy(() -> NettyTransportLayer.start(config, in -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("withTls");
    }

    @Test
    void findsSipAmongTheOfferedSubprotocols() {
        // RFC 6455 §4.1: a comma-separated list, possibly over several header lines; names are exact.
        assertThat(WebSocketUpgrade.offersSip(List.of("chat, sip"))).isTrue();
        assertThat(WebSocketUpgrade.offersSip(List.of("chat", "sip"))).isTrue();
        assertThat(WebSocketUpgrade.offersSip(List.of("SIP", "sips"))).isFalse();
        assertThat(WebSocketUpgrade.offersSip(List.of())).isFalse();
    }
}
