package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.iocmap.service.geofence.Fixtures.ZONE;
import static org.iocmap.service.geofence.Fixtures.fence;
import static org.iocmap.service.geofence.Fixtures.fix;
import static org.iocmap.service.geofence.Fixtures.types;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.query.geo.Geodesic;
import org.junit.jupiter.api.Test;

/** Pins DARK_STARTED (by the clock or by the next fix) and DARK_ENDED with the gap's length and distance. */
class DarkPeriodTest {
    private static final int AIS = 574_000_003;
    private static final int VMS = 574_000_004;
    private static final Instant T0 = Fixtures.T0;

    private final GeofenceCatalog catalog = new GeofenceCatalog(List.of(fence("zone", ZONE, FenceRules.of())));

    private GeofenceEngine engine() {
        VesselDirectory directory = new VesselDirectory() {
            @Override
            public VesselClass classOf(int mmsi) {
                return VesselClass.FISHING;
            }

            @Override
            public Optional<Duration> findExpectedInterval(int mmsi) {
                return mmsi == VMS ? Optional.of(Duration.ofHours(4)) : Optional.empty();
            }
        };
        return new GeofenceEngine(catalog, directory, DarkSettings.defaults());
    }

    /** Ten fixes a minute apart, drifting east inside the zone; returns the last. */
    private static PositionFix reportEveryMinute(GeofenceEngine engine, int mmsi) {
        PositionFix last = null;
        for (int k = 0; k < 10; k++) {
            last = fix(mmsi, T0.plus(Duration.ofMinutes(k)), 109.35 + 0.001 * k, 12.15);
            assertThat(engine.accept(last)).isEmpty();
        }
        return last;
    }

    @Test
    void theClockStartsADarkPeriodOnceAndTheNextFixEndsItWithItsGap() {
        GeofenceEngine engine = engine();
        PositionFix last = reportEveryMinute(engine, AIS);
        // Learnt: a minute between fixes, three of them make 3 minutes, raised to the 10-minute floor.
        assertThat(engine.advanceTo(last.time().plus(Duration.ofMinutes(9)))).isEmpty();
        List<GeofenceEvent> started = engine.advanceTo(last.time().plus(Duration.ofMinutes(11)));
        assertThat(engine.advanceTo(last.time().plus(Duration.ofMinutes(40)))).isEmpty();

        assertThat(started).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.DARK_STARTED);
            assertThat(e.time()).isEqualTo(last.time().plus(Duration.ofMinutes(10)));
            assertThat(e.fence()).isNull();
            assertThat(e.track()).containsExactly(last);
            EventDetail.DarkStarted d = (EventDetail.DarkStarted) e.detail();
            assertThat(d.lastSeen()).isEqualTo(last.time());
            assertThat(d.expectedInterval()).isEqualTo(Duration.ofMinutes(10));
            assertThat(d.insideFences()).extracting(FenceRef::id).containsExactly("zone");
        });

        PositionFix back = fix(AIS, last.time().plus(Duration.ofHours(3)), 109.45, 12.30);
        List<GeofenceEvent> ended = engine.accept(back);
        assertThat(ended).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.DARK_ENDED);
            assertThat(e.time()).isEqualTo(back.time());
            assertThat(e.track()).containsExactly(last, back);
            EventDetail.DarkEnded d = (EventDetail.DarkEnded) e.detail();
            assertThat(d.gap()).isEqualTo(Duration.ofHours(3));
            assertThat(d.distanceMetres())
                    .isCloseTo(Geodesic.distanceMetres(last.lon(), last.lat(), back.lon(), back.lat()), within(1e-6));
            assertThat(d.distanceMetres()).isCloseTo(19_300, within(300.0));
        });
    }

    @Test
    void withoutAClockTickTheNextFixReportsTheSameStartAndTheEnd() {
        GeofenceEngine ticking = engine();
        GeofenceEngine silent = engine();
        PositionFix last = reportEveryMinute(ticking, AIS);
        reportEveryMinute(silent, AIS);
        PositionFix back = fix(AIS, last.time().plus(Duration.ofHours(3)), 109.45, 12.30);

        List<GeofenceEvent> withTick =
                new ArrayList<>(ticking.advanceTo(last.time().plus(Duration.ofHours(1))));
        withTick.addAll(ticking.accept(back));
        List<GeofenceEvent> withoutTick = silent.accept(back);

        assertThat(types(withoutTick)).containsExactly(EventType.DARK_STARTED, EventType.DARK_ENDED);
        assertThat(withoutTick).isEqualTo(withTick);
    }

    @Test
    void aVmsUnitWithAKnownIntervalIsNotDarkBetweenItsReports() {
        GeofenceEngine engine = engine();
        List<GeofenceEvent> events = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            Instant t = T0.plus(Duration.ofHours(3L * k));
            events.addAll(engine.advanceTo(t));
            events.addAll(engine.accept(fix(VMS, t, 109.35, 12.15 + 0.01 * k)));
        }
        assertThat(events).isEmpty();
        assertThat(types(engine.advanceTo(T0.plus(Duration.ofHours(12 + 5))))).containsExactly(EventType.DARK_STARTED);
    }

    @Test
    void anUnconfiguredVmsUnitIsLearntAfterThreeGapsAndOneLongSilenceDoesNotUnlearnIt() {
        GeofenceEngine engine = engine();
        int unit = 574_000_009;
        List<EventType> perFix = new ArrayList<>();
        long[] hours = {0, 4, 8, 12, 16, 20, 24, 72, 76, 80};
        for (long h : hours) {
            List<GeofenceEvent> found = engine.accept(fix(unit, T0.plus(Duration.ofHours(h)), 109.35, 12.15));
            perFix.add(found.isEmpty() ? null : found.getLast().type());
        }
        // Dark at first (30 minutes by default), then 3 × 4 h = 12 h: only the two-day silence is dark.
        assertThat(perFix)
                .containsExactly(
                        null,
                        EventType.DARK_ENDED,
                        EventType.DARK_ENDED,
                        EventType.DARK_ENDED,
                        null,
                        null,
                        null,
                        EventType.DARK_ENDED,
                        null,
                        null);
    }

    @Test
    void aClassWithItsOwnIntervalUsesIt() {
        GeofenceEngine engine = new GeofenceEngine(
                catalog,
                mmsi -> VesselClass.FISHING,
                DarkSettings.defaults().withClassInterval(VesselClass.FISHING, Duration.ofHours(2)));
        engine.accept(fix(AIS, T0, 109.35, 12.15));
        assertThat(engine.advanceTo(T0.plus(Duration.ofMinutes(119)))).isEmpty();
        assertThat(engine.advanceTo(T0.plus(Duration.ofMinutes(121))))
                .singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(T0.plus(Duration.ofHours(2))));
    }

    @Test
    void untilEnoughGapsAreSeenTheDefaultIntervalApplies() {
        GeofenceEngine engine = engine();
        engine.accept(fix(AIS, T0, 109.35, 12.15));
        engine.accept(fix(AIS, T0.plus(Duration.ofMinutes(1)), 109.35, 12.15));
        assertThat(engine.advanceTo(T0.plus(Duration.ofMinutes(25)))).isEmpty();
        assertThat(types(engine.advanceTo(T0.plus(Duration.ofMinutes(32))))).containsExactly(EventType.DARK_STARTED);
    }
}
