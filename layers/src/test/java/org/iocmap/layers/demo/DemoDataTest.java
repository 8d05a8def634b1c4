package org.iocmap.layers.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.iocmap.layers.kinds.Camera;
import org.iocmap.layers.kinds.CitizenReport;
import org.iocmap.layers.kinds.EnvReading;
import org.iocmap.layers.kinds.EnvStation;
import org.iocmap.layers.kinds.FeatureRecord;
import org.iocmap.layers.kinds.FireAlarmDevice;
import org.iocmap.layers.kinds.FireAlarmEvent;
import org.iocmap.layers.kinds.FireStation;
import org.iocmap.layers.kinds.LandUsePlan;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.kinds.Vessel;
import org.iocmap.layers.kinds.VesselPosition;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * Loads the Khánh Hòa demo data into a fresh embedded store and checks it the way a reviewer would: the counts, the
 * geography (on land or at sea, checked against the shipped GeoJSON, not the generator), the formats and the
 * workflow rules, and that the same anchor date gives the same rows.
 */
class DemoDataTest {
    private static final LocalDate ANCHOR_DATE = LocalDate.of(2026, 3, 15);
    private static final Instant ANCHOR =
            ANCHOR_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final String RESOURCES = "/org/iocmap/layers/demo/";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path otherDataDir;

    private static Store store;
    private static DemoSummary summary;
    private static PreparedGeometry province;
    private static PreparedGeometry land;
    private static Geometry landGeometry;

    @BeforeAll
    static void load() {
        province = PreparedGeometryFactory.prepare(readGeometry("khanh-hoa-province.geojson"));
        landGeometry = readGeometry("vietnam-land-clipped.geojson");
        land = PreparedGeometryFactory.prepare(landGeometry);
        store = TestStores.h2gis(dataDir);
        summary = DemoData.loadIfEmpty(store, ANCHOR_DATE);
        System.out.println("demo load ms=" + summary.elapsedMillis() + " " + summary);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void loadInsertsTheAdvertisedNumberOfRowsOfEachKind() {
        assertThat(summary.loaded()).isTrue();
        checkCount(Camera.class, summary.cameras(), 240);
        checkCount(CitizenReport.class, summary.citizenReports(), 2_000);
        checkCount(EnvStation.class, summary.envStations(), 30);
        // 18 air stations with two parameters, 8 water stations with two, 4 noise stations with one; 720 hours each.
        checkCount(EnvReading.class, summary.envReadings(), (18 * 2 + 8 * 2 + 4) * 720);
        checkCount(Vessel.class, summary.vessels(), 500);
        checkCount(LandUsePlan.class, summary.landUsePlans(), 300);
        checkCount(FireAlarmDevice.class, summary.fireAlarmDevices(), 500);
        assertThat(count(VesselPosition.class))
                .isEqualTo((long) summary.vesselPositions())
                .isBetween(500L * 40, 500L * 48);
        assertThat(count(FireAlarmEvent.class))
                .isEqualTo((long) summary.fireAlarmEvents())
                .isBetween(500L * 2, 500L * 4);
        // Four to seven seconds on a two-core machine (printed above). The bound is loose on purpose: a busy machine
        // can double that, and what this guards against is a lost JDBC batching or a quadratic step, not jitter.
        assertThat(summary.elapsedMillis()).isLessThan(60_000);
    }

    @Test
    void secondLoadLeavesTheStoreAsItWas() {
        long positions = count(VesselPosition.class);
        DemoSummary again = DemoData.loadIfEmpty(store, ANCHOR_DATE.plusDays(1));
        assertThat(again.loaded()).isFalse();
        assertThat(again.cameras()).isZero();
        assertThat(count(Camera.class)).isEqualTo(240L);
        assertThat(count(VesselPosition.class)).isEqualTo(positions);
        assertThat(portNames()).hasSize(summary.ports());
    }

    @Test
    void everyReportStatusAndCategoryOccurs() {
        List<CitizenReport> reports = all(CitizenReport.class);
        assertThat(reports.stream().map(CitizenReport::getStatus).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "REJECTED");
        assertThat(reports.stream().map(CitizenReport::getCategory).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "Trật tự đô thị",
                        "Môi trường",
                        "Hạ tầng giao thông",
                        "An toàn thực phẩm",
                        "Điện – chiếu sáng",
                        "Cấp thoát nước",
                        "An ninh trật tự");
        assertThat(reports.stream().map(CitizenReport::getChannel).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("hotline_1022", "citizen_app", "web", "zalo");
    }

    @Test
    void reportsFollowTheWorkflowRules() {
        List<CitizenReport> reports = all(CitizenReport.class);
        Map<String, String> agencyOfCategory = new TreeMap<>();
        int overdueOpen = 0;
        for (CitizenReport r : reports) {
            assertThat(r.getCode()).matches("PA-20\\d\\d-\\d{5}");
            assertThat(r.getReporterPhone()).matches("09\\d{8}");
            assertThat(r.getCreatedAt()).isBetween(ANCHOR.minus(Duration.ofDays(365)), ANCHOR);
            long slaDays = Duration.between(r.getCreatedAt(), r.getDeadlineAt()).toDays();
            assertThat(Duration.between(r.getCreatedAt(), r.getDeadlineAt())).isEqualTo(Duration.ofDays(slaDays));
            assertThat(slaDays).isBetween(3L, 10L);
            boolean closed = r.getStatus().equals("RESOLVED") || r.getStatus().equals("REJECTED");
            if (closed) {
                assertThat(r.getResolvedAt()).isAfter(r.getCreatedAt()).isBefore(ANCHOR);
            } else {
                assertThat(r.getResolvedAt()).as(r.getCode()).isNull();
                if (r.getDeadlineAt().isBefore(ANCHOR)) {
                    overdueOpen++;
                }
            }
            if (!r.getAgency().startsWith("UBND")) {
                String before = agencyOfCategory.putIfAbsent(r.getCategory(), r.getAgency());
                assertThat(before == null ? r.getAgency() : before).isEqualTo(r.getAgency());
            }
        }
        assertThat(overdueOpen).isPositive();
        // Older reports are mostly closed, recent ones mostly open.
        checkClosedShare(reports, 60, 365, 0.85, 1.0);
        checkClosedShare(reports, 0, 2, 0.0, 0.3);
    }

    @Test
    void everyDemoReportNamesASeededCategoryWithItsAgencyAndDeadline() {
        org.iocmap.layers.reports.ReportStore categories =
                new org.iocmap.layers.reports.ReportStore(store, java.time.Clock.systemUTC());
        for (CitizenReport r : all(CitizenReport.class)) {
            var category = categories
                    .category(r.getServiceCode())
                    .orElseThrow(
                            () -> new AssertionError(r.getCode() + " names no seeded category: " + r.getServiceCode()));
            assertThat(category.nameVi()).isEqualTo(r.getCategory());
            assertThat(Duration.between(r.getCreatedAt(), r.getDeadlineAt())).isEqualTo(category.deadline());
            if (category.agency() == null) {
                assertThat(r.getAgency()).isEqualTo(category.agencyFor(r.getAddress()));
            } else {
                assertThat(r.getAgency()).isEqualTo(category.agency());
            }
        }
    }

    @Test
    void pointFeaturesLieOnLandInsideTheProvince() {
        checkOnLand(all(Camera.class));
        checkOnLand(all(CitizenReport.class));
        checkOnLand(all(EnvStation.class));
        checkOnLand(all(FireAlarmDevice.class));
    }

    @Test
    void fireStationsStandOnLandInEveryTownAndEveryCameraHasItsStreams() {
        List<FireStation> stations = all(FireStation.class);
        assertThat(stations).hasSize(FireStationGenerator.count());
        assertThat(stations)
                .extracting(FireStation::getCode)
                .doesNotHaveDuplicates()
                .contains("PCCC-NT-01");
        for (FireStation s : stations) {
            checkOnLand(s.getCode(), s.getGeom());
            assertThat(s.getPhone()).matches("0258 \\d{4} \\d{3}");
        }
        assertThat(stations)
                .extracting(FireStation::getDistrict)
                .containsAll(Town.ALL.stream().map(Town::district).toList());
        for (Camera c : all(Camera.class)) {
            assertThat(c.getStreamUrl()).startsWith("rtsp://").endsWith(c.getCode());
            assertThat(c.getSnapshotUrl()).startsWith("http://").contains(c.getCode());
        }
    }

    @Test
    void townCentresLieOnLandInsideTheProvince() {
        for (Town town : Town.ALL) {
            for (double[] centre : town.centres()) {
                checkOnLand(town.label(), WGS84.createPoint(new Coordinate(centre[0], centre[1])));
            }
        }
    }

    @Test
    void vesselPositionsStayAtSeaAtLeastAKilometreOffTheCoast() {
        IndexedFacetDistance coast = new IndexedFacetDistance(landGeometry);
        for (VesselPosition p : all(VesselPosition.class)) {
            assertThat(land.covers(p.getGeom())).as("on land: %s", p.getGeom()).isFalse();
            // 0.009° is at least 980 m in any direction at these latitudes.
            assertThat(coast.distance(p.getGeom()))
                    .as("near the coast: %s", p.getGeom())
                    .isGreaterThan(0.009);
            assertThat(p.getGeom().getX()).isBetween(108.9, 112.5);
            assertThat(p.getGeom().getY()).isBetween(9.0, 13.5);
            assertThat(p.getFixAt()).isBetween(ANCHOR.minus(Duration.ofHours(24)), ANCHOR);
            assertThat(p.getSpeedKn()).isBetween(2.0, 9.0);
            assertThat(p.getCourseDeg()).isGreaterThanOrEqualTo(0.0).isLessThan(360.0);
        }
    }

    @Test
    void vesselsFollowTheVietnameseRegistryFormats() {
        List<Vessel> vessels = all(Vessel.class);
        Set<String> mmsis = new HashSet<>();
        for (Vessel v : vessels) {
            assertThat(v.getRegistrationNo()).matches("KH-9\\d{4}-TS");
            assertThat(v.getMmsi()).matches("574\\d{6}");
            assertThat(mmsis.add(v.getMmsi()))
                    .as("duplicate MMSI %s", v.getMmsi())
                    .isTrue();
            assertThat(v.getCallSign()).matches("XV\\d{4}");
            assertThat(v.getLengthM()).isBetween(12.0, 30.0);
            assertThat(v.getShipType()).isEqualTo("fishing");
            assertThat(v.getFlag()).isEqualTo("Việt Nam");
            assertThat(v.getHomePort())
                    .isIn(
                            "Cảng cá Hòn Rớ",
                            "Cảng cá Vĩnh Lương",
                            "Cảng cá Đá Bạc",
                            "Cảng cá Đại Lãnh",
                            "Cảng cá Ninh Thủy");
        }
        assertThat(vessels.stream()
                        .filter(v -> v.getName().equals(v.getRegistrationNo().replace('-', ' '))))
                .hasSizeGreaterThan(vessels.size() / 2);
    }

    @Test
    void vesselShowsItsLatestPosition() {
        Map<Long, VesselPosition> latest = new TreeMap<>();
        for (VesselPosition p : all(VesselPosition.class)) {
            latest.merge(p.getVesselId(), p, (a, b) -> a.getFixAt().isAfter(b.getFixAt()) ? a : b);
        }
        for (Vessel v : all(Vessel.class)) {
            VesselPosition last = latest.get(v.getId());
            assertThat(v.getLastFixAt()).isEqualTo(last.getFixAt());
            assertThat(v.getGeom().equalsExact(last.getGeom())).isTrue();
            assertThat(v.getSpeedKn()).isEqualTo(last.getSpeedKn());
            assertThat(v.getCourseDeg()).isEqualTo(last.getCourseDeg());
        }
    }

    @Test
    void landUsePlansLieOnLandInsideTheProvinceWithoutOverlapping() {
        List<LandUsePlan> plans = all(LandUsePlan.class);
        STRtree index = new STRtree();
        for (LandUsePlan plan : plans) {
            Geometry g = plan.geometry();
            assertThat(g.getSRID()).isEqualTo(4326);
            assertThat(g.isValid()).isTrue();
            assertThat(province.covers(g) && land.covers(g)).as(plan.getCode()).isTrue();
            assertThat(plan.getAreaM2()).isBetween(0.08e6, 0.5e6); // quads of 300–700 m
            assertThat(plan.getPlanPeriod()).isEqualTo("2021-2030");
            assertThat(plan.getLandUseCode()).isIn(LandUsePlanGenerator.NAMES.keySet());
            assertThat(plan.getLandUseName()).isEqualTo(LandUsePlanGenerator.NAMES.get(plan.getLandUseCode()));
            index.insert(g.getEnvelopeInternal(), plan);
        }
        for (LandUsePlan plan : plans) {
            for (Object hit : index.query(plan.geometry().getEnvelopeInternal())) {
                LandUsePlan other = (LandUsePlan) hit;
                if (other != plan) {
                    assertThat(plan.geometry().intersection(other.geometry()).getArea())
                            .as("%s overlaps %s", plan.getCode(), other.getCode())
                            .isZero();
                }
            }
        }
        assertThat(plans.stream().map(LandUsePlan::getLandUseCode).distinct())
                .hasSizeGreaterThan(12)
                .contains("ODT", "ONT", "LUC", "CLN", "RSX", "RPH", "NTS", "SKK", "TMD", "CQP");
    }

    @Test
    void readingsFallInTheThirtyDaysBeforeTheAnchor() {
        Map<Long, EnvReading> latest = new TreeMap<>();
        for (EnvReading r : all(EnvReading.class)) {
            assertThat(r.getMeasuredAt()).isBetween(ANCHOR.minus(Duration.ofDays(30)), ANCHOR);
            checkPlausible(r);
            latest.merge(r.getStationId(), r, (a, b) -> a.getMeasuredAt().isAfter(b.getMeasuredAt()) ? a : b);
        }
        for (EnvStation s : all(EnvStation.class)) {
            assertThat(s.getLastReadingAt()).isEqualTo(latest.get(s.getId()).getMeasuredAt());
            assertThat(s.getLastAqi() != null).isEqualTo(s.getStationType().equals("air"));
        }
    }

    @Test
    void fireAlarmStatusFollowsTheLatestEvent() {
        Map<Long, List<FireAlarmEvent>> events = new TreeMap<>();
        for (FireAlarmEvent e : all(FireAlarmEvent.class)) {
            events.computeIfAbsent(e.getDeviceId(), id -> new ArrayList<>()).add(e);
            assertThat(e.getOccurredAt()).isBetween(ANCHOR.minus(Duration.ofDays(90)), ANCHOR);
        }
        Set<String> statuses = new HashSet<>();
        for (FireAlarmDevice d : all(FireAlarmDevice.class)) {
            List<FireAlarmEvent> own = events.get(d.getId());
            assertThat(own).hasSizeBetween(2, 4);
            FireAlarmEvent last = own.stream()
                    .max(Comparator.comparing(FireAlarmEvent::getOccurredAt))
                    .orElseThrow();
            assertThat(d.getLastEvent()).isEqualTo(last.getEventType());
            assertThat(d.getLastEventAt()).isEqualTo(last.getOccurredAt());
            String expected =
                    switch (last.getEventType()) {
                        case "RESTORE" -> "normal";
                        case "ALARM" -> "alarm";
                        default -> d.getStatus().equals("offline") ? "offline" : "fault";
                    };
            assertThat(d.getStatus()).as(d.getCode()).isEqualTo(expected);
            assertThat(d.getFloor()).isBetween(1, 25);
            assertThat(d.getHeartbeatIntervalS()).isIn(300, 600);
            statuses.add(d.getStatus());
        }
        assertThat(statuses).containsExactlyInAnyOrder("normal", "alarm", "fault", "offline");
    }

    @Test
    void portsLayerListsVietnamesePortsAndTheFishingPorts() {
        Layer ports = LayerCatalog.load(store).find("ports").orElseThrow();
        assertThat(ports.isPublic()).isTrue();
        assertThat(ports.title().vi()).isEqualTo("Cảng biển");
        assertThat(portNames())
                .contains(
                        "Cảng Hải Phòng",
                        "Cảng Đà Nẵng",
                        "Cảng Nha Trang",
                        "Cảng Cam Ranh",
                        "Cảng cá Hòn Rớ",
                        "Cảng cá Vĩnh Lương",
                        "Cảng cá Đá Bạc",
                        "Cảng cá Đại Lãnh",
                        "Cảng cá Ninh Thủy");
    }

    @Test
    void sameAnchorDateGivesTheSameRows() {
        try (Store other = TestStores.h2gis(otherDataDir)) {
            DemoData.loadIfEmpty(other, ANCHOR_DATE);
            checkSameFirstRows(store, other, Camera.class);
            checkSameFirstRows(store, other, Vessel.class);
            checkSameFirstRows(store, other, CitizenReport.class);
            checkSameFirstRows(store, other, LandUsePlan.class);
        }
    }

    @Test
    void everyPropertyIsInItsSchemaAndEveryCodedValueHasATitle() {
        for (Layer layer : LayerCatalog.load(store).all()) {
            if (layer.kind() == org.iocmap.layers.model.LayerKind.GENERIC) {
                continue;
            }
            Map<String, org.iocmap.layers.model.AttributeDef> schema = layer.attributes().stream()
                    .collect(Collectors.toMap(org.iocmap.layers.model.AttributeDef::name, a -> a));
            for (var feature : layer.query(FeatureQuery.all(10_000)).features()) {
                assertThat(schema.keySet())
                        .as(layer.id())
                        .containsAll(feature.properties().keySet());
                schema.values().stream().filter(a -> !a.values().isEmpty()).forEach(a -> {
                    Object value = feature.properties().get(a.name());
                    if (value != null) {
                        assertThat(a.values()).as(layer.id() + "." + a.name()).containsKey(String.valueOf(value));
                    }
                });
            }
        }
    }

    private static List<String> portNames() {
        Layer ports = LayerCatalog.load(store).find("ports").orElseThrow();
        return ports.query(FeatureQuery.all(100)).features().stream()
                .map(f -> (String) f.properties().get("name"))
                .toList();
    }

    private static void checkCount(Class<?> entity, int reported, int expected) {
        assertThat(reported).as(entity.getSimpleName()).isEqualTo(expected);
        assertThat(count(entity)).as(entity.getSimpleName()).isEqualTo((long) expected);
    }

    private static void checkClosedShare(
            List<CitizenReport> reports, int fromDays, int toDays, double min, double max) {
        List<CitizenReport> window = reports.stream()
                .filter(r -> {
                    Duration age = Duration.between(r.getCreatedAt(), ANCHOR);
                    return age.compareTo(Duration.ofDays(fromDays)) >= 0 && age.compareTo(Duration.ofDays(toDays)) < 0;
                })
                .toList();
        long closed = window.stream().filter(r -> r.getResolvedAt() != null).count();
        assertThat(window).isNotEmpty();
        assertThat((double) closed / window.size()).isBetween(min, max);
    }

    private static void checkOnLand(List<? extends FeatureRecord> records) {
        assertThat(records).isNotEmpty();
        for (FeatureRecord r : records) {
            checkOnLand(String.valueOf(r.properties().get("code")), r.geometry());
        }
    }

    private static void checkOnLand(String what, Geometry g) {
        assertThat(g.getSRID()).isEqualTo(4326);
        assertThat(province.covers(g)).as("%s in the province: %s", what, g).isTrue();
        assertThat(land.covers(g)).as("%s on land: %s", what, g).isTrue();
    }

    private static void checkPlausible(EnvReading r) {
        double v = r.getReadingValue();
        switch (r.getParameter()) {
            case "PM2.5" -> assertThat(v).isBetween(2.0, 150.0);
            case "VN_AQI" -> assertThat(v).isBetween(0.0, 200.0);
            case "pH" -> assertThat(v).isBetween(6.0, 9.0);
            case "DO" -> assertThat(v).isBetween(2.0, 10.0);
            case "LAeq" -> assertThat(v).isBetween(40.0, 90.0);
            default -> throw new AssertionError("unexpected parameter " + r.getParameter());
        }
    }

    private static <E extends FeatureRecord> void checkSameFirstRows(Store a, Store b, Class<E> entity) {
        List<E> first = firstRows(a, entity);
        List<E> second = firstRows(b, entity);
        assertThat(first).hasSize(20);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).properties()).isEqualTo(first.get(i).properties());
            assertThat(second.get(i).geometry().equalsExact(first.get(i).geometry()))
                    .as("%s %s", entity.getSimpleName(), first.get(i).properties())
                    .isTrue();
        }
    }

    private static <E> List<E> firstRows(Store s, Class<E> entity) {
        return s.inTransaction(
                session -> session.createSelectionQuery("from " + entity.getSimpleName() + " e order by e.id", entity)
                        .setMaxResults(20)
                        .getResultList());
    }

    private static <E> List<E> all(Class<E> entity) {
        return store.inTransaction(
                session -> session.createSelectionQuery("from " + entity.getSimpleName() + " e order by e.id", entity)
                        .getResultList());
    }

    private static long count(Class<?> entity) {
        return store.inTransaction(session -> session.createSelectionQuery(
                        "select count(e) from " + entity.getSimpleName() + " e", Long.class)
                .getSingleResult());
    }

    private static Geometry readGeometry(String resource) {
        try (InputStream in = DemoDataTest.class.getResourceAsStream(RESOURCES + resource)) {
            assertThat(in).as(resource).isNotNull();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return new GeoJsonReader(WGS84).read(reader).getGeometryN(0);
            }
        } catch (IOException | ParseException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }
}
