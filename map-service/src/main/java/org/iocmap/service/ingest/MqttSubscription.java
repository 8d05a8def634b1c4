package org.iocmap.service.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Subscribes to one topic filter on an MQTT broker (Eclipse Paho, MQTT 3.1.1) and hands each message to a {@link Feed}
 * that parses and stores it: fire-alarm events, station readings.
 *
 * <p><b>Nothing is lost.</b> The subscription is QoS 1 on a persistent session (clean session off, a fixed client id),
 * with manual acknowledgements: a message is acknowledged only after the feed has stored it. While the store is down
 * the message is retried (1 s, doubling to 30 s) and not acknowledged, which also holds back the messages behind it;
 * if the service stops meanwhile, the broker delivers it again to the next session. A payload that can never be stored
 * is the feed's to count as rejected, and is acknowledged so it does not block the next one; so is one that fails for
 * another reason than the store {@value #MAX_ATTEMPTS} times.
 *
 * <p>Paho reconnects on its own after a lost connection; the first connection is retried here until it succeeds, so
 * the service starts whether the broker is up or not.
 *
 * @param <P> what the feed makes of a message before storing it
 */
public final class MqttSubscription<P> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSubscription.class);
    static final int MAX_ATTEMPTS = 5;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    /** Parses and stores the messages of one subscription; called from Paho's thread, one message at a time. */
    public interface Feed<P> {
        /**
         * Reads a message and counts what it rejects; returns what to store, or null when nothing is (a payload that
         * is not JSON, say).
         *
         * @param topicLevel the topic's last level, the device or station a payload may leave unnamed; null if empty
         */
        P parse(String topic, String topicLevel, String payload);

        /** Stores what {@link #parse} returned and counts the outcome. Throws when the store fails. */
        void store(String topic, P parsed);

        /** Counts a failed attempt to store. */
        default void storeFailed() {
            // nothing to count
        }

        /** Counts what is given up after {@value MqttSubscription#MAX_ATTEMPTS} failures other than the store being down. */
        void gaveUp(String topic, P parsed, RuntimeException cause);

        /** Hears whether the subscription stands, and where. */
        default void connected(boolean up, String where) {
            // nothing to show
        }
    }

    private final AlarmMqttSettings settings;
    private final String name;
    private final Feed<P> feed;
    private final MqttClient client;
    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile Thread handling; // the Paho thread in messageArrived, woken by close() from a retry wait
    private Thread connector;

    /**
     * @param name what the messages are ("alarm", "readings"), for thread names and the log
     * @throws IllegalArgumentException when the broker address cannot be used
     */
    public MqttSubscription(AlarmMqttSettings settings, String name, Feed<P> feed) {
        this.settings = settings;
        this.name = name;
        this.feed = feed;
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
        feed.connected(false, settings.url());
        connector = Thread.ofPlatform()
                .name("iocmap-" + name + "-mqtt-connect")
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
                wait = longer(wait);
            }
        }
    }

    private static Duration longer(Duration wait) {
        return wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
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
            Thread.ofVirtual().name("iocmap-" + name + "-mqtt-subscribe").start(() -> {
                try {
                    client.subscribe(settings.topic(), 1);
                    subscribed = true;
                    feed.connected(true, serverUri + " " + settings.topic());
                } catch (MqttException | RuntimeException e) {
                    // The connection dropped or the client is closing: the next connectComplete subscribes again.
                    LOG.error("Cannot subscribe to {} on {}: {}", settings.topic(), serverUri, e.toString());
                }
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            feed.connected(false, settings.url());
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
                LOG.warn("{} message on {} not acknowledged: {}", name, topic, e.toString());
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
    private boolean handle(String topic, MqttMessage message) {
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        int slash = topic.lastIndexOf('/');
        String level = slash < 0 ? topic : topic.substring(slash + 1);
        P parsed = feed.parse(topic, level.isEmpty() ? null : level, payload);
        if (parsed == null) {
            return true;
        }
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                feed.store(topic, parsed);
                return true;
            } catch (RuntimeException e) {
                feed.storeFailed();
                boolean storeDown = e instanceof StorageUnavailableException;
                if (!storeDown && attempt >= MAX_ATTEMPTS) {
                    LOG.error("Giving up a {} message on {} after {} attempts: {}", name, topic, attempt, payload, e);
                    feed.gaveUp(topic, parsed, e);
                    return true;
                }
                if (!running) {
                    return false; // the broker delivers it again to the next session
                }
                LOG.warn(
                        "Cannot store a {} message on {} (attempt {}); retrying in {} s: {}",
                        name,
                        topic,
                        attempt,
                        wait.toSeconds(),
                        e.toString());
                LockSupport.parkNanos(wait.toNanos());
                wait = longer(wait);
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
