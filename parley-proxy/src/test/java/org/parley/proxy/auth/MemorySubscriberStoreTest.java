package org.parley.proxy.auth;

/** {@link MemorySubscriberStore} keeps the {@link SubscriberStoreContract}. */
class MemorySubscriberStoreTest extends SubscriberStoreContract {
    @Override
    protected SubscriberStore newStore() {
        return new MemorySubscriberStore();
    }
}
