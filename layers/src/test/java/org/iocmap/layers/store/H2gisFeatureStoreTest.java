package org.iocmap.layers.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Runs the store contract on the embedded H2 + H2GIS store, in a file under a temporary folder. */
class H2gisFeatureStoreTest extends FeatureStoreContract {
    @TempDir
    static Path dataDir;

    private static Store store;

    @BeforeAll
    static void open() {
        store = TestStores.h2gis(dataDir);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected Store store() {
        return store;
    }
}
