package org.iocmap.service.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreSettings;
import org.iocmap.service.http.ConflictException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Checks the incident store on a fresh embedded store (no stations, no cameras): alarms that race for one device open
 * one incident, lists keep to the viewer's area, and the workflow refuses a step not allowed now.
 */
class FireIncidentStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-15T01:00:00Z");
    private static final String WEST = "POLYGON ((109.0 12.0, 109.1 12.0, 109.1 12.5, 109.0 12.5, 109.0 12.0))";

    @TempDir
    static Path dir;

    private static Store store;
    private static AlarmDevices devices;
    private static FireIncidents incidents;
    private static AlarmIngest ingest;

    @BeforeAll
    static void open() {
        store = Store.open(StoreSettings.embedded(dir));
        ChangeLog changes = new ChangeLog(store);
        devices = new AlarmDevices(store, changes);
        incidents = new FireIncidents(store, changes);
        ingest = new AlarmIngest(store, incidents, changes, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void alarmsRacingForOneDeviceOpenOneIncident() throws Exception {
        devices.register(input("RACE", 109.19, 12.24), T0);
        int senders = 8;
        List<Future<AlarmIngest.Receipt>> receipts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < senders; i++) {
                AlarmEvent alarm = new AlarmEvent(0, "RACE", EventType.ALARM, T0.minusSeconds(i), null);
                receipts.add(pool.submit(() -> ingest.ingest(List.of(alarm))));
            }
        }
        long opened = 0;
        Set<String> codes = new java.util.HashSet<>();
        for (Future<AlarmIngest.Receipt> r : receipts) {
            AlarmIngest.Accepted a = r.get().accepted().getFirst();
            opened += a.incidentOpened() ? 1 : 0;
            codes.add(a.incident());
        }
        assertThat(opened).isEqualTo(1);
        assertThat(codes).hasSize(1);
        FireIncidents.Detail detail = incidents.detail(codes.iterator().next()).orElseThrow();
        assertThat(detail.incident().alarmCount()).isEqualTo(senders);
        assertThat(detail.incident().lastAlarmAt()).isEqualTo(T0);
        assertThat(detail.incident().code()).matches("CC-2026-\\d{6}");
        assertThat(detail.stations()).as("no stations in this store").isEmpty();
        assertThat(detail.events()).hasSize(senders);
    }

    @Test
    void listsKeepToTheViewersArea() throws ParseException {
        devices.register(input("IN-WEST", 109.05, 12.2), T0);
        devices.register(input("IN-EAST", 109.25, 12.2), T0);
        ingest.ingest(List.of(
                new AlarmEvent(0, "IN-WEST", EventType.ALARM, T0, null),
                new AlarmEvent(1, "IN-EAST", EventType.ALARM, T0, null)));
        Optional<Geometry> west = Optional.of(new WKTReader().read(WEST));

        List<String> listed =
                devices.list(new AlarmDevices.Filter(Set.of(), "in-", null, west, 100, 0)).devices().stream()
                        .map(AlarmDevice::code)
                        .toList();
        assertThat(listed).containsExactly("IN-WEST");
        List<String> open = incidents
                .list(new FireIncidents.Filter(Set.copyOf(IncidentStatus.UNRESOLVED), null, null, null, west, 100, 0))
                .incidents()
                .stream()
                .map(FireIncidents.Incident::device)
                .toList();
        assertThat(open).contains("IN-WEST").doesNotContain("IN-EAST");
        assertThat(devices.list(new AlarmDevices.Filter(Set.of("alarm"), "in-", null, Optional.empty(), 100, 0))
                        .matched())
                .isEqualTo(2);
    }

    @Test
    void aStepNotAllowedNowIsRefusedAndChangesNothing() {
        devices.register(input("STEP", 109.19, 12.25), T0);
        String code = ingest.ingest(List.of(new AlarmEvent(0, "STEP", EventType.ALARM, T0, null)))
                .accepted()
                .getFirst()
                .incident();
        assertThatThrownBy(() -> act(code, IncidentAction.DISPATCH, "PCCC-NT-01", false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is OPEN")
                .hasMessageContaining("allowed actions: acknowledge, resolve (as a false alarm, with a note)");
        assertThat(incidents.detail(code).orElseThrow().history()).hasSize(1);
        act(code, IncidentAction.RESOLVE, null, true);
        assertThatThrownBy(() -> act(code, IncidentAction.RESOLVE, null, true))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is RESOLVED")
                .hasMessageContaining("none");
    }

    private static FireIncidents.Detail act(String code, IncidentAction action, String station, boolean falseAlarm) {
        return incidents.act(code, action, "operator", "ghi chú", station, falseAlarm, T0, (lon, lat, what) -> {});
    }

    private static DeviceInput input(String code, double lon, double lat) {
        return new DeviceInput(code, "Tòa nhà " + code, null, null, "smoke_detector", null, 300, lon, lat);
    }
}
