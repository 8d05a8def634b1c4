package org.iocmap.service.alarms;

import java.time.Instant;
import org.iocmap.service.config.AlarmMqttSettings;
import org.iocmap.service.ingest.MqttSubscription;

/**
 * Subscribes to fire-alarm events on an MQTT broker ({@link MqttSubscription}: QoS 1, acknowledged only after the
 * events are committed) and stores them through {@link AlarmIngest}, counting what it takes in {@link AlarmStats}.
 *
 * <p>The payload is the JSON of {@code POST /api/ingest/alarms} ({@link AlarmEventParser}); an event that names no
 * device takes the topic's last level ({@code iocmap/alarms/KH-PCCC-0001}).
 */
public final class AlarmMqttSubscriber implements AutoCloseable, MqttSubscription.Feed<AlarmEventParser.Parsed> {
    private final AlarmIngest ingest;
    private final AlarmStats.Source stats;
    private final MqttSubscription<AlarmEventParser.Parsed> subscription;

    public AlarmMqttSubscriber(AlarmMqttSettings settings, AlarmIngest ingest, AlarmStats.Source stats) {
        this.ingest = ingest;
        this.stats = stats;
        this.subscription = new MqttSubscription<>(settings, "alarm", this);
    }

    /** Connects in the background, retrying until the broker answers, and subscribes. */
    public void start() {
        subscription.start();
    }

    /** Tests whether the client is connected and its subscription confirmed by the broker. */
    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    @Override
    public AlarmEventParser.Parsed parse(String topic, String topicLevel, String payload) {
        Instant now = ingest.clock().instant();
        AlarmEventParser.Parsed parsed;
        try {
            parsed = AlarmEventParser.parse(payload, topicLevel, now);
        } catch (AlarmEventParser.NotJsonException e) {
            stats.message(now, 1);
            stats.rejected(new AlarmReject(0, RejectReason.BAD_JSON, e.getMessage(), null), topic);
            return null;
        }
        stats.message(now, parsed.items());
        parsed.rejects().forEach(r -> stats.rejected(r, topic));
        return parsed;
    }

    @Override
    public void store(String topic, AlarmEventParser.Parsed parsed) {
        AlarmIngest.Receipt receipt = ingest.ingest(parsed.events());
        stats.stored(receipt.accepted().size());
        receipt.rejected().forEach(r -> stats.rejected(r, topic));
    }

    @Override
    public void storeFailed() {
        stats.storeFailed();
    }

    @Override
    public void gaveUp(String topic, AlarmEventParser.Parsed parsed, RuntimeException cause) {
        for (AlarmEvent event : parsed.events()) {
            stats.rejected(
                    new AlarmReject(event.index(), RejectReason.STORE_ERROR, cause.toString(), event.device()), topic);
        }
    }

    @Override
    public void connected(boolean up, String where) {
        stats.connected(up, where);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
