package org.parley.transport.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.transport.Transport;

class ResolverConfigTest {
    private static final List<InetSocketAddress> LOCAL = List.of(new InetSocketAddress("127.0.0.1", 53));

    @Test
    void defaultsAreTheDocumentedConstants() {
        ResolverConfig config = ResolverConfig.of(LOCAL);

        assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.transports()).containsExactlyInAnyOrder(Transport.UDP, Transport.TCP, Transport.TLS);
        assertThat(config.addressPreference()).isEqualTo(ResolverConfig.AddressPreference.IPV4_FIRST);
        assertThat(config.maxCacheEntries()).isEqualTo(4096);
        assertThat(config.maxNegativeTtl()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void refusesBadValuesNamingTheField() {
        ResolverConfig config = ResolverConfig.of(LOCAL);

        assertThatThrownBy(() -> ResolverConfig.of(List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("nameservers");
        assertThatThrownBy(() -> ResolverConfig.of(List.of(InetSocketAddress.createUnresolved("dns.example", 53))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric");
        assertThatThrownBy(() -> config.withQueryTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("queryTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> config.withTransports(Set.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("transports");
        assertThatThrownBy(() -> config.withMaxCacheEntries(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("maxCacheEntries must be 0 or more, was -1");
        // RFC 2308 §5: more than a day is problematic.
        assertThatThrownBy(() -> config.withMaxNegativeTtl(Duration.ofDays(2)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxNegativeTtl must be 0..1 day");
        assertThatThrownBy(() -> config.withMaxNegativeTtl(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxNegativeTtl");
    }
}
