package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iocmap.service.geofence.Fixtures.LINE;
import static org.iocmap.service.geofence.Fixtures.SINCE;
import static org.iocmap.service.geofence.Fixtures.ZONE;
import static org.iocmap.service.geofence.Fixtures.fix;
import static org.iocmap.service.geofence.Fixtures.wkt;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iocmap.service.geofence.SyntheticTraffic.Item;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * Proves that a restart loses and repeats nothing: an engine stopped at any point, restored from its snapshot (through
 * JSON) and handed the fixes from the last stored one on, gives exactly the events of an engine that never stopped.
 */
class SnapshotReplayTest {
    private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
    private static final int JITTER_MMSI = 574_299_999;
    private static final int CUTS = 16;
    private static final int REPLAYED_BEFORE_CUT = 40;

    private static List<Item> items;
    private static List<GeofenceEvent> uninterrupted;

    @BeforeAll
    static void runOnceWithoutStopping() {
        items = new ArrayList<>(SyntheticTraffic.generate(
                40,
                574_200_000,
                new Envelope(109.10, 109.70, 11.95, 12.45),
                START,
                Duration.ofDays(2),
                Duration.ofMinutes(15),
                42));
        // A vessel jittering ±20 m across the zone's west edge for two hours, every 30 s.
        double twentyMetres = 20 / Fixtures.METRES_PER_DEGREE_LON;
        for (int i = 0; i < 240; i++) {
            Instant t = START.plus(Duration.ofHours(3)).plusSeconds(30L * i);
            items.add(new Item(
                    fix(JITTER_MMSI, t, 109.30 + (i % 2 == 0 ? -twentyMetres : twentyMetres), 12.15),
                    null,
                    t.toEpochMilli()));
        }
        // Then it drifts out and stays 30 m outside, within the band: the exit is confirmed by time, 12 minutes on.
        double thirtyMetres = 30 / Fixtures.METRES_PER_DEGREE_LON;
        for (int minutes : new int[] {123, 135}) {
            Instant t = START.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(minutes));
            items.add(new Item(fix(JITTER_MMSI, t, 109.30 - thirtyMetres, 12.15), null, t.toEpochMilli()));
        }
        items.sort(Comparator.comparingLong(Item::arrivalMillis));
        uninterrupted = play(engine(), 0, items.size());
    }

    @Test
    void theInputExercisesEveryEventAndCause() {
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        Set<Cause> causes = EnumSet.noneOf(Cause.class);
        for (GeofenceEvent e : uninterrupted) {
            counts.merge(e.type(), 1, Integer::sum);
            if (e.detail() instanceof EventDetail.Transition t) {
                causes.add(t.cause());
            }
        }
        assertThat(counts).containsOnlyKeys(EventType.values());
        assertThat(causes).containsExactlyInAnyOrder(Cause.values());
        assertThat(uninterrupted.stream().filter(e -> e.mmsi() == JITTER_MMSI && e.type() == EventType.ENTER))
                .hasSize(1);
        GeofenceEngine engine = engine();
        play(engine, 0, items.size());
        assertThat(engine.stats().duplicates()).isPositive();
        assertThat(engine.stats().outOfOrder()).isPositive();
    }

    @Test
    void restoringASnapshotAndReplayingGivesTheSameEventsAsAnUninterruptedRun() throws IOException {
        ObjectMapper json = new ObjectMapper();
        boolean sawPending = false;
        boolean sawDark = false;
        boolean sawApproach = false;
        boolean sawSlowRun = false;
        boolean sawInside = false;
        for (int cut : cutPoints()) {
            GeofenceEngine before = engine();
            List<GeofenceEvent> events = play(before, 0, cut);
            EngineSnapshot snapshot = before.snapshot();

            EngineSnapshot stored = json.readValue(json.writeValueAsString(snapshot), EngineSnapshot.class);
            assertThat(stored).isEqualTo(snapshot);

            GeofenceEngine after = engine();
            after.restore(stored);
            // Replaying stored fixes from before the cut: all already seen, so no event.
            for (int i = Math.max(0, cut - REPLAYED_BEFORE_CUT); i < cut; i++) {
                if (!items.get(i).isTick()) {
                    assertThat(after.accept(items.get(i).fix())).isEmpty();
                }
            }
            events.addAll(play(after, cut, items.size()));

            assertThat(events)
                    .as("events with a restart at item %d of %d", cut, items.size())
                    .isEqualTo(uninterrupted);

            for (EngineSnapshot.VesselSnapshot v : snapshot.vessels()) {
                sawDark |= v.dark();
                for (EngineSnapshot.FenceSnapshot f : v.fences()) {
                    sawPending |= f.pending() != null;
                    sawApproach |= f.approachOpen();
                    sawSlowRun |= f.slowSinceMillis() != null;
                    sawInside |= f.inside();
                }
            }
        }
        assertThat(List.of(sawPending, sawDark, sawApproach, sawSlowRun, sawInside))
                .as("pending, dark, approach, slow run, inside were each cut through")
                .containsOnly(true);
    }

    @Test
    void aSnapshotAlsoSurvivesJavaSerialization() throws IOException, ClassNotFoundException {
        GeofenceEngine engine = engine();
        play(engine, 0, items.size() / 2);
        EngineSnapshot snapshot = engine.snapshot();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(snapshot);
        }
        assertThat(snapshot.findReplayStart()).isAfter(START);
    }

    /**
     * Returns uneven cut points spread over the input, and targeted ones: between a crossing and the later fix that
     * confirmed it (the unconfirmed crossing must survive the restart), and between a DWELL or LOITER timer's start
     * and the fix that reported it.
     */
    private static List<Integer> cutPoints() {
        List<Integer> cuts = new ArrayList<>();
        for (int k = 1; k <= CUTS; k++) {
            cuts.add((int) ((long) items.size() * k / (CUTS + 1)) + k * 7);
        }
        Map<PositionFix, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTick()) {
                position.put(items.get(i).fix(), i);
            }
        }
        int confirmedLater = 0;
        int timers = 0;
        for (GeofenceEvent e : uninterrupted) {
            if (e.track().size() == 3 && confirmedLater < 6) { // crossed between fixes 0 and 1, confirmed at fix 2
                cuts.add(position.get(e.track().get(1)) + 1);
                confirmedLater++;
            } else if ((e.type() == EventType.DWELL || e.type() == EventType.LOITER) && timers < 4) {
                cuts.add(position.get(e.track().get(0)));
                timers++;
            }
        }
        assertThat(confirmedLater)
                .as("exits and crossings confirmed at a later fix")
                .isGreaterThanOrEqualTo(3);
        return cuts;
    }

    private static List<GeofenceEvent> play(GeofenceEngine engine, int from, int to) {
        List<GeofenceEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Item item = items.get(i);
            events.addAll(item.isTick() ? engine.advanceTo(item.tick()) : engine.accept(item.fix()));
        }
        return events;
    }

    private static GeofenceEngine engine() {
        return new GeofenceEngine(catalog(), SnapshotReplayTest::classOf, DarkSettings.defaults());
    }

    private static VesselClass classOf(int mmsi) {
        return switch (mmsi % 3) {
            case 0 -> VesselClass.FISHING;
            case 1 -> VesselClass.CARGO;
            default -> VesselClass.UNKNOWN;
        };
    }

    private static GeofenceCatalog catalog() {
        FenceRules area =
                FenceRules.allForArea().withDwell(Duration.ofMinutes(30)).withLoiter(3, Duration.ofMinutes(20));
        Schedule nights = Schedule.yearly(Schedule.Window.days(MonthDay.of(1, 1), MonthDay.of(12, 31))
                .hours(LocalTime.of(18, 0), LocalTime.of(6, 0)));
        return new GeofenceCatalog(List.of(
                Fixtures.fence("zone", ZONE, area),
                Fixtures.fence("line", LINE, FenceRules.allForLine()),
                Geofence.of(
                        "nights",
                        new GeofenceVersion(
                                1,
                                SINCE,
                                "Night closure",
                                FenceKind.NO_FISHING_ZONE,
                                wkt("POLYGON ((109.15 12.25, 109.25 12.25, 109.25 12.35, 109.15 12.35, 109.15 12.25))"),
                                nights,
                                VesselClass.any(),
                                area)),
                new Geofence(
                        "versioned",
                        List.of(
                                Fixtures.version(
                                        1,
                                        SINCE,
                                        "POLYGON ((109.55 12.00, 109.65 12.00, 109.65 12.10, 109.55 12.10, 109.55 12.00))",
                                        area),
                                Fixtures.version(
                                        2,
                                        START.plus(Duration.ofHours(30)),
                                        "POLYGON ((109.52 11.98, 109.68 11.98, 109.68 12.12, 109.52 12.12, 109.52 11.98))",
                                        area))),
                Geofence.of(
                        "fishing-only",
                        new GeofenceVersion(
                                1,
                                SINCE,
                                "Fishing ground",
                                FenceKind.PROTECTED_AREA,
                                wkt("POLYGON ((109.15 12.00, 109.25 12.00, 109.25 12.10, 109.15 12.10, 109.15 12.00))"),
                                Schedule.always(),
                                Set.of(VesselClass.FISHING),
                                area)),
                Fixtures.fence(
                        "port",
                        "MULTIPOLYGON (((109.60 12.30, 109.70 12.30, 109.70 12.40, 109.60 12.40, "
                                + "109.60 12.30), (109.63 12.33, 109.67 12.33, 109.67 12.37, 109.63 12.37, 109.63 12.33)), "
                                + "((109.45 12.42, 109.48 12.42, 109.48 12.45, 109.45 12.42)))",
                        area)));
    }
}
