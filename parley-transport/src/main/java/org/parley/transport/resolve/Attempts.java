package org.parley.transport.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * What one location attempt looked up and what came back, for the message of a
 * {@link LocationException}, e.g. "NAPTR example.com: no records; SRV _sip._udp.example.com:
 * NXDOMAIN". Guarded by the lock on {@code this}.
 */
final class Attempts {
    private final List<String> notes = new ArrayList<>();

    synchronized void note(String lookup, String outcome) {
        notes.add(lookup + ": " + outcome);
    }

    @Override
    public synchronized String toString() {
        return notes.isEmpty() ? "no lookups" : String.join("; ", notes);
    }
}
