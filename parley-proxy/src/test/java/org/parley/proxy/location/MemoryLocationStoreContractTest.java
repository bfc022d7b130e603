package org.parley.proxy.location;

import org.parley.testkit.VirtualClock;

/** {@link MemoryLocationStore} keeps the {@link LocationStoreContract}. */
class MemoryLocationStoreContractTest extends LocationStoreContract {
    @Override
    protected LocationStore newStore(VirtualClock clock, int maxBindings) {
        return new MemoryLocationStore(clock, maxBindings);
    }
}
