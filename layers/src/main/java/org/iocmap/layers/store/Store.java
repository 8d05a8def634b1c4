package org.iocmap.layers.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2gis.functions.factory.H2GISFunctions;
import org.hibernate.JDBCException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.exception.JDBCConnectionException;
import org.iocmap.layers.kinds.Camera;
import org.iocmap.layers.kinds.CitizenReport;
import org.iocmap.layers.kinds.EnvReading;
import org.iocmap.layers.kinds.EnvStation;
import org.iocmap.layers.kinds.FireAlarmDevice;
import org.iocmap.layers.kinds.FireAlarmEvent;
import org.iocmap.layers.kinds.FireStation;
import org.iocmap.layers.kinds.GenericFeature;
import org.iocmap.layers.kinds.LandUsePlan;
import org.iocmap.layers.kinds.LayerDefinition;
import org.iocmap.layers.kinds.UserAccount;
import org.iocmap.layers.kinds.Vessel;
import org.iocmap.layers.kinds.VesselPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the feature store: a connection pool, the schema migrated by Flyway (Hibernate only validates it), and a
 * Hibernate session factory with the spatial types of the chosen backend.
 *
 * <p>Every method blocks: call them from worker threads. Thread-safe. Failures to reach the database are thrown as
 * {@link StorageUnavailableException}, so callers can tell "try later" from a bug.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final int BATCH_SIZE = 500;

    private final StoreKind kind;
    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private final java.util.concurrent.atomic.AtomicLong loggedChanges = new java.util.concurrent.atomic.AtomicLong();

    private Store(StoreKind kind, HikariDataSource dataSource, SessionFactory sessionFactory) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
    }

    /**
     * Opens the store: connects, loads the H2GIS functions on the embedded backend, migrates and validates the
     * schema.
     *
     * @throws StorageUnavailableException when the database cannot be reached
     */
    public static Store open(StoreSettings settings) {
        StoreKind kind = settings.kind();
        HikariDataSource dataSource = createPool(settings);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common", kind.migrationLocation())
                    .load()
                    .migrate();
            if (kind == StoreKind.H2GIS) {
                // After the migrations (the loader adds tables Flyway would take for a foreign schema) and before
                // Hibernate, whose spatial functions map to H2GIS aliases. The loader skips what already exists.
                try (Connection connection = dataSource.getConnection()) {
                    H2GISFunctions.load(connection);
                    H2Functions.register(connection);
                }
            }
            SessionFactory sessionFactory = buildSessionFactory(dataSource);
            LOG.info("Store open: {} at {}", kind.id(), settings.jdbcUrl());
            return new Store(kind, dataSource, sessionFactory);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            if (isConnectionFailure(e)) {
                throw new StorageUnavailableException("cannot reach the database at " + settings.jdbcUrl(), e);
            }
            throw new IllegalStateException(
                    "cannot open the store at " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource createPool(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("iocmap-store");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxConnections());
        config.setConnectionTimeout(5_000); // a request waits at most 5 s for a connection, then gets a 503
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StorageUnavailableException("cannot reach the database at " + settings.jdbcUrl(), e);
        }
    }

    private static SessionFactory buildSessionFactory(DataSource dataSource) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, BATCH_SIZE)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.JDBC_TIME_ZONE, "UTC")
                .build();
        return new MetadataSources(registry)
                .addAnnotatedClasses(
                        LayerDefinition.class,
                        UserAccount.class,
                        Camera.class,
                        CitizenReport.class,
                        EnvStation.class,
                        EnvReading.class,
                        Vessel.class,
                        VesselPosition.class,
                        LandUsePlan.class,
                        FireAlarmDevice.class,
                        FireAlarmEvent.class,
                        FireStation.class,
                        GenericFeature.class)
                .buildMetadata()
                .buildSessionFactory();
    }

    /** Returns the backend this store runs on. */
    public StoreKind kind() {
        return kind;
    }

    /** Runs {@code work} in one transaction and returns its result; rolls back on any failure. */
    public <T> T inTransaction(Function<Session, T> work) {
        try {
            return sessionFactory.fromTransaction(work);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Runs {@code work} in one stateless session and transaction: for bulk inserts, batched by the driver. */
    public void inStatelessTransaction(Consumer<StatelessSession> work) {
        try {
            sessionFactory.inStatelessTransaction(work);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Tests whether the database answers a trivial query within two seconds. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Returns the SQL dialect of this store's backend. */
    public SqlDialect dialect() {
        return SqlDialect.of(kind);
    }

    /** Returns the pooled data source, for plain JDBC where Hibernate does not fit (bulk copies, tests). */
    public DataSource dataSource() {
        return dataSource;
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof StorageUnavailableException) {
            return e;
        }
        if (isConnectionFailure(e)) {
            return new StorageUnavailableException("the database is unreachable: " + e.getMessage(), e);
        }
        return e;
    }

    /** Tests whether {@code e} (or a cause) says the database could not be reached, rather than a query failed. */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof HikariPool.PoolInitializationException) {
                return true;
            }
            String state = t instanceof SQLException sql
                    ? sql.getSQLState()
                    : t instanceof JDBCException jdbc ? jdbc.getSQLState() : null;
            if (state != null && state.startsWith("08")) { // SQL state class 08: connection exception
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Counts a change this process has written to the change log (in a transaction that may not have committed yet).
     * In-memory indexes compare the count with the one they last saw, so that a writer that reads right after its
     * write sees it.
     */
    public void countLoggedChange() {
        loggedChanges.incrementAndGet();
    }

    /** Returns how many changes this process has written to the change log since the store opened. */
    public long loggedChanges() {
        return loggedChanges.get();
    }

    @Override
    public void close() {
        sessionFactory.close();
        dataSource.close();
    }
}
