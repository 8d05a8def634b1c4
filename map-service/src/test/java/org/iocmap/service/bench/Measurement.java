package org.iocmap.service.bench;

import java.util.Arrays;

/**
 * Holds the result of one workload: how many calls were measured, their rate, latency percentiles and the mean number
 * of features per answer.
 *
 * @param throughput measured calls per second
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency (nearest rank)
 * @param firstError the first failure, null when every call succeeded
 * @param cpu where the CPU time of the measured window went
 */
record Measurement(
        String name,
        int concurrency,
        long calls,
        long errors,
        double throughput,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        double meanFeatures,
        Throwable firstError,
        CpuMonitor.Usage cpu) {

    static Measurement of(
            String name,
            int concurrency,
            long measureFrom,
            LoadRunner.Recorder[] recorders,
            Throwable firstError,
            CpuMonitor.Usage cpu) {
        int total = 0;
        long errors = 0;
        long features = 0;
        long lastEnd = measureFrom;
        for (LoadRunner.Recorder r : recorders) {
            total += r.count;
            errors += r.errors;
            features += r.features;
            lastEnd = Math.max(lastEnd, r.lastEnd);
        }
        long[] all = new long[total];
        int at = 0;
        for (LoadRunner.Recorder r : recorders) {
            System.arraycopy(r.nanos, 0, all, at, r.count);
            at += r.count;
        }
        Arrays.sort(all);
        double seconds = (lastEnd - measureFrom) / 1e9;
        return new Measurement(
                name,
                concurrency,
                total,
                errors,
                total == 0 ? 0 : total / seconds,
                percentile(all, 0.50),
                percentile(all, 0.99),
                total == 0 ? Double.NaN : all[total - 1] / 1e6,
                total == 0 ? 0 : (double) features / total,
                firstError,
                cpu);
    }

    /** Returns the nearest-rank percentile in milliseconds; NaN when nothing was measured. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Returns the CPU milliseconds per measured call of one part. */
    double perCall(double millis) {
        return calls == 0 ? Double.NaN : millis / calls;
    }

    /** Returns one line for the log: calls, errors, rate, latencies and CPU per call. */
    String describe(int cores) {
        return String.format(
                java.util.Locale.ROOT,
                "%-26s c=%-2d calls=%-6d errors=%d %6.0f/s p50=%6.2f p99=%7.2f max=%7.2f ms features=%5.1f"
                        + " | cpu ms/call loop=%.3f workers=%.3f client=%.3f gc=%.3f jit=%.3f jvm=%.3f pg=%.3f"
                        + " redis=%.3f | machine busy %.0f%%, others %.0f%%%s",
                name,
                concurrency,
                calls,
                errors,
                throughput,
                p50Millis,
                p99Millis,
                maxMillis,
                meanFeatures,
                perCall(cpu.part(CpuMonitor.Part.EVENT_LOOP)),
                perCall(cpu.part(CpuMonitor.Part.WORKERS)),
                perCall(cpu.part(CpuMonitor.Part.CLIENT)),
                perCall(cpu.part(CpuMonitor.Part.GC)),
                perCall(cpu.part(CpuMonitor.Part.JIT)),
                perCall(cpu.jvmMillis()),
                perCall(cpu.postgresMillis()),
                perCall(cpu.redisMillis()),
                100 * cpu.machineBusyFraction(),
                100 * cpu.othersFraction(cores),
                firstError == null ? "" : "  first error: " + firstError);
    }
}
