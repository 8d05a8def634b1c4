package org.iocmap.service.ingest;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what each AIS source took in since the start: lines, decoded messages, messages and positions stored,
 * rejects by reason, connections, the last line's time and, for the feed client, whether it is connected. Answers
 * {@code GET /api/ingest/stats}, so that an officer can tell a silent feed from a quiet sea.
 *
 * <p>Counters live in memory only and start at zero with the process. Thread-safe: the HTTP route counts from
 * several event loops, the listeners from their own.
 */
public final class IngestStats {
    /** Names the sources, in the order the answer lists them. */
    public static final String HTTP = "http";

    public static final String TCP = "tcp";
    public static final String UDP = "udp";
    public static final String FEED = "feed";

    /** The demo fleet's simulated sentences ({@link DemoFleet}). */
    public static final String SIMULATOR = "simulator";

    /** The reject reason for a line longer than {@link AisLineSplitter#MAX_LINE_CHARS}, which is not decoded. */
    public static final String LINE_TOO_LONG = "LINE_TOO_LONG";

    /** The reject reason for a message dropped because too many were already waiting for the store. */
    public static final String STORE_BACKLOG = "STORE_BACKLOG";

    private final Map<String, Source> sources = new LinkedHashMap<>();

    public IngestStats() {
        for (String name : new String[] {HTTP, TCP, UDP, FEED, SIMULATOR}) {
            sources.put(name, new Source(name.equals(FEED)));
        }
    }

    /** Returns the counters of one source; {@code name} is one of the constants above. */
    public Source source(String name) {
        Source source = sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("no ingest source " + name + "; known: " + sources.keySet());
        }
        return source;
    }

    /** Returns every source's counters and their totals as the JSON body of {@code GET /api/ingest/stats}. */
    public JsonObject toJson() {
        JsonObject bySource = new JsonObject();
        Source totals = new Source(false);
        for (Map.Entry<String, Source> e : sources.entrySet()) {
            bySource.put(e.getKey(), e.getValue().toJson());
            totals.add(e.getValue());
        }
        JsonObject total = totals.toJson();
        total.remove("connected");
        return new JsonObject().put("sources", bySource).put("totals", total);
    }

    /** Holds the counters of one source. */
    public static final class Source {
        private final boolean client;
        private final AtomicLong lines = new AtomicLong();
        private final AtomicLong messages = new AtomicLong();
        private final AtomicLong stored = new AtomicLong();
        private final AtomicLong positions = new AtomicLong();
        private final AtomicLong storeFailures = new AtomicLong();
        private final AtomicLong connections = new AtomicLong();
        private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
        private volatile Instant lastLineAt;
        private volatile boolean connected;

        private Source(boolean client) {
            this.client = client;
        }

        /** Counts a received line (blank ones are not counted) at {@code at}. */
        public void line(Instant at) {
            lines.incrementAndGet();
            lastLineAt = at;
        }

        /** Counts a decoded message, not yet stored. */
        public void decoded() {
            messages.incrementAndGet();
        }

        /** Counts a rejected line or message by its reason. */
        public void rejected(String reason) {
            rejected.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        }

        /** Counts a batch the store committed: its messages and the position rows it wrote. */
        public void stored(int storedMessages, int storedPositions) {
            stored.addAndGet(storedMessages);
            positions.addAndGet(storedPositions);
        }

        /** Counts a batch the store failed to commit; its messages are lost. */
        public void storeFailed() {
            storeFailures.incrementAndGet();
        }

        /** Counts an accepted or established connection. */
        public void connection() {
            connections.incrementAndGet();
        }

        /** Records whether the feed client is connected now. */
        public void connected(boolean now) {
            connected = now;
        }

        private void add(Source other) {
            lines.addAndGet(other.lines.get());
            messages.addAndGet(other.messages.get());
            stored.addAndGet(other.stored.get());
            positions.addAndGet(other.positions.get());
            storeFailures.addAndGet(other.storeFailures.get());
            connections.addAndGet(other.connections.get());
            other.rejected.forEach((reason, n) ->
                    rejected.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(n.get()));
            Instant theirs = other.lastLineAt;
            if (theirs != null && (lastLineAt == null || theirs.isAfter(lastLineAt))) {
                lastLineAt = theirs;
            }
        }

        private JsonObject toJson() {
            Map<String, Object> reasons = new TreeMap<>();
            rejected.forEach((reason, n) -> reasons.put(reason, n.get()));
            long rejectedTotal =
                    rejected.values().stream().mapToLong(AtomicLong::get).sum();
            Instant last = lastLineAt;
            JsonObject json = new JsonObject()
                    .put("lines", lines.get())
                    .put("messages", messages.get())
                    .put("stored", stored.get())
                    .put("positions", positions.get())
                    .put("storeFailures", storeFailures.get())
                    .put("rejected", rejectedTotal)
                    .put("rejectedByReason", new JsonObject(reasons))
                    .put("connections", connections.get())
                    .put("lastLineAt", last == null ? null : last.toString());
            if (client) {
                json.put("connected", connected);
            }
            return json;
        }
    }
}
