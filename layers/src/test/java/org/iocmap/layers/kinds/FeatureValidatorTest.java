package org.iocmap.layers.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class FeatureValidatorTest {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    @TempDir
    static Path dataDir;

    private static Store store;
    private static Layer anyGeometry;
    private static Layer polygons;

    @BeforeAll
    static void open() {
        store = TestStores.h2gis(dataDir);
        LayerCatalog catalog = LayerCatalog.load(store);
        List<Map<String, String>> schema = List.of(
                attribute("name", "string"),
                attribute("floors", "integer"),
                attribute("height", "number"),
                attribute("open", "boolean"),
                attribute("inspected_at", "datetime"),
                attribute("built_on", "date"));
        anyGeometry = catalog.createGenericLayer(
                "any_geometry", Title.of("Bất kỳ", "Any"), "Geometry", true, Set.of(), schema, 1);
        polygons = catalog.createGenericLayer(
                "polygons", Title.of("Vùng", "Areas"), "MultiPolygon", true, Set.of(), schema, 2);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Map<String, String> attribute(String name, String type) {
        return Map.of("name", name, "type", type, "vi", name, "en", name);
    }

    private static Geometry read(String wkt) {
        try {
            Geometry g = new WKTReader(WGS84).read(wkt);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    private static void checkGeometry(Layer layer, String wkt, String expectedProblem) {
        if (expectedProblem.isEmpty()) {
            FeatureValidator.checkGeometry(layer, read(wkt));
            return;
        }
        assertThatThrownBy(() -> FeatureValidator.checkGeometry(layer, read(wkt)))
                .isInstanceOf(InvalidFeatureException.class)
                .hasMessageContaining(expectedProblem)
                .extracting(e -> ((InvalidFeatureException) e).field())
                .isEqualTo("geometry");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a point | POINT (106.7 10.8) | ''",
                "on the antimeridian | POINT (180 0) | ''",
                "at the south pole | POINT (0 -90) | ''",
                "a polygon with a hole | POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4)) | ''",
                "longitude beyond 180 | POINT (180.5 10) | within ±180 and ±90",
                "latitude beyond 90 | LINESTRING (0 0, 10 91) | within ±180 and ±90",
                "empty | POINT EMPTY | a non-empty GeoJSON geometry",
                "a bow-tie ring | POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0)) | self-intersection",
                "a hole outside its shell | POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (5 5, 6 5, 6 6, 5 6, 5 5)) | hole",
            })
    void geometriesFollowTheDocumentedRules(String what, String wkt, String expectedProblem) {
        checkGeometry(anyGeometry, wkt, expectedProblem);
    }

    @Test
    void aLayerTakesItsGeometryTypeAndTheSinglePartOfItsMultiType() {
        checkGeometry(polygons, "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))", "");
        checkGeometry(polygons, "POLYGON ((0 0, 1 0, 1 1, 0 0))", "");
        checkGeometry(polygons, "POINT (1 1)", "a MultiPolygon, the geometry type of layer 'polygons'");
    }

    @Test
    void propertiesAreCheckedAgainstTheSchemaAndNormalised() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("name", "Chợ Đầm");
        given.put("floors", 3.0);
        given.put("height", 12);
        given.put("open", true);
        given.put("inspected_at", "2026-01-31T15:00:00+07:00");
        given.put("built_on", "1908-05-01");
        given.put("name_en", null);
        assertThatThrownBy(() -> FeatureValidator.validate(anyGeometry, read("POINT (1 1)"), given))
                .isInstanceOf(InvalidFeatureException.class)
                .hasMessageContaining("properties.name_en")
                .hasMessageContaining("no property 'name_en'");
        given.remove("name_en");
        Map<String, Object> stored = FeatureValidator.validate(anyGeometry, read("POINT (1 1)"), given);
        assertThat(stored)
                .containsEntry("floors", 3L)
                .containsEntry("height", 12.0)
                .containsEntry("inspected_at", "2026-01-31T08:00:00Z")
                .containsEntry("built_on", "1908-05-01");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "floors, 2.5, a whole number",
        "floors, two, a whole number",
        "height, high, a number",
        "open, yes, true or false",
        "inspected_at, 2026-01-31, an RFC 3339 date-time",
        "built_on, 31/01/2026, a date such as",
        "name, 42, text",
    })
    void aValueOfTheWrongTypeNamesItsProperty(String property, String value, String expected) {
        Object parsed = value;
        if (property.equals("name") || (property.equals("floors") && value.equals("2.5"))) {
            parsed = Double.parseDouble(value);
        }
        Map<String, Object> given = Map.of(property, parsed);
        assertThatThrownBy(() -> FeatureValidator.validate(anyGeometry, read("POINT (1 1)"), given))
                .isInstanceOf(InvalidFeatureException.class)
                .hasMessageContaining("properties." + property)
                .hasMessageContaining(expected);
    }
}
