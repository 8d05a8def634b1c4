package org.iocmap.layers.kinds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreSettings;
import org.iocmap.layers.store.TestStores;
import org.junit.jupiter.api.AfterAll;

/** Runs the vessel positions contract on PostgreSQL + PostGIS (positions written with COPY), named by {@code IOCMAP_TEST_DB_URL}. */
class PostgisVesselPositionsIT extends VesselPositionsContract {
    private static Store store;

    @Override
    protected Store store() {
        if (store == null) {
            StoreSettings settings = TestStores.postgisSettings().orElse(null);
            assertTrue(settings != null, "set IOCMAP_TEST_DB_URL (and _USER, _PASSWORD) to a PostGIS database");
            store = Store.open(settings);
        }
        return store;
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
