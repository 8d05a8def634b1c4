package org.iocmap.service.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the settings of the query benchmark, read from {@code IOCMAP_BENCH_*} environment variables. Every default
 * is here and in {@code docs/benchmarks.md}.
 *
 * @param dbUrl the PostGIS database; the benchmark works only in {@code schema}
 * @param schema the schema the benchmark owns: the service's tables and the generated layers live there
 * @param redisHost Redis for the GEOSEARCH peer
 * @param redisKey the sorted set holding the points (a second key {@code <redisKey>:meta} describes it)
 * @param points how many points the point layer holds
 * @param polygons how many polygons the polygon layer holds
 * @param seed the seed of the data and of the query positions
 * @param concurrency how many clients send queries at once
 * @param warmupSeconds how long each workload runs before it is measured
 * @param seconds how long each workload is measured
 * @param dbMaxConnections the service's connection pool (and worker pool) size
 * @param serverWarmupSeconds how long each HTTP path runs once before any workload, so the JIT has compiled it
 * @param workloads the workload groups to run: {@code bbox}, {@code knn}, {@code polygon}
 */
record BenchSettings(
        String dbUrl,
        String dbUser,
        String dbPassword,
        String schema,
        String redisHost,
        int redisPort,
        String redisKey,
        int points,
        int polygons,
        long seed,
        int concurrency,
        int warmupSeconds,
        int seconds,
        int dbMaxConnections,
        int serverWarmupSeconds,
        Set<String> workloads) {
    static final Set<String> WORKLOADS = Set.of("bbox", "knn", "polygon");

    /**
     * Reads the settings from the environment, collecting every bad value.
     *
     * @throws IllegalArgumentException naming every bad setting
     */
    static BenchSettings fromEnvironment(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        String redis = env.getOrDefault("IOCMAP_BENCH_REDIS", "127.0.0.1:6379");
        int colon = redis.lastIndexOf(':');
        String redisHost = colon < 0 ? redis : redis.substring(0, colon);
        int redisPort = colon < 0 ? 6379 : parse("IOCMAP_BENCH_REDIS", redis.substring(colon + 1), 1, 65_535, errors);
        String schema = env.getOrDefault("IOCMAP_BENCH_DB_SCHEMA", "bench");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            errors.add("IOCMAP_BENCH_DB_SCHEMA must be a lower-case SQL name, was '" + schema + "'");
        }
        BenchSettings settings = new BenchSettings(
                env.getOrDefault("IOCMAP_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/iocmap_test"),
                env.getOrDefault("IOCMAP_BENCH_DB_USER", "iocmap"),
                env.getOrDefault("IOCMAP_BENCH_DB_PASSWORD", "iocmap"),
                schema,
                redisHost,
                redisPort,
                env.getOrDefault("IOCMAP_BENCH_REDIS_KEY", "iocmap:bench:points"),
                integer(env, "IOCMAP_BENCH_POINTS", 1_000_000, 1_000, 50_000_000, errors),
                integer(env, "IOCMAP_BENCH_POLYGONS", 100_000, 1_000, 10_000_000, errors),
                integer(env, "IOCMAP_BENCH_SEED", 20_240_601, 0, Integer.MAX_VALUE, errors),
                integer(env, "IOCMAP_BENCH_CONCURRENCY", 16, 1, 1_024, errors),
                integer(env, "IOCMAP_BENCH_WARMUP_SECONDS", 3, 0, 600, errors),
                integer(env, "IOCMAP_BENCH_SECONDS", 10, 1, 600, errors),
                integer(env, "IOCMAP_BENCH_DB_MAXCONNECTIONS", 8, 1, 200, errors),
                integer(env, "IOCMAP_BENCH_SERVER_WARMUP_SECONDS", 10, 0, 600, errors),
                workloads(env.getOrDefault("IOCMAP_BENCH_WORKLOADS", "bbox,knn,polygon"), errors));
        if (!settings.dbUrl().startsWith("jdbc:postgresql:")) {
            errors.add("IOCMAP_BENCH_DB_URL must start with jdbc:postgresql:, was " + settings.dbUrl());
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid benchmark settings: " + String.join("; ", errors));
        }
        return settings;
    }

    /**
     * Returns the database URL with the benchmark schema first in the search path (PostGIS types stay in public) and
     * the application name by which {@link CpuMonitor} finds the benchmark's backends.
     */
    /**
     * Drops and creates the benchmark's schema, so Flyway, the data and any saved state start from nothing, and prints
     * the versions it runs on; returns false when PostGIS is not reachable.
     */
    boolean freshSchema(java.io.PrintStream out) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(dbUrl, dbUser, dbPassword);
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            java.sql.ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), postgis_lib_version(),"
                    + " current_setting('synchronous_commit')");
            rs.next();
            out.println(
                    "bench: PostgreSQL " + rs.getString(1) + ", PostGIS " + rs.getString(2) + ", synchronous_commit "
                            + rs.getString(3) + ", schema " + schema + " (dropped and created afresh)");
            return true;
        } catch (java.sql.SQLException e) {
            System.err.println("bench: cannot reach PostGIS at " + dbUrl + ": " + e.getMessage()
                    + "; set IOCMAP_BENCH_DB_URL, IOCMAP_BENCH_DB_USER, IOCMAP_BENCH_DB_PASSWORD");
            return false;
        }
    }

    String schemaUrl() {
        return dbUrl + (dbUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public&ApplicationName="
                + CpuMonitor.APPLICATION_NAME;
    }

    private static Set<String> workloads(String raw, List<String> errors) {
        Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String part : raw.split(",", -1)) {
            String name = part.trim();
            if (!WORKLOADS.contains(name)) {
                errors.add("IOCMAP_BENCH_WORKLOADS must list some of bbox,knn,polygon, was '" + raw + "'");
                return WORKLOADS;
            }
            chosen.add(name);
        }
        return chosen;
    }

    private static int integer(
            Map<String, String> env, String name, int defaultValue, int min, int max, List<String> errors) {
        String raw = env.get(name);
        return raw == null ? defaultValue : parse(name, raw, min, max, errors);
    }

    private static int parse(String name, String raw, int min, int max, List<String> errors) {
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        errors.add(name + " must be a whole number from " + min + " to " + max + ", was '" + raw + "'");
        return min;
    }
}
