package org.parley.proxy.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.parley.proxy.location.LocationStore;
import org.parley.proxy.location.LocationStoreContract;
import org.parley.testkit.VirtualClock;

/** {@link SqliteLocationStore} keeps the {@link LocationStoreContract}. */
class SqliteLocationStoreContractTest extends LocationStoreContract {
    @TempDir
    Path dir;

    @Override
    protected LocationStore newStore(VirtualClock clock) {
        return SqliteLocationStore.open(SqliteDatabase.open(dir.resolve("data")), clock,
                SqliteLocationConfig.defaults());
    }
}
