package org.iocmap.service.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the results: one {@code BENCH} line per comparison as it is known, then a summary table of every workload
 * and one {@code TARGET} line per target. Every ratio is ours divided by the peer's: for a rate, above 1 means we are
 * faster; for a latency, above 1 means we are slower.
 */
final class BenchReport {
    private final PrintStream out;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();

    BenchReport(PrintStream out) {
        this.out = out;
    }

    /** Keeps a workload's result for the summary table. */
    void add(Measurement m) {
        measurements.add(m);
    }

    /** Prints {@code BENCH <name> <value> <unit> peer=<peer> <value> ratio=<ours/peer> (ours/peer)}. */
    void compare(String name, String unit, double ours, String peerName, double peer) {
        out.println(String.format(
                Locale.ROOT,
                "BENCH %s %s %s peer=%s %s ratio=%.2f (ours/peer)",
                name,
                format(ours, unit),
                unit,
                peerName,
                format(peer, unit),
                ours / peer));
    }

    /** Records a target: {@code atLeast} for rates, otherwise the measured value must not exceed it. */
    void target(String name, double target, boolean atLeast, double measured, String unit) {
        boolean pass = atLeast ? measured >= target : measured <= target;
        targets.add(String.format(
                Locale.ROOT,
                "TARGET %s %s%s%s %s%s %s",
                name,
                atLeast ? ">=" : "<=",
                format(target, unit),
                unit,
                format(measured, unit),
                unit,
                pass ? "PASS" : "FAIL"));
    }

    /** Prints the target lines alone (for benchmarks without a workload table). */
    void printTargets() {
        targets.forEach(out::println);
    }

    /** Prints the summary table of every workload, then the target lines. */
    void finish() {
        out.println();
        int cores = Runtime.getRuntime().availableProcessors();
        out.println("SUMMARY  closed loop, c = concurrent clients, latencies in ms; CPU in ms per call: loop = Vert.x"
                + " event loops, workers = store workers, client = load generator (and the layer code of in-process"
                + " workloads), jvm = whole benchmark JVM, pg = this benchmark's PostgreSQL backends;"
                + " others = share of all " + cores + " cores used by other processes meanwhile");
        out.println(String.format(
                "%-26s %3s %7s %7s %7s %7s %8s %4s | %6s %6s %6s %6s %6s %6s %6s %6s | %6s",
                "workload",
                "c",
                "calls",
                "req/s",
                "p50",
                "p99",
                "max",
                "err",
                "loop",
                "worker",
                "client",
                "gc",
                "jit",
                "jvm",
                "pg",
                "redis",
                "others"));
        for (Measurement m : measurements) {
            CpuMonitor.Usage u = m.cpu();
            out.println(String.format(
                    Locale.ROOT,
                    "%-26s %3d %7d %7.0f %7.2f %7.2f %8.2f %4d | %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f"
                            + " | %5.0f%%",
                    m.name(),
                    m.concurrency(),
                    m.calls(),
                    m.throughput(),
                    m.p50Millis(),
                    m.p99Millis(),
                    m.maxMillis(),
                    m.errors(),
                    m.perCall(u.part(CpuMonitor.Part.EVENT_LOOP)),
                    m.perCall(u.part(CpuMonitor.Part.WORKERS)),
                    m.perCall(u.part(CpuMonitor.Part.CLIENT)),
                    m.perCall(u.part(CpuMonitor.Part.GC)),
                    m.perCall(u.part(CpuMonitor.Part.JIT)),
                    m.perCall(u.jvmMillis()),
                    m.perCall(u.postgresMillis()),
                    m.perCall(u.redisMillis()),
                    100 * u.othersFraction(cores)));
        }
        out.println();
        targets.forEach(out::println);
    }

    private static String format(double value, String unit) {
        return switch (unit) {
            case "req/s", "sentences/s", "positions/s" -> String.format(Locale.ROOT, "%.0f", value);
            case "ms/call" -> String.format(Locale.ROOT, "%.3f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
    }
}
