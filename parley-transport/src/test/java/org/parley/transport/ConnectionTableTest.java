package org.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.junit.jupiter.api.Test;

/** {@link ConnectionTable}: reuse by transport and remote address, and the limits. */
class ConnectionTableTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5066);

    /** An embedded channel connected to {@link #PEER}. */
    private static final class PeerChannel extends EmbeddedChannel {
        @Override
        protected SocketAddress remoteAddress0() {
            return PEER;
        }
    }

    @Test
    void keepsATcpAndAWsConnectionToTheSameAddressApart() {
        ConnectionTable table = new ConnectionTable(10, 10);
        PeerChannel tcp = new PeerChannel();
        PeerChannel ws = new PeerChannel();
        assertThat(table.add(tcp, Transport.TCP, false)).isTrue();
        assertThat(table.add(ws, Transport.WS, false)).isTrue();

        assertThat(table.toRemote(Transport.TCP, PEER)).isSameAs(tcp);
        assertThat(table.toRemote(Transport.WS, PEER)).isSameAs(ws);
        assertThat(ConnectionTable.idOf(ws)).isNotEqualTo(ConnectionTable.idOf(tcp));

        ws.close();
        assertThat(table.toRemote(Transport.WS, PEER)).isNull();
        assertThat(table.toRemote(Transport.TCP, PEER)).isSameAs(tcp);
        tcp.close();
    }

    @Test
    void refusesInboundConnectionsOverThePerAddressLimit() {
        ConnectionTable table = new ConnectionTable(10, 1);
        PeerChannel first = new PeerChannel();
        PeerChannel second = new PeerChannel();
        assertThat(table.add(first, Transport.WS, true)).isTrue();
        assertThat(table.add(second, Transport.TCP, true)).isFalse();
        first.close();
        assertThat(table.add(second, Transport.TCP, true)).isTrue();
        second.close();
    }

    @Test
    void countsOpenConnectionsPerTransportUntilTheyClose() {
        TransportStats stats = new TransportStats();
        ConnectionTable table = new ConnectionTable(2, 10, stats);
        PeerChannel tcp = new PeerChannel();
        PeerChannel ws = new PeerChannel();
        PeerChannel refused = new PeerChannel();
        assertThat(table.add(tcp, Transport.TCP, true)).isTrue();
        assertThat(table.add(ws, Transport.WS, false)).isTrue();
        assertThat(table.add(refused, Transport.TCP, true)).as("over the limit of 2").isFalse();
        assertThat(stats.openConnections(Transport.TCP)).isEqualTo(1);
        assertThat(stats.openConnections(Transport.WS)).isEqualTo(1);
        assertThat(stats.openConnections(Transport.UDP)).isZero();
        assertThat(stats.openConnections()).containsExactly(entry(Transport.TCP, 1), entry(Transport.WS, 1));

        tcp.close();
        assertThat(stats.openConnections(Transport.TCP)).isZero();
        assertThat(stats.openConnections(Transport.WS)).isEqualTo(1);
        ws.close();
        refused.close();
        assertThat(stats.openConnections()).containsExactly(entry(Transport.TCP, 0), entry(Transport.WS, 0));
    }
}
