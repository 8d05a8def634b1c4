package org.iocmap.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.AttributeType;
import org.iocmap.layers.model.EncodedProperties;
import org.iocmap.layers.model.Feature;
import org.iocmap.service.auth.LayerAccess;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeoJsonWriterTest {
    private static final List<AttributeDef> SCHEMA = List.of(
            AttributeDef.of("label", AttributeType.STRING, "Nhãn", "Label"),
            AttributeDef.of("level", AttributeType.NUMBER, "Mức", "Level"),
            AttributeDef.of("seen", AttributeType.DATETIME, "Thấy lúc", "Seen"));

    private static Geometry read(String wkt) throws ParseException {
        return new WKTReader().read(wkt);
    }

    /** Writes one feature as the streaming writer does and returns it as text. */
    private static String write(Feature feature, List<AttributeDef> visible, double distance) throws IOException {
        GeoJsonWriter out = new GeoJsonWriter();
        out.json().writeStartArray();
        out.writeFeature(feature, visible, SCHEMA, distance);
        out.writeFeature(feature, visible, SCHEMA, distance); // twice: the separator after a copied value
        out.json().writeEndArray();
        return out.toBuffer().toString();
    }

    /** What the object-tree writer gives for the same feature. */
    private static JsonObject tree(Feature feature, List<AttributeDef> visible) {
        return GeoJson.feature(feature, LayerAccess.visibleProperties(visible, feature.properties()));
    }

    @Test
    void everyGeometryTypeIsWrittenAsTheTreeWriterWritesIt() throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("label", "Cầu Trần Phú \"mới\"");
        props.put("level", 2.5);
        props.put("seen", Instant.parse("2026-03-01T02:03:04.000005Z"));
        for (String wkt : List.of(
                "POINT (109.19 12.25)",
                "LINESTRING (109 12, 109.5 12.5)",
                "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.1, 0.8 0.1, 0.8 0.7, 0.2 0.1))",
                "MULTIPOINT ((1 2), (3 4))",
                "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))",
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
                "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))",
                "POINT EMPTY")) {
            Feature f = new Feature(7, read(wkt), null, props);
            String text = write(f, SCHEMA, Double.NaN);
            io.vertx.core.json.JsonArray both = new io.vertx.core.json.JsonArray(text);
            assertThat(both.getJsonObject(0)).as(wkt).isEqualTo(tree(f, SCHEMA));
            assertThat(both.getJsonObject(1)).isEqualTo(tree(f, SCHEMA));
        }
    }

    @Test
    void encodedPropertiesAreCopiedWholeOnlyWhenEveryAttributeIsVisible() throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("seen", "2026-03-01T02:03:04Z");
        props.put("label", "Trạm quan trắc Nha Trang");
        props.put("level", 3);
        EncodedProperties encoded = EncodedProperties.of(props, SCHEMA);
        assertThat(encoded.isSchemaOnly()).isTrue();
        assertThat(encoded.json())
                .isEqualTo("{\"label\":\"Trạm quan trắc Nha Trang\",\"level\":3,\"seen\":\"2026-03-01T02:03:04Z\"}");
        Feature f = new Feature(9, read("POINT (109.2 12.2)"), null, encoded);

        String all = write(f, SCHEMA, 12.5);
        assertThat(all).contains("\"properties\":" + encoded.json() + ",\"distance_m\":12.5}");
        io.vertx.core.json.JsonArray parsed = new io.vertx.core.json.JsonArray(all);
        assertThat(parsed.getJsonObject(1).getJsonObject("properties"))
                .isEqualTo(tree(f, SCHEMA).getJsonObject("properties"));

        List<AttributeDef> some = SCHEMA.subList(0, 1); // a viewer that may read only the label
        JsonObject narrowed = new io.vertx.core.json.JsonArray(write(f, some, Double.NaN)).getJsonObject(0);
        assertThat(narrowed.getJsonObject("properties").getMap()).containsOnlyKeys("label");
    }

    @Test
    void propertiesOutsideTheSchemaAreNotCopiedWhole() throws Exception {
        Map<String, Object> props = Map.of("label", "x", "extra", true);
        EncodedProperties encoded = EncodedProperties.of(props, SCHEMA);
        assertThat(encoded.isSchemaOnly()).isFalse();
        Feature f = new Feature(1, read("POINT (1 2)"), null, encoded);
        JsonObject written = new io.vertx.core.json.JsonArray(write(f, SCHEMA, Double.NaN)).getJsonObject(0);
        assertThat(written).isEqualTo(tree(f, SCHEMA));
        assertThat(written.getJsonObject("properties").getMap()).containsOnlyKeys("label");
    }
}
