package org.parley.ua;

/**
 * Where a {@link Registration} is (RFC 3261 §10.2):
 *
 * <pre>
 *  NEW ──start()──► REGISTERING ──2xx──► REGISTERED ──refresh fails──► RETRYING ──2xx──► REGISTERED
 *                        │                   │  ▲ refresh 2xx               │ (back-off)
 *                        └─fails─► FAILED     │  └───────────┘               │
 *                                    unregister()/close() from any live state
 *                                             ▼
 *                                      UNREGISTERING ──2xx──► UNREGISTERED (fails ─► FAILED)
 * </pre>
 */
public enum RegistrationState {
    /** Made, not started. */
    NEW,
    /** The first REGISTER is on its way (or being retried after 423 or a challenge). */
    REGISTERING,
    /** The registrar holds the binding; a refresh is scheduled before it expires. */
    REGISTERED,
    /** A refresh failed; another attempt is scheduled with back-off. The binding may have expired. */
    RETRYING,
    /** The REGISTER with expires 0 is on its way (RFC 3261 §10.2.2). */
    UNREGISTERING,
    /** The registrar removed the binding, or it was never made; nothing more is sent. */
    UNREGISTERED,
    /** The first REGISTER or the removal failed; nothing more is sent. */
    FAILED,
    /**
     * {@link Registration#release()}: the binding is left at the registrar to expire by itself
     * (as a one-shot registration tool wants); nothing more is sent, not even at close.
     */
    RELEASED;

    /** True in the states in which the registrar may hold this binding and the UA keeps working on it. */
    public boolean isLive() {
        return this == REGISTERING || this == REGISTERED || this == RETRYING || this == UNREGISTERING;
    }
}
