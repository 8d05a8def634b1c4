package org.iocmap.service.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.kinds.FireAlarmDevice;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * Drives the offline watch with a clock of its own on a fresh embedded store: a device silent for twice its heartbeat
 * interval goes offline once, with an OFFLINE event and a change for the live map; its next message brings it back
 * with the status its latest condition event gives; a restart grants a grace period; unwatched devices stay as they
 * are.
 */
class OfflineWatcherTest {
    private static final Instant T0 = Instant.parse("2026-03-15T01:00:00Z");
    private static final int INTERVAL_S = 60;

    @TempDir
    static Path dir;

    private static Store store;
    private static ChangeLog changes;
    private static TestClock clock;
    private static AlarmDevices devices;
    private static AlarmIngest ingest;

    /** A clock a test sets by hand. */
    static final class TestClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void at(long seconds) {
            now = T0.plusSeconds(seconds);
        }
    }

    @BeforeAll
    static void open() {
        store = Store.open(StoreSettings.embedded(dir));
        clock = new TestClock();
        changes = new ChangeLog(store, clock);
        devices = new AlarmDevices(store, changes);
        ingest = new AlarmIngest(store, new FireIncidents(store, changes), changes, clock);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aSilentDeviceGoesOfflineOnceAndComesBackWithItsStatus() {
        clock.at(0);
        OfflineWatcher watcher = new OfflineWatcher(store, changes, clock);
        AlarmDevice registered = devices.register(input("OFF-1"), clock.instant());
        assertThat(registered.offlineAfter())
                .as("watched from its registration")
                .isEqualTo(T0.plusSeconds(120));

        clock.at(60);
        heartbeat("OFF-1");
        clock.at(179);
        assertThat(watcher.step())
                .as("one interval and a bit of silence is not offline")
                .isZero();

        long before = changes.lastId();
        clock.at(180);
        assertThat(watcher.step()).isEqualTo(1);
        AlarmDevice offline = devices.find("OFF-1").orElseThrow();
        assertThat(offline.status()).isEqualTo("offline");
        assertThat(offline.lastEvent()).isEqualTo("OFFLINE");
        assertThat(offline.lastEventAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(changes.readAfter(before, 100))
                .extracting(Change::layerId, Change::featureId)
                .contains(org.assertj.core.groups.Tuple.tuple(AlarmDevices.LAYER, offline.id()));

        clock.at(500);
        assertThat(watcher.step()).as("once per silence").isZero();
        assertThat(types("OFF-1")).containsExactly(EventType.OFFLINE);

        clock.at(600);
        heartbeat("OFF-1");
        AlarmDevice back = devices.find("OFF-1").orElseThrow();
        assertThat(back.status()).as("no condition event yet: normal").isEqualTo("normal");
        assertThat(back.lastEvent()).isEqualTo("ONLINE");
        assertThat(back.lastHeartbeatAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(back.offlineAfter()).isEqualTo(T0.plusSeconds(720));
        assertThat(types("OFF-1")).containsExactly(EventType.OFFLINE, EventType.ONLINE);

        clock.at(610);
        send("OFF-1", EventType.FAULT, T0.plusSeconds(605));
        clock.at(850);
        assertThat(watcher.step()).isEqualTo(1);
        clock.at(900);
        heartbeat("OFF-1");
        assertThat(devices.find("OFF-1").orElseThrow().status())
                .as("back with the status of its latest condition event")
                .isEqualTo("fault");
    }

    @Test
    void afterAStartADeviceGetsAFullGracePeriodBeforeItIsMarked() {
        clock.at(2_000);
        devices.register(input("OFF-2"), clock.instant());
        heartbeat("OFF-2"); // due at 2_120
        clock.at(2_100);
        OfflineWatcher restarted = new OfflineWatcher(store, changes, clock); // the service (re)started at 2_100
        clock.at(2_130);
        assertThat(restarted.step())
                .as("due, but the service has run for less than two intervals")
                .isZero();
        assertThat(devices.find("OFF-2").orElseThrow().status()).isEqualTo("normal");
        clock.at(2_220);
        assertThat(restarted.step()).isEqualTo(1);
        assertThat(devices.find("OFF-2").orElseThrow().status()).isEqualTo("offline");
    }

    @Test
    void aDeviceNeverHeardAndNotRegisteredHereIsNotWatched() {
        store.inTransaction(session -> {
            var geom = SqlDialect.WGS84.createPoint(new Coordinate(109.2, 12.25));
            geom.setSRID(4326);
            session.persist(new FireAlarmDevice(
                    "OFF-DEMO",
                    "Tòa nhà mẫu",
                    null,
                    1,
                    "smoke_detector",
                    "normal",
                    "RESTORE",
                    null,
                    INTERVAL_S,
                    T0.minus(Duration.ofDays(30)),
                    geom));
            return null;
        });
        clock.at(1_000_000);
        OfflineWatcher watcher = new OfflineWatcher(store, changes, clock);
        clock.at(2_000_000);
        watcher.step();
        assertThat(devices.find("OFF-DEMO").orElseThrow().status()).isEqualTo("normal");
        assertThat(types("OFF-DEMO")).isEmpty();
    }

    @Test
    void theThreadStartsAndStopsCleanly() {
        OfflineWatcher watcher = new OfflineWatcher(store, changes, clock);
        watcher.start();
        watcher.close();
        watcher.close(); // a second close does nothing
    }

    private static DeviceInput input(String code) {
        return new DeviceInput(
                code,
                "Tòa nhà thử " + code,
                "1 Trần Phú, Nha Trang",
                3,
                "smoke_detector",
                null,
                INTERVAL_S,
                109.19,
                12.24);
    }

    private static void heartbeat(String code) {
        send(code, EventType.HEARTBEAT, clock.instant());
    }

    private static void send(String code, EventType type, Instant at) {
        AlarmIngest.Receipt receipt = ingest.ingest(List.of(new AlarmEvent(0, code, type, at, null)));
        assertThat(receipt.rejected()).isEmpty();
    }

    private static List<EventType> types(String code) {
        return devices.detail(code, 100).orElseThrow().events().reversed().stream()
                .map(DeviceEvent::type)
                .toList();
    }
}
