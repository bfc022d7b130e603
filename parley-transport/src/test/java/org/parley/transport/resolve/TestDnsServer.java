package org.parley.transport.resolve;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative DNS server for tests, on a loopback address and an ephemeral port, over UDP and
 * TCP on the same port number. It answers from the records a test adds (RDATA encoded here,
 * uncompressed), says NXDOMAIN for names it holds no record of, puts the SOA of the enclosing zone
 * (when one was added) in the authority section of NXDOMAIN and NODATA answers (RFC 2308 §3),
 * answers a CNAME without following it, truncates UDP answers for the names a test asks it to,
 * and counts every query by name and type. A silent server counts but never answers.
 * Thread-safe: records and counts live in concurrent maps; the server runs on its own event loop.
 * Public so that transport tests (RFC 3263 §5 responses) can use it too.
 */
public final class TestDnsServer implements AutoCloseable {
    private record Rr(DnsRecordType type, long ttl, byte[] rdata) { }

    private final Map<String, List<Rr>> records = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final Map<String, Rr> soas = new ConcurrentHashMap<>();
    private final Set<String> truncated = ConcurrentHashMap.newKeySet();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger overTcp = new AtomicInteger();
    private final boolean silent;
    private final EventLoopGroup group;
    private final Channel channel;
    private final Channel tcpChannel;

    private TestDnsServer(String bindAddress, boolean silent) {
        this.silent = silent;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
            .handler(new ChannelInitializer<DatagramChannel>() {
                @Override
                protected void initChannel(DatagramChannel ch) {
                    ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                        new Answerer());
                }
            })
            .bind(new InetSocketAddress(bindAddress, 0)).syncUninterruptibly().channel();
        ChannelFuture tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new TcpDnsQueryDecoder(), new TcpDnsResponseEncoder(), new TcpAnswerer());
                }
            })
            .bind(address()).awaitUninterruptibly();
        // The UDP port is ephemeral; TCP on the same number is free almost always. When it is not,
        // the server runs without TCP and a test of TCP fallback fails, saying why.
        this.tcpChannel = tcp.isSuccess() ? tcp.channel() : null;
    }

    /** A server answering on 127.0.0.1. */
    public static TestDnsServer start() {
        return new TestDnsServer("127.0.0.1", false);
    }

    /** A server answering on ::1. */
    public static TestDnsServer startOnIpv6Loopback() {
        return new TestDnsServer("::1", false);
    }

    /** A server on 127.0.0.1 that never answers. */
    public static TestDnsServer startSilent() {
        return new TestDnsServer("127.0.0.1", true);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** RFC 3403 §4.1 NAPTR with flag "s" and an empty regexp, as RFC 3263 §4.1 uses it. */
    public TestDnsServer naptr(String name, long ttl, int order, int preference, String service, String replacement) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(order).writeShort(preference);
        characterString(b, "s");
        characterString(b, service);
        characterString(b, "");
        name(b, replacement);
        return add(name, DnsRecordType.NAPTR, ttl, b);
    }

    /** RFC 2782 SRV. */
    public TestDnsServer srv(String name, long ttl, int priority, int weight, int port, String target) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(priority).writeShort(weight).writeShort(port);
        name(b, target);
        return add(name, DnsRecordType.SRV, ttl, b);
    }

    /** An A or AAAA record, by the address's family. */
    public TestDnsServer address(String name, long ttl, String ip) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        DnsRecordType type = bytes.length == 4 ? DnsRecordType.A : DnsRecordType.AAAA;
        return add(name, type, ttl, Unpooled.wrappedBuffer(bytes));
    }

    /** A CNAME record (RFC 1035 §3.3.1): queries of any other type for {@code name} get it alone. */
    public TestDnsServer cname(String name, long ttl, String canonical) {
        ByteBuf b = Unpooled.buffer();
        name(b, canonical);
        return add(name, DnsRecordType.CNAME, ttl, b);
    }

    /**
     * The SOA of {@code zone} (RFC 1035 §3.3.13), sent in the authority section of negative answers
     * for names in the zone; {@code minimum} is the negative TTL of RFC 2308 §4.
     */
    public TestDnsServer soa(String zone, long ttl, long minimum) {
        ByteBuf b = Unpooled.buffer();
        name(b, "ns." + zone);
        name(b, "hostmaster." + zone);
        b.writeInt(1).writeInt(3600).writeInt(600).writeInt(86_400).writeInt((int) minimum);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        soas.put(normalize(zone), new Rr(DnsRecordType.SOA, ttl, bytes));
        return this;
    }

    /** Over UDP, answers for {@code name} come truncated (TC set, no records); over TCP, whole. */
    public TestDnsServer truncateOverUdp(String name) {
        truncated.add(normalize(name));
        return this;
    }

    /** Queries received over TCP. */
    public int tcpQueries() {
        return overTcp.get();
    }

    /** Queries received for {@code name} of {@code type}. */
    public int queries(String name, DnsRecordType type) {
        AtomicInteger n = queries.get(key(name, type));
        return n == null ? 0 : n.get();
    }

    /** Queries received in all. */
    public int totalQueries() {
        return total.get();
    }

    private TestDnsServer add(String name, DnsRecordType type, long ttl, ByteBuf rdata) {
        byte[] bytes = new byte[rdata.readableBytes()];
        rdata.readBytes(bytes);
        rdata.release();
        records.computeIfAbsent(normalize(name), n -> new CopyOnWriteArrayList<>()).add(new Rr(type, ttl, bytes));
        return this;
    }

    private static void characterString(ByteBuf b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        b.writeByte(bytes.length).writeBytes(bytes);
    }

    /** RFC 1035 §3.1 name, uncompressed. */
    private static void name(ByteBuf b, String name) {
        String n = normalize(name);
        if (!n.isEmpty()) {
            for (String label : n.split("\\.")) {
                characterString(b, label);
            }
        }
        b.writeByte(0);
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static String key(String name, DnsRecordType type) {
        return normalize(name) + " " + type.name();
    }

    /** Counts the query and fills {@code response} for it; false for a silent server. */
    private boolean answer(DnsQuery query, DnsResponse response, boolean udp) {
        DnsQuestion question = query.recordAt(DnsSection.QUESTION);
        queries.computeIfAbsent(key(question.name(), question.type()), k -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        if (!udp) {
            overTcp.incrementAndGet();
        }
        if (silent) {
            return false;
        }
        response.setAuthoritativeAnswer(true);
        response.setRecursionDesired(query.isRecursionDesired());
        response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
        String name = normalize(question.name());
        if (udp && truncated.contains(name)) {
            response.setTruncated(true);
            return true;
        }
        List<Rr> held = records.get(name);
        if (held == null) {
            response.setCode(DnsResponseCode.NXDOMAIN);
            addSoa(response, name);
            return true;
        }
        boolean any = false;
        Rr cname = held.stream().filter(rr -> rr.type().equals(DnsRecordType.CNAME)).findFirst().orElse(null);
        for (Rr rr : held) {
            boolean wanted = cname != null && !question.type().equals(DnsRecordType.CNAME) ? rr == cname
                : rr.type().equals(question.type());
            if (wanted) {
                any = true;
                response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), rr.type(),
                    rr.ttl(), Unpooled.wrappedBuffer(rr.rdata())));
            }
        }
        if (!any) {
            addSoa(response, name);
        }
        return true;
    }

    /** RFC 2308 §3: the SOA of the closest enclosing zone goes in the authority section. */
    private void addSoa(DnsResponse response, String name) {
        String zone = name;
        while (!zone.isEmpty()) {
            Rr soa = soas.get(zone);
            if (soa != null) {
                response.addRecord(DnsSection.AUTHORITY, new DefaultDnsRawRecord(zone + ".", DnsRecordType.SOA,
                    soa.ttl(), Unpooled.wrappedBuffer(soa.rdata())));
                return;
            }
            int dot = zone.indexOf('.');
            zone = dot < 0 ? "" : zone.substring(dot + 1);
        }
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            if (answer(query, response, true)) {
                ctx.writeAndFlush(response);
            } else {
                response.release();
            }
        }
    }

    private final class TcpAnswerer extends SimpleChannelInboundHandler<DnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
            DefaultDnsResponse response = new DefaultDnsResponse(query.id());
            if (answer(query, response, false)) {
                ctx.writeAndFlush(response);
            } else {
                response.release();
            }
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (tcpChannel != null) {
            tcpChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
