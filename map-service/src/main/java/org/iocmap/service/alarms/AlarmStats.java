package org.iocmap.service.alarms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what each alarm source took in since the start: messages (HTTP requests, MQTT messages), events, events
 * stored, rejects by reason with the latest few, failed commits, the last message's time and, for MQTT, whether it is
 * connected. Answers {@code GET /api/ingest/alarms/stats}, so that an operator can tell a silent panel from a quiet
 * night. In memory only, from zero at each start; thread-safe.
 */
public final class AlarmStats {
    public static final String HTTP = "http";
    public static final String MQTT = "mqtt";

    /** How many rejects each source keeps to show. */
    static final int RECENT_REJECTS = 20;

    private final Map<String, Source> sources = new LinkedHashMap<>();

    public AlarmStats() {
        sources.put(HTTP, new Source(false));
        sources.put(MQTT, new Source(true));
    }

    /** Returns the counters of {@link #HTTP} or {@link #MQTT}. */
    public Source source(String name) {
        Source source = sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("no alarm source " + name + "; known: " + sources.keySet());
        }
        return source;
    }

    /** Returns every source's counters as JSON. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        sources.forEach((name, source) -> json.put(name, source.toJson()));
        return new JsonObject().put("sources", json);
    }

    /** Holds the counters of one source. */
    public static final class Source {
        private final boolean client;
        private final AtomicLong messages = new AtomicLong();
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong stored = new AtomicLong();
        private final AtomicLong storeFailures = new AtomicLong();
        private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
        private final Deque<JsonObject> recent = new ArrayDeque<>();
        private volatile Instant lastMessageAt;
        private volatile boolean connected;
        private volatile String detail;

        private Source(boolean client) {
            this.client = client;
        }

        /** Counts a message received at {@code at} holding {@code items} events or items. */
        public void message(Instant at, int items) {
            messages.incrementAndGet();
            events.addAndGet(items);
            lastMessageAt = at;
        }

        /** Counts events stored (or applied, for heartbeats). */
        public void stored(int count) {
            stored.addAndGet(count);
        }

        /** Counts a reject and keeps it among the latest; {@code where} says which message (a topic, a request). */
        public void rejected(AlarmReject reject, String where) {
            rejected.computeIfAbsent(reject.reason().name(), r -> new AtomicLong())
                    .incrementAndGet();
            JsonObject item = new JsonObject()
                    .put("at", Instant.now().toString())
                    .put("reason", reject.reason().name())
                    .put("detail", reject.detail())
                    .put("index", reject.index());
            if (reject.device() != null) {
                item.put("device", reject.device());
            }
            if (where != null) {
                item.put("from", where);
            }
            synchronized (recent) {
                recent.addFirst(item);
                while (recent.size() > RECENT_REJECTS) {
                    recent.removeLast();
                }
            }
        }

        /** Counts a batch the store failed to commit. */
        public void storeFailed() {
            storeFailures.incrementAndGet();
        }

        /** Records whether the client is connected now, and to what. */
        public void connected(boolean now, String what) {
            connected = now;
            detail = what;
        }

        /** Returns the number of rejects with this reason so far. */
        public long rejectedCount(RejectReason reason) {
            AtomicLong n = rejected.get(reason.name());
            return n == null ? 0 : n.get();
        }

        /** Returns the number of events stored so far. */
        public long storedCount() {
            return stored.get();
        }

        private JsonObject toJson() {
            Map<String, Object> reasons = new TreeMap<>();
            rejected.forEach((reason, n) -> reasons.put(reason, n.get()));
            JsonArray latest;
            synchronized (recent) {
                latest = new JsonArray(new java.util.ArrayList<>(recent));
            }
            Instant last = lastMessageAt;
            JsonObject json = new JsonObject()
                    .put("messages", messages.get())
                    .put("events", events.get())
                    .put("stored", stored.get())
                    .put("storeFailures", storeFailures.get())
                    .put(
                            "rejected",
                            rejected.values().stream()
                                    .mapToLong(AtomicLong::get)
                                    .sum())
                    .put("rejectedByReason", new JsonObject(reasons))
                    .put("recentRejects", latest)
                    .put("lastMessageAt", last == null ? null : last.toString());
            if (client) {
                json.put("connected", connected).put("broker", detail);
            }
            return json;
        }
    }
}
