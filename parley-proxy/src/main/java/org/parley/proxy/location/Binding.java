package org.parley.proxy.location;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.message.uri.Uri;
import org.parley.transport.Source;

/**
 * One binding of an address-of-record to a contact (RFC 3261 §10): what a REGISTER created or last
 * refreshed, and what the proxy needs to reach the contact later. Immutable.
 *
 * @param aor the address-of-record it belongs to
 * @param contact the Contact as registered, with its parameters (q, {@code +sip.instance},
 *        {@code reg-id}, feature tags) and without {@code expires}
 * @param expiresAt when it lapses (RFC 3261 §10.3 step 7)
 * @param callId the Call-ID of the REGISTER that last wrote it (§10.3 step 7 ordering)
 * @param cseq the CSeq number of that REGISTER
 * @param path the Path of that REGISTER, topmost first (RFC 3327 §5.3), empty when none
 * @param instanceId the {@code +sip.instance} (RFC 5626 §4.1) without quotes, empty when none
 * @param regId the {@code reg-id} (RFC 5626 §4.2) when outbound processing applied to it, else empty
 * @param source where the REGISTER came from: transport, remote and local address and connection
 *        id, for reaching a client behind a NAT over its flow (RFC 5626 §5.3)
 * @param userAgent the REGISTER's User-Agent, empty when none
 */
public record Binding(AddressOfRecord aor, Contact contact, Instant expiresAt, String callId, long cseq,
        List<Address> path, Optional<String> instanceId, OptionalInt regId, Source source,
        Optional<String> userAgent) {
    /** Checks the parts and copies the list. */
    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        if (contact.isWildcard()) {
            throw new IllegalArgumentException("a binding needs a contact address, was the wildcard '*'");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(callId, "callId");
        if (cseq < 0) {
            throw new IllegalArgumentException("cseq must not be negative, was " + cseq);
        }
        path = List.copyOf(path);
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(regId, "regId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** The contact URI: bindings of one record are distinct by it (RFC 3261 §10.3 step 7, §19.1.4). */
    public Uri uri() {
        return contact.address().orElseThrow().uri();
    }

    /** The q-value in thousandths, 0..1000; 1000 when the contact gave none (RFC 3261 §16.6 step 2 reading). */
    public int qThousandths() {
        return contact.qThousandths().orElse(1000);
    }

    /** True when RFC 5626 outbound processing keyed this binding by its instance and reg-id. */
    public boolean isOutbound() {
        return instanceId.isPresent() && regId.isPresent();
    }

    /** True when the binding has lapsed at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whole seconds left at {@code now}, rounded up so a live binding never reads 0; 0 once lapsed. */
    public long remainingSeconds(Instant now) {
        long millis = Duration.between(now, expiresAt).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /**
     * True when {@code other} is the same binding slot of the record: the same instance and reg-id for
     * outbound bindings (RFC 5626 §6), else equal contact URIs (RFC 3261 §10.3 step 7, §19.1.4).
     */
    public boolean isSameSlot(Binding other) {
        if (isOutbound() || other.isOutbound()) {
            return isOutbound() && other.isOutbound() && instanceId.equals(other.instanceId)
                    && regId.equals(other.regId);
        }
        return uri().equals(other.uri());
    }
}
