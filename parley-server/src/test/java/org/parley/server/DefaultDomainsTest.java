package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.server.config.DomainConfig;
import org.parley.server.config.ListenAddress;
import org.parley.server.config.ServerConfig;

/** {@link DefaultDomains}: the host's addresses when no domain is named, one realm for all of them. */
class DefaultDomainsTest {
    @Test
    void aServerOnLoopbackServes127001() {
        ServerConfig c = DefaultDomains.resolve(ServerConfig.builder().listen("udp:127.0.0.1:0").build());
        assertThat(c.domains()).containsExactly(new DomainConfig("127.0.0.1", "127.0.0.1"));
    }

    @Test
    void aListenerOnOneAddressServesThatAddressFirstAndEveryDomainSharesItsRealm() {
        List<String> names = DefaultDomains.detect(List.of(ListenAddress.parse("udp:192.0.2.10:5060"),
                ListenAddress.parse("tcp:127.0.0.1:5060")));
        assertThat(names).containsExactly("192.0.2.10", "127.0.0.1");
        ServerConfig c = DefaultDomains.resolve(ServerConfig.builder().listen("udp:192.0.2.10:5060")
                .listen("tcp:127.0.0.1:5060").build());
        assertThat(c.domains()).extracting(DomainConfig::realm).containsOnly("192.0.2.10");
    }

    @Test
    void wildcardListenersServeTheInterfacesAndAlways127001() {
        List<String> names = DefaultDomains.detect(ServerConfig.defaults().listeners());
        assertThat(names).contains("127.0.0.1").doesNotHaveDuplicates().allMatch(n -> !n.startsWith("169.254."));
        assertThat(names.get(names.size() - 1)).isEqualTo("127.0.0.1");
    }

    @Test
    void namedDomainsAreKeptAsTheyAre() {
        ServerConfig c = ServerConfig.builder().domain("example.test").build();
        assertThat(DefaultDomains.resolve(c)).isSameAs(c);
    }
}
