package org.iocmap.service.readings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.service.config.AlarmMqttSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to station readings on an MQTT broker (Eclipse Paho, MQTT 3.1.1) and stores them through {@link
 * ReadingIngest}, as the fire-alarm subscription does with its events.
 *
 * <p><b>Nothing is lost.</b> QoS 1 on a persistent session (clean session off, a fixed client id) with manual
 * acknowledgements: a message is acknowledged only after its readings are committed. While the store is down the
 * message is retried (1 s, doubling to 30 s) and not acknowledged; if the service stops meanwhile, the broker delivers
 * it again to the next session. A payload that can never be stored (not JSON, an unknown station, a bad field) is
 * counted as rejected with its reason and acknowledged, so it does not block the next one; so is one that fails for
 * another reason than the store {@value #MAX_ATTEMPTS} times.
 *
 * <p>The payload is the JSON of {@code POST /api/ingest/readings} ({@link ReadingParser}); a reading that names no
 * station takes the topic's last level ({@code iocmap/readings/KH-KK-01}).
 */
public final class ReadingMqttSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingMqttSubscriber.class);
    static final int MAX_ATTEMPTS = 5;
    /** The reason counted for a payload that is not JSON. */
    public static final String BAD_JSON = "BAD_JSON";

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final AlarmMqttSettings settings;
    private final ReadingIngest ingest;
    private final MqttClient client;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile Thread handling;
    private Thread connector;

    public ReadingMqttSubscriber(AlarmMqttSettings settings, ReadingIngest ingest) {
        this.settings = settings;
        this.ingest = ingest;
        try {
            this.client = new MqttClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot use the MQTT broker " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    /** Connects in the background, retrying until the broker answers, and subscribes. */
    public synchronized void start() {
        running = true;
        connector = Thread.ofPlatform()
                .name("iocmap-readings-mqtt-connect")
                .daemon()
                .start(this::connectLoop);
    }

    private void connectLoop() {
        Duration wait = FIRST_RETRY;
        while (running && !client.isConnected()) {
            try {
                client.connect(options());
                return; // connectComplete subscribes
            } catch (MqttException e) {
                LOG.warn(
                        "Cannot connect to the MQTT broker {}; retrying in {} s: {}",
                        settings.url(),
                        wait.toSeconds(),
                        e.getMessage());
                LockSupport.parkNanos(wait.toNanos());
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay((int) MAX_RETRY.toMillis());
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
        }
        if (!settings.password().isEmpty()) {
            options.setPassword(settings.password().toCharArray());
        }
        return options;
    }

    /** Tests whether the client is connected and its subscription confirmed by the broker. */
    public boolean isSubscribed() {
        return subscribed && client.isConnected();
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

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            LOG.info(
                    "{} the MQTT broker {}; subscribing to {}",
                    reconnect ? "Reconnected to" : "Connected to",
                    serverUri,
                    settings.topic());
            // Not on this callback thread: a blocking subscribe here would wait for itself.
            Thread.ofVirtual().name("iocmap-readings-mqtt-subscribe").start(() -> {
                try {
                    client.subscribe(settings.topic(), 1);
                    subscribed = true;
                } catch (MqttException | RuntimeException e) {
                    LOG.error("Cannot subscribe to {} on {}: {}", settings.topic(), serverUri, e.toString());
                }
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            LOG.warn("Lost the MQTT broker {}; reconnecting: {}", settings.url(), String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Never throws: an exception here would make Paho drop the connection.
            handling = Thread.currentThread();
            try {
                if (handle(topic, message)) {
                    client.messageArrivedComplete(message.getId(), message.getQos());
                }
            } catch (MqttException | RuntimeException e) {
                LOG.warn("Reading message on {} not acknowledged: {}", topic, e.toString());
            } finally {
                handling = null;
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // nothing is published
        }
    }

    /** Stores one message; returns whether to acknowledge it (false only when the service is stopping). */
    boolean handle(String topic, MqttMessage message) {
        messages.incrementAndGet();
        Instant now = ingest.clock().instant();
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        int slash = topic.lastIndexOf('/');
        String topicStation = slash < 0 ? topic : topic.substring(slash + 1);
        ReadingParser.Parsed parsed;
        try {
            parsed = ReadingParser.parse(payload, topicStation.isEmpty() ? null : topicStation, now);
        } catch (ReadingParser.NotJsonException e) {
            reject(BAD_JSON, topic, e.getMessage());
            return true;
        }
        parsed.rejects().forEach(r -> reject(r.reason().name(), topic, r.detail()));
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                ReadingIngest.Receipt receipt = ingest.ingest(parsed.readings());
                stored.addAndGet(receipt.accepted().size());
                receipt.rejected().forEach(r -> reject(r.reason().name(), topic, r.detail()));
                return true;
            } catch (RuntimeException e) {
                boolean storeDown = e instanceof StorageUnavailableException;
                if (!storeDown && attempt >= MAX_ATTEMPTS) {
                    LOG.error("Giving up a reading message on {} after {} attempts: {}", topic, attempt, payload, e);
                    rejected.computeIfAbsent("STORE_ERROR", k -> new AtomicLong())
                            .addAndGet(parsed.readings().size());
                    return true;
                }
                if (!running) {
                    return false; // the broker delivers it again to the next session
                }
                LOG.warn(
                        "Cannot store a reading message on {} (attempt {}); retrying in {} s: {}",
                        topic,
                        attempt,
                        wait.toSeconds(),
                        e.toString());
                LockSupport.parkNanos(wait.toNanos());
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private void reject(String reason, String topic, String detail) {
        rejected.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        LOG.debug("Rejected a reading on {}: {} {}", topic, reason, detail);
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = connector;
            connector = null;
        }
        Thread waiting = handling;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (MqttException e) {
            LOG.warn("Cannot disconnect from the MQTT broker cleanly: {}", e.getMessage());
            try {
                client.disconnectForcibly(0, 1_000);
            } catch (MqttException ignored) {
                // nothing more to do: the process is stopping
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("Cannot close the MQTT client: {}", e.getMessage());
        }
    }
}
