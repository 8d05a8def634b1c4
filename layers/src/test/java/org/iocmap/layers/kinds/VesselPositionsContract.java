package org.iocmap.layers.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisDecoder;
import org.iocmap.layers.ais.AisEncoder;
import org.iocmap.layers.ais.AisResult;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.store.Store;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/**
 * Stores AIS batches through {@link VesselPositions} (with {@code COPY} on PostgreSQL) while other writers take ids
 * from the same sequence, and reads every position back: none lost, ids unique, values exact.
 */
abstract class VesselPositionsContract {
    protected abstract Store store();

    @Test
    void everyPositionOfEveryBatchIsStoredOnceBesideOtherWriters() {
        Store store = store();
        ChangeLog log = new ChangeLog(store);
        VesselPositions vessels = new VesselPositions(store, log);
        GenericFeatures generic = new GenericFeatures(store, log);
        String layer = "vp_contract_" + Long.toString(System.nanoTime(), 36);
        LayerCatalog catalog = LayerCatalog.load(store);
        catalog.createGenericLayer(
                layer, org.iocmap.layers.model.Title.of("Thử", "Test"), "Point", true, Set.of(), List.of(), 900);
        Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
        int base = 574_500_000 + (int) (System.nanoTime() % 100_000);
        for (int batch = 0; batch < 5; batch++) {
            List<String> lines = new ArrayList<>();
            for (int v = 0; v < 40; v++) {
                for (int k = 0; k < 3; k++) {
                    Instant t = t0.plusSeconds(batch * 600L + k * 60L);
                    Double speed = v % 7 == 0 ? null : 5.0 + v * 0.1;
                    lines.add(AisEncoder.positionReport(
                            "t", t, base + v, 109.0 + v * 0.01, 11.0 + batch * 0.01 + k * 0.001, speed, 45.0, 44));
                }
            }
            VesselPositions.Outcome outcome = vessels.store(decode(lines));
            assertThat(outcome.positions()).isEqualTo(120);
            // Another writer of the same sequence in between.
            generic.create(
                    layer,
                    org.iocmap.layers.store.SqlDialect.WGS84.createPoint(new Coordinate(109, 11)),
                    Map.of("batch", (long) batch),
                    null);
        }
        // Static data naming the boat by its registration number, as Vietnamese fishing boats often do.
        vessels.store(decode(AisEncoder.staticAndVoyage(
                "t",
                t0.plusSeconds(4000),
                1,
                base + 1,
                "XVAB1",
                "BD-91234-TS",
                30,
                new org.iocmap.layers.ais.ShipDimensions(12, 6, 3, 3),
                "QUY NHON")));
        VesselRegistry registry = new VesselRegistry(store);
        assertThat(registry.findByMmsi(String.format("%09d", base + 1))
                        .orElseThrow()
                        .registrationNo())
                .isEqualTo("BD-91234-TS");
        assertThat(registry.search("bd-91234", 5))
                .extracting(VesselRegistry.VesselRecord::mmsi)
                .contains(String.format("%09d", base + 1));
        Set<Instant> times = new HashSet<>();
        for (int v = 0; v < 40; v++) {
            List<VesselRegistry.TrackPoint> track =
                    registry.track(String.format("%09d", base + v), t0.minusSeconds(1), t0.plusSeconds(7200));
            assertThat(track).as("track of vessel %d", v).hasSize(15);
            VesselRegistry.TrackPoint first = track.getFirst();
            assertThat(first.at()).isEqualTo(t0);
            assertThat(first.lon()).isCloseTo(109.0 + v * 0.01, within(1e-5));
            assertThat(first.lat()).isCloseTo(11.0, within(1e-5));
            if (v % 7 == 0) {
                assertThat(first.speedKn()).isNull();
            } else {
                assertThat(first.speedKn()).isCloseTo(5.0 + v * 0.1, within(0.051));
            }
            track.forEach(p -> times.add(p.at()));
        }
        assertThat(times).hasSize(15);
        long distinctIds = store.inTransaction(session -> session.createNativeQuery(
                        "SELECT count(DISTINCT id) FROM vessel_position WHERE mmsi >= :lo AND mmsi <= :hi", Long.class)
                .setParameter("lo", String.format("%09d", base))
                .setParameter("hi", String.format("%09d", base + 39))
                .getSingleResult());
        assertThat(distinctIds).isEqualTo(600);
    }

    private static List<AisDecoded> decode(List<String> lines) {
        AisDecoder decoder = new AisDecoder();
        List<AisDecoded> decoded = new ArrayList<>();
        for (String line : lines) {
            for (AisResult r : decoder.feed(line, Instant.now())) {
                decoded.add((AisDecoded) r);
            }
        }
        return decoded;
    }
}
