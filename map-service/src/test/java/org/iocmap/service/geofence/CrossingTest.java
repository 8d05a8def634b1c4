package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.iocmap.service.geofence.Fixtures.LINE;
import static org.iocmap.service.geofence.Fixtures.ZONE;
import static org.iocmap.service.geofence.Fixtures.engine;
import static org.iocmap.service.geofence.Fixtures.fence;
import static org.iocmap.service.geofence.Fixtures.fix;
import static org.iocmap.service.geofence.Fixtures.ofType;
import static org.iocmap.service.geofence.Fixtures.run;
import static org.iocmap.service.geofence.Fixtures.types;
import static org.iocmap.service.geofence.Fixtures.wkt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.iocmap.layers.query.geo.Geodesic;
import org.junit.jupiter.api.Test;

/** Pins ENTER, EXIT and CROSS between sparse fixes, with interpolated times and points, and the no-flapping rule. */
class CrossingTest {
    private static final int MMSI = 574_000_001;
    private static final Instant T0 = Fixtures.T0;

    @Test
    void aSparseTrackCrossingALineIsReportedAtTheInterpolatedTimeAndPoint() {
        GeofenceEngine engine = engine(fence("line", LINE, FenceRules.allForLine()));
        PositionFix before = fix(MMSI, T0, 109.40, 12.20);
        PositionFix after = fix(MMSI, T0.plus(Duration.ofHours(3)), 109.70, 12.26);

        List<GeofenceEvent> events = run(engine, List.of(before, after));

        assertThat(types(events)).containsExactly(EventType.CROSS);
        GeofenceEvent cross = events.getFirst();
        assertThat(cross.detail()).isEqualTo(new EventDetail.Crossing(Direction.LEFT_TO_RIGHT)); // eastwards
        assertThat(cross.fence()).isEqualTo(new FenceRef("line", 1, FenceKind.NO_FISHING_ZONE, "Test fence v1"));
        assertThat(cross.interpolated()).isTrue();
        assertThat(cross.track()).containsExactly(before, after);
        assertThat(cross.mmsi()).isEqualTo(MMSI);
        checkOnLineAndTrack(cross, before, after, 109.50);
        checkTimeProportionalToDistance(cross, before, after);
    }

    @Test
    void aLineCrossedTheOtherWayIsRightToLeft() {
        GeofenceEngine engine = engine(fence("line", LINE, FenceRules.allForLine()));
        List<GeofenceEvent> events = run(
                engine, List.of(fix(MMSI, T0, 109.70, 12.10), fix(MMSI, T0.plus(Duration.ofHours(2)), 109.30, 12.30)));
        assertThat(events)
                .extracting(GeofenceEvent::detail)
                .containsExactly(new EventDetail.Crossing(Direction.RIGHT_TO_LEFT));
    }

    @Test
    void aZoneEnteredAndLeftBetweenTwoFixesGivesInterpolatedEnterExitAndCrossings() {
        GeofenceEngine engine =
                engine(fence("zone", ZONE, FenceRules.of(EventType.ENTER, EventType.EXIT, EventType.CROSS)));
        PositionFix before = fix(MMSI, T0, 109.25, 12.15);
        PositionFix after = fix(MMSI, T0.plus(Duration.ofHours(2)), 109.45, 12.16);

        List<GeofenceEvent> events = run(engine, List.of(before, after));

        assertThat(types(events)).containsExactly(EventType.ENTER, EventType.CROSS, EventType.EXIT, EventType.CROSS);
        GeofenceEvent enter = events.get(0);
        GeofenceEvent crossIn = events.get(1);
        GeofenceEvent exit = events.get(2);
        GeofenceEvent crossOut = events.get(3);
        assertThat(enter.detail()).isEqualTo(new EventDetail.Transition(Cause.BOUNDARY_CROSSED));
        assertThat(exit.detail()).isEqualTo(new EventDetail.Transition(Cause.BOUNDARY_CROSSED));
        assertThat(crossIn.detail()).isEqualTo(new EventDetail.Crossing(Direction.INBOUND));
        assertThat(crossOut.detail()).isEqualTo(new EventDetail.Crossing(Direction.OUTBOUND));
        assertThat(crossIn.time()).isEqualTo(enter.time());
        assertThat(crossOut.time()).isEqualTo(exit.time());
        for (GeofenceEvent e : events) {
            assertThat(e.interpolated()).isTrue();
            assertThat(e.track()).containsExactly(before, after);
            checkTimeProportionalToDistance(e, before, after);
        }
        checkOnLineAndTrack(enter, before, after, 109.30);
        checkOnLineAndTrack(exit, before, after, 109.40);
        // A quarter and three quarters of the way, to within the great circle's slight curvature.
        assertThat(Duration.between(T0.plus(Duration.ofMinutes(30)), enter.time())
                        .abs())
                .isLessThan(Duration.ofSeconds(20));
        assertThat(Duration.between(T0.plus(Duration.ofMinutes(90)), exit.time())
                        .abs())
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void enteringWithAFixInsideIsAnEnterAndLaterAnExitButNoCross() {
        GeofenceEngine engine =
                engine(fence("zone", ZONE, FenceRules.of(EventType.ENTER, EventType.EXIT, EventType.CROSS)));
        List<GeofenceEvent> events = run(
                engine,
                List.of(
                        fix(MMSI, T0, 109.20, 12.15),
                        fix(MMSI, T0.plus(Duration.ofHours(2)), 109.35, 12.15),
                        fix(MMSI, T0.plus(Duration.ofHours(4)), 109.50, 12.15)));
        assertThat(types(events)).containsExactly(EventType.ENTER, EventType.EXIT);
        assertThat(events.get(0).time()).isBetween(T0.plus(Duration.ofMinutes(79)), T0.plus(Duration.ofMinutes(81)));
        assertThat(events.get(1).time()).isBetween(T0.plus(Duration.ofMinutes(159)), T0.plus(Duration.ofMinutes(161)));
    }

    @Test
    void aFirstFixInsideIsAnEnterAtThatFix() {
        GeofenceEngine engine = engine(fence("zone", ZONE, FenceRules.of(EventType.ENTER)));
        PositionFix first = fix(MMSI, T0, 109.35, 12.15);
        List<GeofenceEvent> events = engine.accept(first);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.detail()).isEqualTo(new EventDetail.Transition(Cause.FIRST_POSITION));
            assertThat(e.time()).isEqualTo(T0);
            assertThat(e.interpolated()).isFalse();
            assertThat(e.track()).containsExactly(first);
        });
    }

    @Test
    void jitterAcrossTheBoundaryGivesOneEnterAndNoExitUntilTheVesselReallyLeaves() {
        GeofenceEngine engine =
                engine(fence("zone", ZONE, FenceRules.of(EventType.ENTER, EventType.EXIT, EventType.CROSS)));
        List<PositionFix> fixes = jitter(109.30, 30); // ±20 m across the west edge, every 30 s, for 15 minutes

        List<GeofenceEvent> events = run(engine, fixes);

        assertThat(types(events)).containsExactly(EventType.ENTER);
        List<GeofenceEvent> leaving = engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(20)), 109.29, 12.15));
        assertThat(types(leaving)).containsExactly(EventType.EXIT);
        // The exit keeps the time and point of the last crossing out, not of the fix that confirmed it.
        assertThat(leaving.getFirst().time()).isBefore(T0.plus(Duration.ofMinutes(15)));
        assertThat(leaving.getFirst().lon()).isCloseTo(109.30, within(1e-9));
        assertThat(leaving.getFirst().track()).hasSize(2); // the step that crossed, already beyond the band
    }

    @Test
    void jitterAcrossALineGivesAtMostOneCross() {
        GeofenceEngine engine = engine(fence("line", LINE, FenceRules.allForLine()));
        List<GeofenceEvent> events = run(engine, jitter(109.50, 30));
        events = new ArrayList<>(events);
        events.addAll(engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(20)), 109.52, 12.15)));
        assertThat(types(events)).containsExactly(EventType.CROSS);
        assertThat(events.getFirst().detail()).isEqualTo(new EventDetail.Crossing(Direction.LEFT_TO_RIGHT));
    }

    @Test
    void anExitIsConfirmedByTimeWhenTheVesselStaysJustOutside() {
        GeofenceEngine engine = engine(fence("zone", ZONE, FenceRules.of(EventType.ENTER, EventType.EXIT)));
        double twentyMetres = 20 / Fixtures.METRES_PER_DEGREE_LON;
        List<GeofenceEvent> events = run(
                engine,
                List.of(
                        fix(MMSI, T0, 109.35, 12.15),
                        fix(MMSI, T0.plus(Duration.ofMinutes(5)), 109.30 - twentyMetres, 12.15),
                        fix(MMSI, T0.plus(Duration.ofMinutes(9)), 109.30 - twentyMetres, 12.15)));
        assertThat(types(events)).containsExactly(EventType.ENTER);
        PositionFix confirming = fix(MMSI, T0.plus(Duration.ofMinutes(16)), 109.30 - twentyMetres, 12.15);
        List<GeofenceEvent> later = engine.accept(confirming);
        assertThat(types(later)).containsExactly(EventType.EXIT);
        // The step that crossed, and the fix that confirmed the exit 10 minutes after the crossing.
        assertThat(later.getFirst().track()).hasSize(3).endsWith(confirming);
        assertThat(later.getFirst().time()).isBefore(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void oneLongSegmentOutAndBackInAcrossABayIsAnExitAndAReEntry() {
        // A U-shaped zone open to the north: a straight track across the bay leaves and re-enters it.
        String bay = "POLYGON ((109.30 12.10, 109.40 12.10, 109.40 12.20, 109.37 12.20, 109.37 12.13, "
                + "109.33 12.13, 109.33 12.20, 109.30 12.20, 109.30 12.10))";
        GeofenceEngine engine = engine(fence("bay", bay, FenceRules.of(EventType.ENTER, EventType.EXIT)));
        List<GeofenceEvent> events = run(
                engine, List.of(fix(MMSI, T0, 109.31, 12.17), fix(MMSI, T0.plus(Duration.ofHours(1)), 109.39, 12.17)));
        assertThat(types(events)).containsExactly(EventType.ENTER, EventType.EXIT, EventType.ENTER);
    }

    @Test
    void duplicateAndOutOfOrderFixesAreCountedAndGiveNoEvents() {
        GeofenceEngine engine = engine(fence("zone", ZONE, FenceRules.allForArea()));
        run(engine, List.of(fix(MMSI, T0, 109.20, 12.15), fix(MMSI, T0.plus(Duration.ofMinutes(10)), 109.21, 12.15)));

        List<GeofenceEvent> duplicate = engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(10)), 109.35, 12.15));
        List<GeofenceEvent> late = engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(5)), 109.35, 12.15));

        assertThat(duplicate).isEmpty();
        assertThat(late).isEmpty();
        assertThat(engine.stats()).isEqualTo(new EngineStats(2, 1, 1));
        assertThat(engine.findLastFixTime(MMSI)).contains(T0.plus(Duration.ofMinutes(10)));
        // The ignored fixes left no trace: the next step starts from the last accepted fix, outside.
        assertThat(engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(20)), 109.22, 12.15)))
                .isEmpty();
    }

    @Test
    void aFenceForFishingVesselsIgnoresACargoShip() {
        int fishing = 574_100_001;
        int cargo = 574_100_002;
        VesselDirectory directory = mmsi -> mmsi == fishing ? VesselClass.FISHING : VesselClass.fromAisShipType(70);
        GeofenceVersion v = new GeofenceVersion(
                1,
                Fixtures.SINCE,
                "Closed to fishing",
                FenceKind.NO_FISHING_ZONE,
                wkt(ZONE),
                Schedule.always(),
                java.util.Set.of(VesselClass.FISHING),
                FenceRules.allForArea());
        GeofenceEngine engine = new GeofenceEngine(
                new GeofenceCatalog(List.of(Geofence.of("zone", v))), directory, Fixtures.quietDark());

        List<GeofenceEvent> events = new ArrayList<>();
        for (int mmsi : new int[] {fishing, cargo}) {
            events.addAll(run(
                    engine,
                    List.of(fix(mmsi, T0, 109.25, 12.15), fix(mmsi, T0.plus(Duration.ofHours(2)), 109.45, 12.15))));
        }

        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.mmsi()).isEqualTo(fishing));
        assertThat(types(ofType(events, EventType.ENTER))).hasSize(1);
    }

    /** Returns {@code n} fixes 30 s apart alternating 20 m west and 20 m east of longitude {@code lon}, at 12.15 N. */
    private static List<PositionFix> jitter(double lon, int n) {
        double twentyMetres = 20 / Fixtures.METRES_PER_DEGREE_LON;
        List<PositionFix> fixes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = i % 2 == 0 ? lon - twentyMetres : lon + twentyMetres;
            fixes.add(fix(MMSI, T0.plus(Duration.ofSeconds(30L * i)), x, 12.15));
        }
        return fixes;
    }

    /** Checks that the event's point lies on the meridian {@code lon} and on the great circle between the fixes. */
    private static void checkOnLineAndTrack(GeofenceEvent e, PositionFix before, PositionFix after, double lon) {
        assertThat(e.lon()).isCloseTo(lon, within(1e-9));
        double offTrack = Geodesic.distanceMetres(
                e.lon(),
                e.lat(),
                wkt("LINESTRING (" + before.lon() + " " + before.lat() + ", " + after.lon() + " " + after.lat() + ")"));
        assertThat(offTrack).isLessThan(0.01);
    }

    /** Checks that the event's time divides the step as its point divides the step's geodesic length, within 1 s. */
    private static void checkTimeProportionalToDistance(GeofenceEvent e, PositionFix before, PositionFix after) {
        double whole = Geodesic.distanceMetres(before.lon(), before.lat(), after.lon(), after.lat());
        double part = Geodesic.distanceMetres(before.lon(), before.lat(), e.lon(), e.lat());
        long stepMillis = Duration.between(before.time(), after.time()).toMillis();
        Instant expected = before.time().plusMillis(Math.round(stepMillis * part / whole));
        assertThat(Duration.between(expected, e.time()).abs()).isLessThan(Duration.ofSeconds(1));
    }
}
