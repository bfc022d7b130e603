package org.parley.transport.resolve;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative DNS server for tests, on a loopback address and an ephemeral UDP port. It answers
 * from the records a test adds (RDATA encoded here, uncompressed), says NXDOMAIN for names it holds
 * no record of, and counts every query by name and type. A silent server counts but never answers.
 * Thread-safe: records and counts live in concurrent maps; the server runs on its own event loop.
 * Public so that transport tests (RFC 3263 §5 responses) can use it too.
 */
public final class TestDnsServer implements AutoCloseable {
    private record Rr(DnsRecordType type, long ttl, byte[] rdata) { }

    private final Map<String, List<Rr>> records = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final boolean silent;
    private final EventLoopGroup group;
    private final Channel channel;

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

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            queries.computeIfAbsent(key(question.name(), question.type()), k -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            if (silent) {
                return;
            }
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setAuthoritativeAnswer(true);
            response.setRecursionDesired(query.isRecursionDesired());
            response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
            List<Rr> held = records.get(normalize(question.name()));
            if (held == null) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            } else {
                for (Rr rr : held) {
                    if (rr.type().equals(question.type())) {
                        response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), rr.type(),
                            rr.ttl(), Unpooled.wrappedBuffer(rr.rdata())));
                    }
                }
            }
            ctx.writeAndFlush(response);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
