package org.iocmap.service.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures where the CPU time of a workload goes, so results stay readable on a machine that others share. Inside the
 * benchmark JVM it splits by thread (names from {@code /proc/self/task}): the Vert.x event loops, the store workers,
 * the load-generating client (virtual-thread carriers and the JDK HTTP client; in-process workloads run the layer
 * code on the carriers too), garbage collection and the JIT compilers. Outside it: the PostgreSQL backends of this
 * benchmark (found by their {@code application_name}), Redis, and everything else on the machine.
 *
 * <p>Reads {@code /proc} (Linux); elsewhere the figures are NaN.
 */
final class CpuMonitor implements AutoCloseable {
    static final String APPLICATION_NAME = "iocmap-bench";
    private static final double MILLIS_PER_TICK = 10; // USER_HZ is 100 on Linux

    /** Groups of the benchmark JVM's threads. */
    enum Part {
        EVENT_LOOP,
        WORKERS,
        CLIENT,
        GC,
        JIT,
        OTHER;

        static Part of(String threadName) {
            if (threadName.startsWith("vert.x-eventloo")) {
                return EVENT_LOOP;
            }
            if (threadName.startsWith("iocmap-store") || threadName.startsWith("vert.x-worker")) {
                return WORKERS;
            }
            if (threadName.startsWith("ForkJoinPool") || threadName.startsWith("HttpClient-")) {
                return CLIENT;
            }
            if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return GC;
            }
            if (threadName.contains("CompilerThre")) {
                return JIT;
            }
            return OTHER;
        }
    }

    private final Connection connection;
    private final long redisPid;

    CpuMonitor(Connection connection, long redisPid) {
        this.connection = connection;
        this.redisPid = redisPid;
    }

    /** Holds the CPU counters at one moment; times in milliseconds. */
    record Snapshot(
            long wallNanos,
            Map<Long, Double> threadMillis,
            Map<Long, Part> threadParts,
            double jvmMillis,
            Map<Long, Double> postgresMillis,
            double redisMillis,
            double machineBusyMillis,
            double machineTotalMillis) {}

    /**
     * Holds the CPU used between two snapshots, in milliseconds.
     *
     * @param parts the benchmark JVM's threads by group; a thread that ended inside the window is missing here but
     *     not from {@code jvmMillis}
     * @param jvmMillis the whole benchmark JVM
     * @param postgresMillis this benchmark's PostgreSQL backends
     * @param othersMillis everything else the machine ran meanwhile: other people's processes
     * @param machineBusyFraction the share of all cores that was busy
     */
    record Usage(
            double seconds,
            Map<Part, Double> parts,
            double jvmMillis,
            double postgresMillis,
            double redisMillis,
            double othersMillis,
            double machineBusyFraction) {

        /** Returns the CPU of one group of threads. */
        double part(Part part) {
            return parts.getOrDefault(part, 0.0);
        }

        /** Returns the CPU of the service's own threads: event loops and store workers. */
        double serverMillis() {
            return part(Part.EVENT_LOOP) + part(Part.WORKERS);
        }

        /** Returns the share of all cores used by processes that are not part of this benchmark. */
        double othersFraction(int cores) {
            return othersMillis / (seconds * 1000 * cores);
        }
    }

    /** Takes a snapshot now. Blocks briefly on one query for the backend ids. */
    Snapshot snapshot() {
        Map<Long, Double> threadMillis = new HashMap<>();
        Map<Long, Part> threadParts = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    double millis = statMillis(task.resolve("stat"));
                    if (millis >= 0) {
                        threadMillis.put(tid, millis);
                        threadParts.put(
                                tid,
                                Part.of(Files.readString(task.resolve("comm")).trim()));
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        Map<Long, Double> backends = new HashMap<>();
        for (long pid : backendPids()) {
            double millis = processMillis(pid);
            if (millis >= 0) {
                backends.put(pid, millis);
            }
        }
        double[] machine = machineMillis();
        return new Snapshot(
                System.nanoTime(),
                threadMillis,
                threadParts,
                statMillis(Path.of("/proc/self/stat")),
                backends,
                redisPid > 0 ? Math.max(0, processMillis(redisPid)) : 0,
                machine[0],
                machine[1]);
    }

    /** Returns the CPU used from {@code a} to {@code b}. Threads and backends that began inside count from zero. */
    static Usage between(Snapshot a, Snapshot b) {
        Map<Part, Double> parts = new java.util.EnumMap<>(Part.class);
        b.threadMillis()
                .forEach((tid, millis) -> parts.merge(
                        b.threadParts().get(tid), millis - a.threadMillis().getOrDefault(tid, 0.0), Double::sum));
        double postgres = 0;
        for (Map.Entry<Long, Double> e : b.postgresMillis().entrySet()) {
            postgres += e.getValue() - a.postgresMillis().getOrDefault(e.getKey(), 0.0);
        }
        double jvm = b.jvmMillis() - a.jvmMillis();
        double redis = b.redisMillis() - a.redisMillis();
        double busy = b.machineBusyMillis() - a.machineBusyMillis();
        double total = b.machineTotalMillis() - a.machineTotalMillis();
        return new Usage(
                (b.wallNanos() - a.wallNanos()) / 1e9,
                parts,
                jvm,
                postgres,
                redis,
                Math.max(0, busy - jvm - postgres - redis),
                total <= 0 ? Double.NaN : busy / total);
    }

    private List<Long> backendPids() {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> pids = new java.util.ArrayList<>();
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
                return pids;
            }
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** Returns user + system CPU of a process in milliseconds, -1 when unknown. */
    static double processMillis(long pid) {
        return statMillis(Path.of("/proc/" + pid + "/stat"));
    }

    /** Returns user + system CPU from a {@code /proc} stat file in milliseconds, -1 when unknown. */
    private static double statMillis(Path file) {
        try {
            String stat = Files.readString(file);
            // Fields after the command name (which may hold spaces) are space-separated; utime and stime are 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Returns {busy, total} CPU milliseconds of the whole machine since boot, summed over cores. */
    private static double[] machineMillis() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
            return new double[] {(total - idle) * MILLIS_PER_TICK, total * MILLIS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
