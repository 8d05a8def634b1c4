package org.iocmap.layers.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreSettings;
import org.iocmap.layers.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the report store contract on PostgreSQL + PostGIS, named by {@code IOCMAP_TEST_DB_URL}, in a schema of its own.
 * Concurrent retries with one client key meet PostgreSQL's unique index here, with real row locks.
 */
class PostgisReportStoreIT extends ReportStoreContract {
    private static final String SCHEMA = "report_store_it";
    private static Store store;

    @BeforeAll
    static void open() throws SQLException {
        StoreSettings settings = TestStores.postgisSettings().orElse(null);
        assertTrue(settings != null, "set IOCMAP_TEST_DB_URL (and _USER, _PASSWORD) to a PostGIS database");
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        // PostGIS types live in public; the tables go into the first schema of the search path.
        String url = settings.jdbcUrl();
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public";
        store = Store.open(new StoreSettings(schemaUrl, settings.user(), settings.password(), 16));
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
