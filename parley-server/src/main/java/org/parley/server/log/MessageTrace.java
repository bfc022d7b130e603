package org.parley.server.log;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.parley.message.SipMessage;
import org.parley.message.SipParseException;
import org.parley.message.SipRequest;
import org.parley.message.uri.SipUri;
import org.parley.message.uri.Uri;
import org.parley.transport.InboundHandler;
import org.parley.transport.Transport;
import org.parley.transport.TransportLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP message tracing switched at run time (issue #8): every message received from or sent to a traced
 * address, or whose From, To or Request-URI user is a traced user, is logged whole at INFO to the logger
 * {@value #LOGGER}. The admin API's {@code /api/trace} switches it; {@link #tracing(InboundHandler)} and
 * {@link #tracing(TransportLayer)} put it on the message path.
 *
 * <p>When nothing is traced, the check on the message path is one volatile read. Thread-safe: the rules are
 * an immutable snapshot replaced under this object's lock, read without one.
 */
public final class MessageTrace {
    /** The logger traced messages go to; route or silence it in the Logback configuration. */
    public static final String LOGGER = "parley.trace";
    private static final Logger TRACE = LoggerFactory.getLogger(LOGGER);

    /**
     * What is traced now. Immutable.
     *
     * @param addresses the peer addresses (any port) whose messages are traced, both directions
     * @param users the users (From, To or Request-URI user part, compared case-sensitively as RFC 3261
     *     §19.1.4 compares users) whose messages are traced
     */
    public record Rules(Set<InetAddress> addresses, Set<String> users) {
        /** Nothing traced. */
        public static final Rules NONE = new Rules(Set.of(), Set.of());

        /** Copies the sets, keeping their order. */
        public Rules {
            addresses = Collections.unmodifiableSet(new LinkedHashSet<>(addresses));
            users = Collections.unmodifiableSet(new LinkedHashSet<>(users));
        }

        /** True when nothing is traced. */
        public boolean isEmpty() {
            return addresses.isEmpty() && users.isEmpty();
        }
    }

    /** The rules in force; null when nothing is traced, so the message path reads one field and stops. */
    private volatile Rules active;

    /** The rules in force ({@link Rules#NONE} when tracing is off). */
    public Rules rules() {
        Rules r = active;
        return r == null ? Rules.NONE : r;
    }

    /** True when anything is traced. */
    public boolean isOn() {
        return active != null;
    }

    /** Traces the messages from and to {@code address}. */
    public synchronized void traceAddress(InetAddress address) {
        Objects.requireNonNull(address, "address");
        Rules r = rules();
        Set<InetAddress> a = new LinkedHashSet<>(r.addresses());
        a.add(address);
        replace(new Rules(a, r.users()));
    }

    /** Stops tracing {@code address}; false when it was not traced. */
    public synchronized boolean untraceAddress(InetAddress address) {
        Rules r = rules();
        Set<InetAddress> a = new LinkedHashSet<>(r.addresses());
        boolean removed = a.remove(address);
        replace(new Rules(a, r.users()));
        return removed;
    }

    /** Traces the messages whose From, To or Request-URI user is {@code user}. */
    public synchronized void traceUser(String user) {
        if (Objects.requireNonNull(user, "user").isEmpty()) {
            throw new IllegalArgumentException("user must not be empty");
        }
        Rules r = rules();
        Set<String> u = new LinkedHashSet<>(r.users());
        u.add(user);
        replace(new Rules(r.addresses(), u));
    }

    /** Stops tracing {@code user}; false when it was not traced. */
    public synchronized boolean untraceUser(String user) {
        Rules r = rules();
        Set<String> u = new LinkedHashSet<>(r.users());
        boolean removed = u.remove(user);
        replace(new Rules(r.addresses(), u));
        return removed;
    }

    /** Stops all tracing. */
    public synchronized void clear() {
        replace(Rules.NONE);
    }

    private void replace(Rules r) {
        active = r.isEmpty() ? null : r;
    }

    /** Logs {@code message}, received over {@code transport} from {@code from}, when a rule matches it. */
    public void received(SipMessage message, Transport transport, InetSocketAddress from) {
        Rules r = active;
        if (r != null && matches(r, message, from)) {
            TRACE.info("received from {} {}:\n{}", transport, from, message);
        }
    }

    /** Logs {@code message}, sent over {@code transport} to {@code to}, when a rule matches it. */
    public void sent(SipMessage message, Transport transport, InetSocketAddress to) {
        Rules r = active;
        if (r != null && matches(r, message, to)) {
            TRACE.info("sent to {} {}:\n{}", transport, to, message);
        }
    }

    private static boolean matches(Rules r, SipMessage message, InetSocketAddress peer) {
        if (!r.addresses().isEmpty() && peer.getAddress() != null && r.addresses().contains(peer.getAddress())) {
            return true;
        }
        if (r.users().isEmpty()) {
            return false;
        }
        try {
            if (message instanceof SipRequest request && hasUser(request.requestUri(), r.users())) {
                return true;
            }
            return hasUser(message.from().uri(), r.users()) || hasUser(message.to().uri(), r.users());
        } catch (SipParseException e) {
            // A header too broken to read names no user; the message is the parser's to refuse, not ours.
            return false;
        }
    }

    private static boolean hasUser(Uri uri, Set<String> users) {
        return uri instanceof SipUri sip && sip.user().filter(users::contains).isPresent();
    }

    /** A handler that traces each message received, then hands it to {@code next}. */
    public InboundHandler tracing(InboundHandler next) {
        Objects.requireNonNull(next, "next");
        return inbound -> {
            received(inbound.message(), inbound.source().transport(), inbound.source().remote());
            next.onMessage(inbound);
        };
    }

    /** A transport layer that traces each message sent through {@code delegate}. */
    public TransportLayer tracing(TransportLayer delegate) {
        return new TracingTransportLayer(delegate, this);
    }
}
