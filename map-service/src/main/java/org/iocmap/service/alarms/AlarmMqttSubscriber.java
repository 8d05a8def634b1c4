package org.iocmap.service.alarms;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * Subscribes to fire-alarm events on an MQTT broker (Eclipse Paho, MQTT 3.1.1) and stores them through {@link
 * AlarmIngest}.
 *
 * <p><b>Nothing is lost.</b> The subscription is QoS 1 on a persistent session (clean session off, a fixed client id),
 * with manual acknowledgements: a message is acknowledged only after its events are committed. While the store is
 * down the message is retried (1 s, doubling to 30 s) and not acknowledged, which also holds back the messages behind
 * it; if the service stops meanwhile, the broker delivers it again to the next session. A payload that can never be
 * stored (not JSON, an unknown device, a bad field) is counted as a reject with its reason and acknowledged, so it
 * does not block the next one; so is one that fails for another reason than the store {@value #MAX_ATTEMPTS} times.
 *
 * <p>The payload is the JSON of {@code POST /api/ingest/alarms} ({@link AlarmEventParser}); an event that names no
 * device takes the topic's last level ({@code iocmap/alarms/KH-PCCC-0001}). Paho reconnects on its own after a lost
 * connection; the first connection is retried here until it succeeds, so the service starts whether the broker is up
 * or not.
 */
public final class AlarmMqttSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmMqttSubscriber.class);
    static final int MAX_ATTEMPTS = 5;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final AlarmMqttSettings settings;
    private final AlarmIngest ingest;
    private final AlarmStats.Source stats;
    private final MqttClient client;
    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile Thread handling; // the Paho thread in messageArrived, woken by close() from a retry wait
    private Thread connector;

    public AlarmMqttSubscriber(AlarmMqttSettings settings, AlarmIngest ingest, AlarmStats.Source stats) {
        this.settings = settings;
        this.ingest = ingest;
        this.stats = stats;
        try {
            // In memory: the broker keeps the session; the client's own store matters only for messages it publishes.
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
        stats.connected(false, settings.url());
        connector =
                Thread.ofPlatform().name("iocmap-alarm-mqtt-connect").daemon().start(this::connectLoop);
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
        options.setCleanSession(false); // the broker keeps the subscription and the unacknowledged messages
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

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            LOG.info(
                    "{} the MQTT broker {}; subscribing to {}",
                    reconnect ? "Reconnected to" : "Connected to",
                    serverUri,
                    settings.topic());
            // Not on this callback thread: a blocking subscribe here would wait for itself.
            Thread.ofVirtual().name("iocmap-alarm-mqtt-subscribe").start(() -> {
                try {
                    client.subscribe(settings.topic(), 1);
                    subscribed = true;
                    stats.connected(true, serverUri + " " + settings.topic());
                } catch (MqttException | RuntimeException e) {
                    // The connection dropped or the client is closing: the next connectComplete subscribes again.
                    LOG.error("Cannot subscribe to {} on {}: {}", settings.topic(), serverUri, e.toString());
                }
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            stats.connected(false, settings.url());
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
                LOG.warn("Alarm message on {} not acknowledged: {}", topic, e.toString());
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
        Instant now = ingest.clock().instant();
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        int slash = topic.lastIndexOf('/');
        String topicDevice = slash < 0 ? topic : topic.substring(slash + 1);
        AlarmEventParser.Parsed parsed;
        try {
            parsed = AlarmEventParser.parse(payload, topicDevice.isEmpty() ? null : topicDevice, now);
        } catch (AlarmEventParser.NotJsonException e) {
            stats.message(now, 1);
            stats.rejected(new AlarmReject(0, RejectReason.BAD_JSON, e.getMessage(), null), topic);
            return true;
        }
        stats.message(now, parsed.items());
        parsed.rejects().forEach(r -> stats.rejected(r, topic));
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                AlarmIngest.Receipt receipt = ingest.ingest(parsed.events());
                stats.stored(receipt.accepted().size());
                receipt.rejected().forEach(r -> stats.rejected(r, topic));
                return true;
            } catch (RuntimeException e) {
                stats.storeFailed();
                boolean storeDown = e instanceof StorageUnavailableException;
                if (!storeDown && attempt >= MAX_ATTEMPTS) {
                    LOG.error("Giving up an alarm message on {} after {} attempts: {}", topic, attempt, payload, e);
                    for (AlarmEvent event : parsed.events()) {
                        stats.rejected(
                                new AlarmReject(event.index(), RejectReason.STORE_ERROR, e.toString(), event.device()),
                                topic);
                    }
                    return true;
                }
                if (!running) {
                    return false; // the broker delivers it again to the next session
                }
                LOG.warn(
                        "Cannot store an alarm message on {} (attempt {}); retrying in {} s: {}",
                        topic,
                        attempt,
                        wait.toSeconds(),
                        e.toString());
                LockSupport.parkNanos(wait.toNanos());
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
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
