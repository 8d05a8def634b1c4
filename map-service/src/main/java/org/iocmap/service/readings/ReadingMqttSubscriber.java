package org.iocmap.service.readings;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.iocmap.service.config.AlarmMqttSettings;
import org.iocmap.service.ingest.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to station readings on an MQTT broker ({@link MqttSubscription}: QoS 1, acknowledged only after the
 * readings are committed) and stores them through {@link ReadingIngest}, as the fire-alarm subscription does with its
 * events. A payload that can never be stored (not JSON, an unknown station, a bad field) is counted as rejected with
 * its reason.
 *
 * <p>The payload is the JSON of {@code POST /api/ingest/readings} ({@link ReadingParser}); a reading that names no
 * station takes the topic's last level ({@code iocmap/readings/KH-KK-01}).
 */
public final class ReadingMqttSubscriber implements AutoCloseable, MqttSubscription.Feed<ReadingParser.Parsed> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingMqttSubscriber.class);

    /** The reason counted for a payload that is not JSON. */
    public static final String BAD_JSON = "BAD_JSON";

    private final ReadingIngest ingest;
    private final MqttSubscription<ReadingParser.Parsed> subscription;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();

    public ReadingMqttSubscriber(AlarmMqttSettings settings, ReadingIngest ingest) {
        this.ingest = ingest;
        this.subscription = new MqttSubscription<>(settings, "readings", this);
    }

    /** Connects in the background, retrying until the broker answers, and subscribes. */
    public void start() {
        subscription.start();
    }

    /** Tests whether the client is connected and its subscription confirmed by the broker. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    /** Returns how many messages arrived. */
    public long messages() {
        return messages.get();
    }

    /** Returns how many readings were stored. */
    public long stored() {
        return stored.get();
    }

    /** Returns how many readings (or payloads, for {@value #BAD_JSON}) were rejected, by reason. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> copy = new TreeMap<>();
        rejected.forEach((reason, n) -> copy.put(reason, n.get()));
        return copy;
    }

    @Override
    public ReadingParser.Parsed parse(String topic, String topicLevel, String payload) {
        messages.incrementAndGet();
        ReadingParser.Parsed parsed;
        try {
            parsed = ReadingParser.parse(payload, topicLevel, ingest.clock().instant());
        } catch (ReadingParser.NotJsonException e) {
            reject(BAD_JSON, topic, e.getMessage());
            return null;
        }
        parsed.rejects().forEach(r -> reject(r.reason().name(), topic, r.detail()));
        return parsed;
    }

    @Override
    public void store(String topic, ReadingParser.Parsed parsed) {
        ReadingIngest.Receipt receipt = ingest.ingest(parsed.readings());
        stored.addAndGet(receipt.accepted().size());
        receipt.rejected().forEach(r -> reject(r.reason().name(), topic, r.detail()));
    }

    @Override
    public void gaveUp(String topic, ReadingParser.Parsed parsed, RuntimeException cause) {
        rejected.computeIfAbsent("STORE_ERROR", k -> new AtomicLong())
                .addAndGet(parsed.readings().size());
    }

    private void reject(String reason, String topic, String detail) {
        rejected.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        LOG.debug("Rejected a reading on {}: {} {}", topic, reason, detail);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
