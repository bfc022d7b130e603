package org.parley.proxy.core;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.parley.message.HeaderName;
import org.parley.message.SipMessage;
import org.parley.message.SipParser;
import org.parley.message.SipRequest;
import org.parley.message.SipResponse;
import org.parley.message.uri.SipUri;
import org.parley.proxy.location.MemoryLocationStore;
import org.parley.proxy.registrar.Registrar;
import org.parley.proxy.registrar.RegistrarConfig;
import org.parley.testkit.MemoryEndpoint;
import org.parley.testkit.MemoryNetwork;
import org.parley.transaction.TransactionConfig;
import org.parley.transaction.TransactionLayer;
import org.parley.transaction.VirtualLane;
import org.parley.transport.Inbound;
import org.parley.transport.Transport;
import org.parley.transport.resolve.ServerLocator;
import org.parley.transport.resolve.Target;

/**
 * A proxy for {@code example.test} at {@link #PROXY} on a memory network, in virtual time on one
 * lane, and plain endpoints (user agents written by hand) that record what reaches them and answer
 * only when told. The locator resolves IP-literal URIs to themselves, and {@code example.test} to
 * the proxy.
 */
final class ProxyHarness implements AutoCloseable {
    static final String DOMAIN = "example.test";
    static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 5060);
    static final InetSocketAddress ALICE = new InetSocketAddress("127.0.0.2", 5070);
    static final InetSocketAddress BOB = new InetSocketAddress("127.0.0.3", 5080);
    static final InetSocketAddress CAROL = new InetSocketAddress("127.0.0.4", 5090);
    static final InetSocketAddress FAR = new InetSocketAddress("127.0.0.5", 5060);

    final MemoryNetwork network = new MemoryNetwork();
    final VirtualLane lane = new VirtualLane();
    final MemoryLocationStore locations = new MemoryLocationStore(network.clock());
    final Map<InetSocketAddress, List<Inbound>> received = new HashMap<>();
    final Map<InetSocketAddress, MemoryEndpoint> peers = new HashMap<>();
    final Proxy proxy;
    final TransactionLayer layer;
    private int callCounter;

    ProxyHarness() {
        this(UnaryOperator.identity(), b -> b);
    }

    ProxyHarness(UnaryOperator<ProxyConfig> config, UnaryOperator<Proxy.Builder> builder) {
        for (InetSocketAddress a : List.of(ALICE, BOB, CAROL, FAR)) {
            List<Inbound> got = new ArrayList<>();
            received.put(a, got);
            peers.put(a, network.endpoint(a, Set.of(Transport.UDP, Transport.TCP), got::add));
        }
        Registrar registrar = Registrar.open(RegistrarConfig.forDomain(DOMAIN), locations, network.clock());
        proxy = builder.apply(Proxy.builder(config.apply(ProxyConfig.forDomains(List.of(DOMAIN))))
                .locations(locations).registrar(registrar).clock(network.clock()).locator(locator())).build();
        layer = TransactionLayer.start(TransactionConfig.defaults().withLanes(1).withMergedRequestDetection(false),
                List.of(lane), proxy, h -> network.endpoint(PROXY, Set.of(Transport.UDP, Transport.TCP), h));
        proxy.attach(layer);
    }

    /** IP-literal URIs locate to themselves (transport parameter, else UDP); example.test to the proxy. */
    static ServerLocator locator() {
        return uri -> {
            Transport t = uri.transport().map(Transport::of).orElse(Transport.UDP);
            String host = uri.host().text();
            if (host.equals(DOMAIN)) {
                return CompletableFuture.completedFuture(List.of(new Target(t, PROXY, DOMAIN)));
            }
            if (!uri.host().isIpAddress()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("no such host " + host));
            }
            int port = uri.port().orElse(t.defaultPort());
            return CompletableFuture.completedFuture(List.of(new Target(t, new InetSocketAddress(host, port), host)));
        };
    }

    void settle() {
        network.settle(lane::runPending);
    }

    /** Moves virtual time by {@code ms} in steps of {@code step} ms, delivering what is sent on the way. */
    void advance(long ms, long step) {
        for (long t = 0; t < ms; t += step) {
            lane.advance(Duration.ofMillis(step));
            settle();
        }
    }

    static SipMessage parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static Target target(Transport t, InetSocketAddress to) {
        return new Target(t, to, to.getHostString());
    }

    static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** A new Call-ID. */
    String newCallId() {
        return "call-" + (++callCounter) + "@test";
    }

    /** Sends raw {@code text} from {@code from} to the proxy over {@code t}, then settles. */
    void send(InetSocketAddress from, Transport t, String text) {
        peers.get(from).send(parse(text), target(t, PROXY));
        settle();
    }

    /**
     * A request text from {@code from}: Via with {@code branch}, the given Call-ID and CSeq, From
     * {@code fromUser}@example.test with tag, To {@code toUri}, Max-Forwards 70, Contact at {@code from},
     * then {@code extra} header lines (each ending with CRLF).
     */
    static String request(String method, String requestUri, InetSocketAddress from, Transport t, String branch,
            String callId, int cseq, String fromUser, String toUri, String extra) {
        return method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + t + " " + hostPort(from) + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + fromUser + "@" + DOMAIN + ">;tag=from-" + fromUser + "\r\n"
                + "To: <" + toUri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:" + fromUser + "@" + hostPort(from) + (t.equals(Transport.UDP) ? ""
                        : ";transport=" + t.name().toLowerCase()) + ">\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    /** Registers {@code user}@example.test at {@code contact} from {@code from} over {@code t}; asserts 200. */
    void register(String user, InetSocketAddress from, Transport t, String contactParams, String extra) {
        String contact = "<sip:" + user + "@" + hostPort(from) + (t.equals(Transport.UDP) ? ""
                : ";transport=" + t.name().toLowerCase()) + ">" + contactParams;
        String text = "REGISTER sip:" + DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + t + " " + hostPort(from) + ";branch=z9hG4bK-reg-" + user + (++callCounter) + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:" + user + "@" + DOMAIN + ">;tag=r" + callCounter + "\r\n"
                + "To: <sip:" + user + "@" + DOMAIN + ">\r\nCall-ID: reg-" + user + callCounter + "\r\n"
                + "CSeq: 1 REGISTER\r\nContact: " + contact + "\r\nExpires: 3600\r\n" + extra
                + "Content-Length: 0\r\n\r\n";
        int before = responses(from, 200).size();
        send(from, t, text);
        if (responses(from, 200).size() != before + 1) {
            throw new IllegalStateException("REGISTER of " + user + " not answered 200: " + received.get(from));
        }
    }

    /** The requests that reached {@code at}, in order. */
    List<SipRequest> requests(InetSocketAddress at, String method) {
        return received.get(at).stream().filter(in -> in.message() instanceof SipRequest r
                && r.method().name().equals(method)).map(in -> (SipRequest) in.message()).toList();
    }

    /** The responses that reached {@code at} with {@code status} (0 for all), in order. */
    List<SipResponse> responses(InetSocketAddress at, int status) {
        return received.get(at).stream().filter(in -> in.message() instanceof SipResponse r
                && (status == 0 || r.statusCode() == status)).map(in -> (SipResponse) in.message()).toList();
    }

    /** The last request with {@code method} that reached {@code at}, with where it came from. */
    Inbound lastRequest(InetSocketAddress at, String method) {
        List<Inbound> all = received.get(at);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).message() instanceof SipRequest r && r.method().name().equals(method)) {
                return all.get(i);
            }
        }
        throw new IllegalStateException("no " + method + " reached " + at + ": " + all);
    }

    /**
     * {@code at} answers the last {@code method} it got with {@code status}, To tag {@code tag}, and a
     * Contact at its address for 2xx/1xx of an INVITE; the Record-Route of the request is copied
     * (RFC 3261 §12.1.1). Returns the response sent.
     */
    SipResponse answer(InetSocketAddress at, String method, int status, String tag, String extra) {
        Inbound in = lastRequest(at, method);
        SipRequest r = (SipRequest) in.message();
        var b = SipResponse.responseTo(r, status);
        if (status > 100) {
            b.set(HeaderName.TO, r.header(HeaderName.TO).orElseThrow() + ";tag=" + tag);
        }
        for (String rr : r.headerValues(HeaderName.RECORD_ROUTE)) {
            b.add(HeaderName.RECORD_ROUTE, rr);
        }
        if (status < 300 && status > 100) {
            b.add(HeaderName.CONTACT, "<sip:x@" + hostPort(at) + ">");
        }
        if (!extra.isEmpty()) {
            for (String line : extra.split("\r\n")) {
                int colon = line.indexOf(':');
                b.add(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        SipResponse response = b.build();
        peers.get(at).respond(response, in.source());
        settle();
        return response;
    }

    /** The SIP URI of a request's first Route, if any. */
    static SipUri topRoute(SipRequest r) {
        return (SipUri) r.routes().get(0).uri();
    }

    @Override
    public void close() {
        layer.close();
        peers.values().forEach(MemoryEndpoint::close);
        proxy.close();
    }
}
