package org.parley.bench;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.parley.message.HeaderName;
import org.parley.message.SipMessage;
import org.parley.message.SipParser;
import org.parley.message.header.Address;
import org.parley.message.header.CSeq;
import org.parley.message.header.Contact;

/**
 * Parses a realistic 930-byte INVITE ({@link SampleMessages#INVITE}) and reads the headers a proxy
 * routes on: top Via branch, From tag, To tag, Call-ID, CSeq, Max-Forwards, every Route and every
 * Contact; optionally serializes the message again, or changes it as a proxy does (RFC 3261 §16.6:
 * push a Via, decrement Max-Forwards, pop the top Route) and serializes that. The same work is
 * measured with JAIN-SIP's reference implementation ({@code gov.nist.javax.sip.parser.StringMsgParser})
 * on the same bytes, in the same JMH run, so that the ratio survives the noise of a shared machine.
 *
 * <p>Every operation parses the same immutable byte array afresh; nothing parsed is reused across
 * operations. {@link #setUp()} checks that both parsers read the same values from the message, so
 * a benchmark cannot measure a parser that silently did nothing. Run with {@code bench/run-parse.sh};
 * results and method are in {@code docs/BENCHMARKS.md}.
 *
 * <p>State is per thread and only read by the benchmark methods.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ParseBenchmark {
    /** The Via a proxy pushes (RFC 3261 §16.6 step 8); the same for both stacks. */
    private static final String PROXY_HOST = "198.51.100.1";
    private static final int PROXY_PORT = 5060;
    private static final String PROXY_BRANCH = "z9hG4bK-parley-bench-7f3a";
    private static final String PROXY_VIA = "SIP/2.0/UDP " + PROXY_HOST + ":" + PROXY_PORT + ";branch=" + PROXY_BRANCH;

    private byte[] invite;
    private StringMsgParser jainParser;
    private HeaderFactory jainHeaders;

    /** Loads the message and checks that both parsers see the same routing values in it. */
    @Setup
    public void setUp() throws ParseException, InvalidArgumentException, SipException {
        invite = SampleMessages.load(SampleMessages.INVITE);
        jainParser = new StringMsgParser();
        jainHeaders = new HeaderFactoryImpl();
        checkParsersAgree();
    }

    // ---- Parley -------------------------------------------------------------------------------

    /**
     * Parse only: the start line and the index of header lines, no header value decoded. Not a
     * comparison with JAIN-SIP, which decodes every header while parsing; it shows what the reads
     * below add.
     */
    @Benchmark
    public SipMessage parleyParseOnly() {
        return SipParser.parse(invite);
    }

    /** Parse, then read the routing headers. */
    @Benchmark
    public void parleyParseAndReadRoutingHeaders(Blackhole bh) {
        readRouting(SipParser.parse(invite), bh);
    }

    /** Parse, read the routing headers, serialize (an untouched message gives its own bytes). */
    @Benchmark
    public byte[] parleyParseReadAndSerialize(Blackhole bh) {
        SipMessage m = SipParser.parse(invite);
        readRouting(m, bh);
        return m.toBytes();
    }

    /** Parse, read, and write the canonical form, which rebuilds every header line as JAIN-SIP does. */
    @Benchmark
    public byte[] parleyParseReadAndSerializeCanonical(Blackhole bh) {
        SipMessage m = SipParser.parse(invite);
        readRouting(m, bh);
        return m.toCanonicalBytes();
    }

    /** Parse, read, then forward as a proxy: push a Via, Max-Forwards 69, pop the top Route. */
    @Benchmark
    public byte[] parleyParseModifySerialize(Blackhole bh) {
        SipMessage m = SipParser.parse(invite);
        readRouting(m, bh);
        return forward(m);
    }

    private static byte[] forward(SipMessage m) {
        return m.toBuilder()
                .addFirst(HeaderName.VIA, PROXY_VIA)
                .set(HeaderName.MAX_FORWARDS, Integer.toString(m.maxForwards().orElse(70) - 1))
                .removeFirst(HeaderName.ROUTE)
                .build()
                .toBytes();
    }

    private static void readRouting(SipMessage m, Blackhole bh) {
        bh.consume(m.topVia().branch().orElse(null));
        bh.consume(m.fromTag().orElse(null));
        bh.consume(m.toTag().orElse(null));
        bh.consume(m.callId());
        CSeq cseq = m.cseq();
        bh.consume(cseq.number());
        bh.consume(cseq.method());
        bh.consume(m.maxForwards().orElse(-1));
        for (Address route : m.routes()) {
            bh.consume(route.uri());
        }
        for (Contact contact : m.contacts()) {
            bh.consume(contact.address().map(Address::uri).orElse(null));
        }
    }

    // ---- JAIN-SIP RI ------------------------------------------------------------------------------

    /** Parse with JAIN-SIP, then read the routing headers through the javax.sip API. */
    @Benchmark
    public void jainSipParseAndReadRoutingHeaders(Blackhole bh) throws ParseException {
        readRouting(jainParse(), bh);
    }

    /** Parse and read with JAIN-SIP, then serialize with {@code encodeAsBytes}. */
    @Benchmark
    public byte[] jainSipParseReadAndSerialize(Blackhole bh) throws ParseException {
        SIPMessage m = jainParse();
        readRouting(m, bh);
        return m.encodeAsBytes("UDP");
    }

    /** Parse and read with JAIN-SIP, then the same proxy changes as Parley's, and serialize. */
    @Benchmark
    public byte[] jainSipParseModifySerialize(Blackhole bh)
            throws ParseException, InvalidArgumentException, SipException {
        SIPMessage m = jainParse();
        readRouting(m, bh);
        return forward(m);
    }

    private byte[] forward(SIPMessage m) throws ParseException, InvalidArgumentException, SipException {
        m.addFirst(jainHeaders.createViaHeader(PROXY_HOST, PROXY_PORT, "UDP", PROXY_BRANCH));
        MaxForwardsHeader maxForwards = m.getMaxForwards();
        maxForwards.setMaxForwards(maxForwards.getMaxForwards() - 1);
        m.removeFirst(RouteHeader.NAME);
        return m.encodeAsBytes("UDP");
    }

    private SIPMessage jainParse() throws ParseException {
        return jainParser.parseSIPMessage(invite, true, false, null);
    }

    private static void readRouting(SIPMessage m, Blackhole bh) {
        bh.consume(m.getTopmostViaHeader().getBranch());
        bh.consume(m.getFromHeader().getTag());
        bh.consume(m.getToHeader().getTag());
        bh.consume(m.getCallIdHeader().getCallId());
        CSeqHeader cseq = m.getCSeqHeader();
        bh.consume(cseq.getSeqNumber());
        bh.consume(cseq.getMethod());
        bh.consume(m.getMaxForwards().getMaxForwards());
        for (ListIterator<?> it = m.getHeaders(RouteHeader.NAME); it.hasNext(); ) {
            bh.consume(((RouteHeader) it.next()).getAddress().getURI());
        }
        for (ListIterator<?> it = m.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            bh.consume(((ContactHeader) it.next()).getAddress());
        }
    }

    // ---- sanity check -------------------------------------------------------------------------

    /**
     * Throws unless Parley and JAIN-SIP read the same routing values, JAIN-SIP's serialization
     * parses back (with Parley) to the same values, and the Parley variants give what they claim.
     */
    private void checkParsersAgree() throws ParseException, InvalidArgumentException, SipException {
        SipMessage p = SipParser.parse(invite);
        SIPMessage j = jainParse();
        List<String> parley = routingValues(p);
        List<String> jain = routingValues(j);
        require(parley.equals(jain), "Parley and JAIN-SIP disagree:\n  Parley   " + parley + "\n  JAIN-SIP " + jain);
        require(parley.stream().noneMatch(Objects::isNull), "a routing value is missing: " + parley);

        SipMessage reparsed = SipParser.parse(j.encodeAsBytes("UDP"));
        require(routingValues(reparsed).equals(parley), "JAIN-SIP's serialization reads back differently: "
                + routingValues(reparsed));
        require(reparsed.bodyText().equals(p.bodyText()), "JAIN-SIP's serialization changed the body");

        require(Arrays.equals(p.toBytes(), invite), "Parley's serialization differs");
        require(routingValues(SipParser.parse(p.toCanonicalBytes())).equals(parley),
                "Parley's canonical form reads back differently");
        checkForwarded(SipParser.parse(forward(SipParser.parse(invite))), "Parley");
        checkForwarded(SipParser.parse(forward(jainParse())), "JAIN-SIP");
    }

    private static void checkForwarded(SipMessage m, String who) {
        require(m.vias().size() == 2 && m.topVia().branch().orElseThrow().equals(PROXY_BRANCH)
                && m.maxForwards().orElse(-1) == 69 && m.routes().size() == 1 && m.bodyLength() == 216,
                who + "'s forwarded message is wrong:\n" + m);
    }

    private static List<String> routingValues(SipMessage m) {
        List<String> values = new ArrayList<>(List.of(m.topVia().branch().orElse("-"), m.fromTag().orElse("-"),
                m.toTag().orElse("-"), m.callId(), Long.toString(m.cseq().number()), m.cseq().method().name(),
                Integer.toString(m.maxForwards().orElse(-1))));
        for (Address route : m.routes()) {
            values.add(route.uri().toString());
        }
        for (Contact contact : m.contacts()) {
            values.add(contact.address().orElseThrow().uri().toString());
        }
        return values;
    }

    private static List<String> routingValues(SIPMessage m) {
        ViaHeader via = m.getTopmostViaHeader();
        List<String> values = new ArrayList<>(List.of(via.getBranch(), m.getFromHeader().getTag(),
                m.getToHeader().getTag(), m.getCallIdHeader().getCallId(),
                Long.toString(m.getCSeqHeader().getSeqNumber()), m.getCSeqHeader().getMethod(),
                Integer.toString(m.getMaxForwards().getMaxForwards())));
        for (ListIterator<?> it = m.getHeaders(RouteHeader.NAME); it.hasNext(); ) {
            values.add(uriText(((RouteHeader) it.next()).getAddress().getURI()));
        }
        for (ListIterator<?> it = m.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
            values.add(uriText(((ContactHeader) it.next()).getAddress().getURI()));
        }
        return values;
    }

    private static String uriText(URI uri) {
        return uri.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
