package org.iocmap.service.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one workload as a closed loop: {@code concurrency} virtual threads, each with its own client, send query after
 * query (the next one as soon as the previous answer is read) for a warm-up, then for the measured time. Only calls
 * that start inside the measured window count; throughput is those calls over the time from the window's start to
 * the last of them ending. The load stays on until the CPU counters at the window's end are read. The query positions come from a shared counter, so the order of questions is the same in
 * every workload that uses the same list.
 */
final class LoadRunner {
    private final int concurrency;
    private final Duration warmup;
    private final Duration measured;
    private final CpuMonitor cpu;

    LoadRunner(int concurrency, Duration warmup, Duration measured, CpuMonitor cpu) {
        this.concurrency = concurrency;
        this.warmup = warmup;
        this.measured = measured;
        this.cpu = cpu;
    }

    /** Creates each thread's client. */
    interface ClientFactory {
        Client open() throws Exception;
    }

    /** Asks one question; one instance per thread. */
    interface Client extends AutoCloseable {
        /**
         * Sends query number {@code index} and reads the whole answer.
         *
         * @return how many features the answer held (for the report)
         */
        int call(long index) throws Exception;

        @Override
        default void close() throws Exception {
            // most clients hold nothing
        }
    }

    /** Runs the workload with this runner's concurrency. */
    Measurement run(String name, ClientFactory factory) throws InterruptedException {
        return run(name, concurrency, factory);
    }

    /** Runs the workload with {@code threads} concurrent clients. */
    Measurement run(String name, int threads, ClientFactory factory) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        Recorder[] recorders = new Recorder[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Recorder recorder = new Recorder();
            recorders[t] = recorder;
            workers.add(Thread.ofVirtual().name(name + "-" + t).start(() -> {
                try (Client client = factory.open()) {
                    // Keep the load on until the CPU counters are read, so no connection closes inside the window.
                    while (!stop.get()) {
                        long began = System.nanoTime();
                        long index = next.getAndIncrement();
                        int features;
                        try {
                            features = client.call(index);
                        } catch (Exception e) {
                            firstError.compareAndSet(null, e);
                            recorder.errors++;
                            if (recorder.errors > 100) {
                                break; // something is broken; the report shows the first error
                            }
                            continue;
                        }
                        long ended = System.nanoTime();
                        if (began >= measureFrom && began < measureUntil) {
                            recorder.add(ended - began, features, ended);
                        }
                    }
                } catch (Exception e) {
                    firstError.compareAndSet(null, e);
                    recorder.errors++;
                }
            }));
        }
        // The CPU counters are read from this thread at the edges of the measured window.
        sleepUntil(measureFrom);
        CpuMonitor.Snapshot before = cpu.snapshot();
        sleepUntil(measureUntil);
        CpuMonitor.Usage usage = CpuMonitor.between(before, cpu.snapshot());
        stop.set(true);
        long deadline = measureUntil + Duration.ofSeconds(60).toNanos();
        for (Thread worker : workers) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            worker.join(left);
            if (worker.isAlive()) {
                throw new IllegalStateException(name + ": a client did not finish within 60 s after the measured"
                        + " window; the server or the peer hangs");
            }
        }
        return Measurement.of(name, threads, measureFrom, recorders, firstError.get(), usage);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** Collects one thread's latencies; read only after the thread ended. */
    static final class Recorder {
        long[] nanos = new long[4_096];
        int count;
        long features;
        long lastEnd;
        long errors;

        void add(long latencyNanos, int featureCount, long endedAt) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latencyNanos;
            features += featureCount;
            lastEnd = Math.max(lastEnd, endedAt);
        }
    }
}
