package org.iocmap.layers.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the store contract on PostgreSQL + PostGIS, named by {@code IOCMAP_TEST_DB_URL} (set by {@code .ci/run}).
 * Run with {@code mvn verify -Pit}; the profile fails when no database is named, rather than passing untested.
 */
class PostgisFeatureStoreIT extends FeatureStoreContract {
    private static Store store;

    @BeforeAll
    static void open() {
        StoreSettings settings = TestStores.postgisSettings().orElse(null);
        assertTrue(settings != null, "set IOCMAP_TEST_DB_URL (and _USER, _PASSWORD) to a PostGIS database");
        store = Store.open(settings);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    protected Store store() {
        return store;
    }
}
