package org.iocmap.layers.kinds;

import java.nio.file.Path;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** Runs the vessel positions contract on the embedded H2 + H2GIS store. */
class H2VesselPositionsTest extends VesselPositionsContract {
    @TempDir
    static Path dataDir;

    private static Store store;

    @Override
    protected Store store() {
        if (store == null) {
            store = TestStores.h2gis(dataDir);
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
