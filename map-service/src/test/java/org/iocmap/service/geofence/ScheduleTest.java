package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iocmap.service.geofence.Fixtures.ZONE;
import static org.iocmap.service.geofence.Fixtures.fix;
import static org.iocmap.service.geofence.Fixtures.run;
import static org.iocmap.service.geofence.Fixtures.types;
import static org.iocmap.service.geofence.Fixtures.wkt;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins schedules: yearly windows in local time, and what a closed season opening or closing does to a vessel. */
class ScheduleTest {
    private static final int MMSI = 574_000_005;

    /** A closed season from 1 April to 31 May, Vietnam time. */
    private static final Schedule CLOSED_SEASON =
            Schedule.yearly(Schedule.Window.days(MonthDay.of(4, 1), MonthDay.of(5, 31)));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "last minute before the season (ICT), 2025-03-31T16:59:00Z, false",
        "first minute of the season (ICT), 2025-03-31T17:00:00Z, true",
        "in May, 2025-05-20T06:00:00Z, true",
        "last minute of the season (ICT), 2025-05-31T16:59:59Z, true",
        "after the season (ICT), 2025-05-31T17:00:00Z, false",
        "a later year, 2031-04-15T00:00:00Z, true"
    })
    void aClosedSeasonIsActiveWithinItsDaysInVietnamTime(String what, String time, boolean active) {
        assertThat(CLOSED_SEASON.isActiveAt(Instant.parse(time))).isEqualTo(active);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "in December at night, 2025-12-20T16:00:00Z, true",
        "in December by day, 2025-12-20T05:00:00Z, false",
        "in January after midnight, 2026-01-10T20:00:00Z, true",
        "on the last day before 04:00, 2026-01-14T20:59:00Z, true",
        "on the last day at 04:00, 2026-01-14T21:00:00Z, false",
        "on the last night before midnight, 2026-01-15T16:59:00Z, true",
        "after midnight following the last day, 2026-01-15T20:00:00Z, false",
        "in February at night, 2026-02-10T16:00:00Z, false"
    })
    void windowsMayRunOverTheNewYearAndPastMidnight(String what, String time, boolean active) {
        Schedule nights = Schedule.yearly(Schedule.Window.days(MonthDay.of(12, 15), MonthDay.of(1, 15))
                .hours(LocalTime.of(22, 0), LocalTime.of(4, 0)));
        assertThat(nights.isActiveAt(Instant.parse(time))).isEqualTo(active);
    }

    @Test
    void changesAreFoundAtTheirExactInstants() {
        List<Long> changes = CLOSED_SEASON.findChangesBetween(
                Instant.parse("2025-03-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2025-07-01T00:00:00Z").toEpochMilli());
        assertThat(changes)
                .map(Instant::ofEpochMilli)
                .containsExactly(Instant.parse("2025-03-31T17:00:00Z"), Instant.parse("2025-05-31T17:00:00Z"));
        Schedule utc = Schedule.yearly(ZoneOffset.UTC, Schedule.Window.days(MonthDay.of(4, 1), MonthDay.of(5, 31)));
        assertThat(utc.isActiveAt(Instant.parse("2025-03-31T17:00:00Z"))).isFalse();
    }

    @Test
    void hoursMustBothBeGivenAndDiffer() {
        Schedule.Window days = Schedule.Window.days(MonthDay.of(4, 1), MonthDay.of(5, 31));
        assertThatThrownBy(() -> days.hours(LocalTime.NOON, LocalTime.NOON)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new Schedule.Window(MonthDay.of(4, 1), MonthDay.of(5, 31), LocalTime.NOON, null))
                .hasMessageContaining("both be given");
    }

    @Test
    void aTransitOutsideTheSeasonGivesNoEventAndInsideItDoes() {
        GeofenceEngine engine = engineWithClosedSeason();
        List<GeofenceEvent> march = run(
                engine,
                List.of(
                        fix(MMSI, Instant.parse("2025-03-10T00:00:00Z"), 109.25, 12.15),
                        fix(MMSI, Instant.parse("2025-03-10T02:00:00Z"), 109.45, 12.15)));
        List<GeofenceEvent> april = run(
                engine,
                List.of(
                        fix(MMSI, Instant.parse("2025-04-10T00:00:00Z"), 109.45, 12.15),
                        fix(MMSI, Instant.parse("2025-04-10T02:00:00Z"), 109.25, 12.15)));
        assertThat(march).isEmpty();
        assertThat(types(april)).containsExactly(EventType.ENTER, EventType.EXIT);
    }

    @Test
    void aVesselInsideWhenTheSeasonOpensAndClosesEntersAndLeavesAtThoseInstants() {
        GeofenceEngine engine = engineWithClosedSeason();
        List<GeofenceEvent> events = new ArrayList<>();
        // Inside the zone, reporting every 12 hours from 28 March to 3 June.
        Instant t = Instant.parse("2025-03-28T00:00:00Z");
        for (int k = 0; t.isBefore(Instant.parse("2025-06-03T00:00:00Z")); k++) {
            events.addAll(engine.accept(fix(MMSI, t, 109.34 + 0.0001 * (k % 7), 12.15)));
            t = t.plus(Duration.ofHours(12));
        }
        assertThat(types(events)).containsExactly(EventType.ENTER, EventType.EXIT);
        GeofenceEvent enter = events.get(0);
        GeofenceEvent exit = events.get(1);
        assertThat(enter.time()).isEqualTo(Instant.parse("2025-03-31T17:00:00Z"));
        assertThat(exit.time()).isEqualTo(Instant.parse("2025-05-31T17:00:00Z"));
        assertThat(enter.detail()).isEqualTo(new EventDetail.Transition(Cause.FENCE_CHANGED));
        assertThat(exit.detail()).isEqualTo(new EventDetail.Transition(Cause.FENCE_CHANGED));
        assertThat(enter.interpolated()).isTrue();
    }

    private static GeofenceEngine engineWithClosedSeason() {
        GeofenceVersion v = new GeofenceVersion(
                1,
                Fixtures.SINCE,
                "Closed season",
                FenceKind.NO_FISHING_ZONE,
                wkt(ZONE),
                CLOSED_SEASON,
                VesselClass.any(),
                FenceRules.of(EventType.ENTER, EventType.EXIT));
        return new GeofenceEngine(
                new GeofenceCatalog(List.of(Geofence.of("season", v))),
                VesselDirectory.unknown(),
                Fixtures.quietDark());
    }
}
