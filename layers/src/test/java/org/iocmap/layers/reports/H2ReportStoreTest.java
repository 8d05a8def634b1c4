package org.iocmap.layers.reports;

import java.nio.file.Path;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Runs the report store contract on the embedded H2 + H2GIS store, in a file of its own. */
class H2ReportStoreTest extends ReportStoreContract {
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
