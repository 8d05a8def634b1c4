package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iocmap.service.geofence.Fixtures.ZONE;
import static org.iocmap.service.geofence.Fixtures.engine;
import static org.iocmap.service.geofence.Fixtures.fix;
import static org.iocmap.service.geofence.Fixtures.run;
import static org.iocmap.service.geofence.Fixtures.types;
import static org.iocmap.service.geofence.Fixtures.version;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins versions (each event names the version in effect at its time) and fences changed while the engine runs. */
class FenceChangeTest {
    private static final Instant V1_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant V2_FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final String LARGER =
            "POLYGON ((109.25 12.05, 109.45 12.05, 109.45 12.25, 109.25 12.25, 109.25 12.05))";
    private static final FenceRules RULES = FenceRules.of(EventType.ENTER, EventType.EXIT, EventType.CROSS);

    private static Geofence versioned() {
        return new Geofence("zone", List.of(version(1, V1_FROM, ZONE, RULES), version(2, V2_FROM, LARGER, RULES)));
    }

    @Test
    void anEventBeforeTheNewVersionTakesEffectNamesTheOldVersion() {
        GeofenceEngine engine = engine(versioned());
        List<GeofenceEvent> may = run(
                engine,
                List.of(
                        fix(1, Instant.parse("2025-05-10T00:00:00Z"), 109.20, 12.15),
                        fix(1, Instant.parse("2025-05-10T02:00:00Z"), 109.35, 12.15)));
        List<GeofenceEvent> july = run(
                engine,
                List.of(
                        fix(2, Instant.parse("2025-07-10T00:00:00Z"), 109.20, 12.15),
                        fix(2, Instant.parse("2025-07-10T02:00:00Z"), 109.35, 12.15)));
        assertThat(may).singleElement().satisfies(e -> assertThat(e.fence().version())
                .isEqualTo(1));
        assertThat(july).singleElement().satisfies(e -> assertThat(e.fence().version())
                .isEqualTo(2));
    }

    @Test
    void aSegmentAcrossTheVersionChangeIsSplitAtTheEffectiveInstant() {
        GeofenceEngine engine = engine(versioned());
        // Crosses the old west edge (109.30) at 18:00 on 31 May, six hours before version 2.
        List<GeofenceEvent> early = run(
                engine,
                List.of(
                        fix(3, Instant.parse("2025-05-31T12:00:00Z"), 109.28, 12.15),
                        fix(3, Instant.parse("2025-06-01T12:00:00Z"), 109.36, 12.15)));
        assertThat(early).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ENTER);
            assertThat(e.fence().version()).isEqualTo(1);
            assertThat(Duration.between(Instant.parse("2025-05-31T18:00:00Z"), e.time())
                            .abs())
                    .isLessThan(Duration.ofSeconds(1));
        });
        // Still outside version 1 at midnight, but inside version 2, which takes effect then.
        List<GeofenceEvent> late = run(
                engine,
                List.of(
                        fix(4, Instant.parse("2025-05-31T12:00:00Z"), 109.20, 12.15),
                        fix(4, Instant.parse("2025-06-01T12:00:00Z"), 109.36, 12.15)));
        assertThat(late).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ENTER);
            assertThat(e.fence().version()).isEqualTo(2);
            assertThat(e.time()).isEqualTo(V2_FROM);
            assertThat(e.detail()).isEqualTo(new EventDetail.Transition(Cause.FENCE_CHANGED));
        });
    }

    @Test
    void aFenceAddedWhileAVesselIsInsideIsEnteredAndARemovedOneIsForgotten() {
        GeofenceCatalog catalog = new GeofenceCatalog();
        GeofenceEngine engine = new GeofenceEngine(catalog, VesselDirectory.unknown(), Fixtures.quietDark());
        Instant t = Instant.parse("2025-03-10T00:00:00Z");
        assertThat(engine.accept(fix(5, t, 109.35, 12.15))).isEmpty();

        catalog.addVersion("zone", version(1, V1_FROM, ZONE, RULES));
        List<GeofenceEvent> added = engine.accept(fix(5, t.plus(Duration.ofMinutes(10)), 109.36, 12.15));
        assertThat(added).singleElement().satisfies(e -> {
            assertThat(e.detail()).isEqualTo(new EventDetail.Transition(Cause.FENCE_CHANGED));
            assertThat(e.time()).isEqualTo(t);
        });

        assertThat(catalog.remove("zone")).isTrue();
        assertThat(engine.accept(fix(5, t.plus(Duration.ofMinutes(20)), 109.50, 12.15)))
                .isEmpty();
        assertThat(engine.snapshot().vessels().getFirst().fences()).isEmpty();
    }

    @Test
    void aNewVersionAddedAtRunTimeAppliesFromItsEffectiveInstant() {
        GeofenceCatalog catalog = new GeofenceCatalog(List.of(Geofence.of("zone", version(1, V1_FROM, ZONE, RULES))));
        GeofenceEngine engine = new GeofenceEngine(catalog, VesselDirectory.unknown(), Fixtures.quietDark());
        engine.accept(fix(6, Instant.parse("2025-05-31T12:00:00Z"), 109.27, 12.15));
        catalog.addVersion("zone", version(2, V2_FROM, LARGER, RULES));
        assertThat(catalog.index().findFence("zone").orElseThrow().versions()).hasSize(2);
        List<GeofenceEvent> events = engine.accept(fix(6, Instant.parse("2025-06-01T12:00:00Z"), 109.27, 12.15));
        assertThat(types(events)).containsExactly(EventType.ENTER);
        assertThat(events.getFirst().fence().version()).isEqualTo(2);
    }
}
