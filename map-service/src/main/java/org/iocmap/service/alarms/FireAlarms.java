package org.iocmap.service.alarms;

import java.time.Clock;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.store.Store;
import org.iocmap.service.config.AlarmMqttSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the fire-alarm services of a running platform: the device registry, the fire stations, the incidents, the
 * ingest that HTTP and MQTT share, their counters, the offline watcher and, when configured, the MQTT subscription.
 * {@link #close()} stops the subscription first (no new messages), then the watcher.
 */
public final class FireAlarms implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FireAlarms.class);

    private final AlarmDevices devices;
    private final FireStations stations;
    private final FireIncidents incidents;
    private final AlarmIngest ingest;
    private final AlarmStats stats;
    private final OfflineWatcher watcher;
    private final AlarmMqttSubscriber mqtt; // null when off

    private FireAlarms(
            AlarmDevices devices,
            FireStations stations,
            FireIncidents incidents,
            AlarmIngest ingest,
            AlarmStats stats,
            OfflineWatcher watcher,
            AlarmMqttSubscriber mqtt) {
        this.devices = devices;
        this.stations = stations;
        this.incidents = incidents;
        this.ingest = ingest;
        this.stats = stats;
        this.watcher = watcher;
        this.mqtt = mqtt;
    }

    /**
     * Creates the services and starts the offline watcher and, when {@code mqtt} is on, the subscription.
     *
     * @param clock stamps receipts and offline checks (a test drives both with one clock)
     * @param openDemoIncidents whether to open incidents for the devices in alarm that have none (demo data just
     *     loaded)
     */
    public static FireAlarms start(Store store, AlarmMqttSettings mqtt, Clock clock, boolean openDemoIncidents) {
        ChangeLog changes = new ChangeLog(store, clock);
        AlarmDevices devices = new AlarmDevices(store, changes);
        FireIncidents incidents = new FireIncidents(store, changes);
        if (openDemoIncidents) {
            int opened = incidents.openForDevicesInAlarm();
            if (opened > 0) {
                LOG.info("Opened {} fire incidents for the demo devices in alarm", opened);
            }
        }
        AlarmIngest ingest = new AlarmIngest(store, incidents, changes, clock);
        AlarmStats stats = new AlarmStats();
        OfflineWatcher watcher = new OfflineWatcher(store, changes, clock);
        watcher.start();
        AlarmMqttSubscriber subscriber = null;
        if (mqtt.isOn()) {
            subscriber = new AlarmMqttSubscriber(mqtt, ingest, stats.source(AlarmStats.MQTT));
            subscriber.start();
        }
        return new FireAlarms(devices, new FireStations(store), incidents, ingest, stats, watcher, subscriber);
    }

    public AlarmDevices devices() {
        return devices;
    }

    public FireStations stations() {
        return stations;
    }

    public FireIncidents incidents() {
        return incidents;
    }

    public AlarmIngest ingest() {
        return ingest;
    }

    public AlarmStats stats() {
        return stats;
    }

    public OfflineWatcher watcher() {
        return watcher;
    }

    /** Tests whether the MQTT subscription is on, connected and confirmed by the broker. */
    public boolean isMqttSubscribed() {
        return mqtt != null && mqtt.isSubscribed();
    }

    @Override
    public void close() {
        if (mqtt != null) {
            mqtt.close();
        }
        watcher.close();
    }
}
