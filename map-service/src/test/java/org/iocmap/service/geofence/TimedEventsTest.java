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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins APPROACH (once per approach), DWELL and LOITER (after their thresholds only). */
class TimedEventsTest {
    private static final int MMSI = 574_000_002;
    private static final Instant T0 = Fixtures.T0;
    private static final double KNOTS_10_METRES_PER_SECOND = 10 * 1852 / 3600.0;

    @Test
    void approachIsReportedOnceWithTheExpectedTimeAndPointOfArrival() {
        GeofenceEngine engine = engine(fence("zone", ZONE, FenceRules.of(EventType.APPROACH, EventType.ENTER)));
        // Due east at 10 kn along 12.15 N from 16.3 km west of the zone's west edge, a fix every 5 minutes.
        List<GeofenceEvent> events = new ArrayList<>();
        List<Instant> approachFixTimes = new ArrayList<>();
        for (int k = 0; k <= 24; k++) {
            Instant t = T0.plus(Duration.ofMinutes(5L * k));
            double lon = 109.15 + KNOTS_10_METRES_PER_SECOND * 300 * k / Fixtures.METRES_PER_DEGREE_LON;
            List<GeofenceEvent> found = engine.accept(fix(MMSI, t, lon, 12.15, 10, 90));
            if (!ofType(found, EventType.APPROACH).isEmpty()) {
                approachFixTimes.add(t);
            }
            events.addAll(found);
        }

        assertThat(types(events)).containsExactly(EventType.APPROACH, EventType.ENTER);
        // 30 minutes ahead reaches the zone first from the fix at 25 minutes (8.6 km to go).
        assertThat(approachFixTimes).containsExactly(T0.plus(Duration.ofMinutes(25)));
        GeofenceEvent approach = events.get(0);
        GeofenceEvent enter = events.get(1);
        EventDetail.Approach detail = (EventDetail.Approach) approach.detail();
        assertThat(detail.arrivalLon()).isCloseTo(109.30, within(1e-9));
        assertThat(detail.arrivalLat()).isCloseTo(12.15, within(1e-4));
        assertThat(Duration.between(enter.time(), detail.arrivalTime()).abs()).isLessThan(Duration.ofSeconds(10));
        assertThat(detail.distanceMetres()).isCloseTo(8_610, within(30.0));
        assertThat(detail.sogKnots()).isEqualTo(10);
        assertThat(detail.cogDegrees()).isEqualTo(90);
        assertThat(approach.time()).isEqualTo(T0.plus(Duration.ofMinutes(25)));
    }

    @Test
    void aNewApproachIsReportedOnlyAfterTheVesselTurnedAwayForAWholeLookahead() {
        GeofenceEngine engine = engine(fence("line", LINE, FenceRules.of(EventType.APPROACH)));
        // 5 km west of the line, holding position but heading at it at 10 kn, then away, then at it again.
        double lon = 109.50 - 5_000 / Fixtures.METRES_PER_DEGREE_LON;
        List<GeofenceEvent> events = new ArrayList<>();
        int minute = 0;
        for (double cog : new double[] {90, 90, 270, 90, 270, 270, 270, 270, 270, 270, 270, 90}) {
            events.addAll(engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(minute)), lon, 12.2, 10, cog)));
            minute += 5;
        }
        // Turning away for 5 minutes does not end the approach; for 35 minutes (more than 30) it does.
        assertThat(types(events)).containsExactly(EventType.APPROACH, EventType.APPROACH);
        assertThat(events.get(1).time()).isEqualTo(T0.plus(Duration.ofMinutes(55)));
    }

    @Test
    void dwellIsReportedOnceWhenTheThresholdIsReachedAndNotBefore() {
        GeofenceEngine engine = engine(fence(
                "zone", ZONE, FenceRules.of(EventType.ENTER, EventType.DWELL).withDwell(Duration.ofHours(1))));
        List<GeofenceEvent> events = new ArrayList<>(engine.accept(fix(MMSI, T0, 109.28, 12.15)));
        GeofenceEvent dwell = null;
        for (int k = 1; k <= 12; k++) {
            Instant t = T0.plus(Duration.ofMinutes(10L * k));
            List<GeofenceEvent> found = engine.accept(fix(MMSI, t, 109.35, 12.15));
            for (GeofenceEvent e : ofType(found, EventType.DWELL)) {
                assertThat(k)
                        .as("returned by the first fix after the threshold")
                        .isEqualTo(7);
                dwell = e;
            }
            events.addAll(found);
        }
        assertThat(types(events)).containsExactly(EventType.ENTER, EventType.DWELL);
        GeofenceEvent enter = events.getFirst();
        assertThat(dwell).isNotNull();
        assertThat(dwell.time()).isEqualTo(enter.time().plus(Duration.ofHours(1)));
        assertThat(dwell.detail()).isEqualTo(new EventDetail.Dwell(enter.time(), Duration.ofHours(1)));
        assertThat(dwell.track()).hasSize(2);
    }

    @Test
    void dwellIsNotReportedForAShorterVisit() {
        GeofenceEngine engine = engine(fence("zone", ZONE, FenceRules.of(EventType.DWELL)));
        List<GeofenceEvent> events = run(
                engine,
                List.of(
                        fix(MMSI, T0, 109.35, 12.15),
                        fix(MMSI, T0.plus(Duration.ofMinutes(50)), 109.36, 12.15),
                        fix(MMSI, T0.plus(Duration.ofMinutes(70)), 109.50, 12.15)));
        assertThat(events).isEmpty();
    }

    @Test
    void loiterIsReportedAfterTheMinimumSlowTimeInsideOnly() {
        GeofenceEngine engine =
                engine(fence("zone", ZONE, FenceRules.of(EventType.LOITER).withLoiter(3, Duration.ofHours(1))));
        List<GeofenceEvent> events = new ArrayList<>();
        for (int k = 0; k <= 9; k++) {
            List<GeofenceEvent> found =
                    engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(10L * k)), 109.35 + 0.0005 * k, 12.15, 1.5, 90));
            if (!found.isEmpty()) {
                assertThat(k).as("returned by the fix that reaches an hour").isEqualTo(6);
            }
            events.addAll(found);
        }
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.LOITER);
            assertThat(e.time()).isEqualTo(T0.plus(Duration.ofHours(1)));
            assertThat(e.detail()).isEqualTo(new EventDetail.Loiter(T0, Duration.ofHours(1), 3, 1.5));
        });
    }

    @Test
    void aFastVesselInsideDoesNotLoiterAndAFastFixRestartsTheSlowRun() {
        GeofenceEngine engine =
                engine(fence("zone", ZONE, FenceRules.of(EventType.LOITER).withLoiter(3, Duration.ofHours(1))));
        List<GeofenceEvent> events = new ArrayList<>();
        for (int k = 0; k <= 12; k++) {
            events.addAll(
                    engine.accept(fix(MMSI, T0.plus(Duration.ofMinutes(10L * k)), 109.31 + 0.005 * k, 12.15, 8, 90)));
        }
        int other = MMSI + 1;
        double[] speeds = {1, 1, 1, 1, 1, 6, 1, 1, 1, 1, 1};
        for (int k = 0; k < speeds.length; k++) {
            events.addAll(engine.accept(fix(other, T0.plus(Duration.ofMinutes(10L * k)), 109.35, 12.15, speeds[k], 0)));
        }
        assertThat(events).isEmpty();
    }

    @Test
    void loiterUsesTheMeanSpeedBetweenFixesWhenNoSpeedIsReported() {
        GeofenceEngine engine =
                engine(fence("zone", ZONE, FenceRules.of(EventType.LOITER).withLoiter(3, Duration.ofHours(1))));
        // A VMS-like unit every 2 hours, no speed, drifting 2 km in 2 hours (about 0.5 kn).
        List<GeofenceEvent> events = run(
                engine,
                List.of(
                        fix(MMSI, T0, 109.33, 12.15),
                        fix(MMSI, T0.plus(Duration.ofHours(2)), 109.35, 12.15),
                        fix(MMSI, T0.plus(Duration.ofHours(4)), 109.37, 12.15)));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(T0.plus(Duration.ofHours(3)));
            assertThat(e.interpolated()).isTrue();
            assertThat(e.lon()).isCloseTo(109.36, within(1e-4));
        });
    }
}
