package org.iocmap.service.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.EncodedProperties;
import org.iocmap.layers.model.Feature;
import org.iocmap.service.auth.LayerAccess;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes GeoJSON (RFC 7946) straight into a buffer with a streaming generator: no object tree, one pass, UTF-8. The
 * output is the same as {@link GeoJson}'s. Properties that were stored encoded ({@link EncodedProperties}) are copied
 * as they are when the viewer sees every attribute.
 *
 * <p>Not thread-safe: one writer per answer. Meant for worker threads, where answers are rendered before they are
 * sent.
 */
public final class GeoJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    private final JsonGenerator json;

    public GeoJsonWriter() {
        try {
            json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the generator, to write the members around the features. */
    public JsonGenerator json() {
        return json;
    }

    /**
     * Writes one Feature object: id, geometry and the properties {@code visible} lets the viewer read.
     *
     * @param schema every attribute of the layer, in schema order: when {@code visible} equals it, stored encoded
     *     properties are copied whole
     * @param distanceMetres a {@code distance_m} member after the properties; NaN for none
     */
    public void writeFeature(
            Feature feature, List<AttributeDef> visible, List<AttributeDef> schema, double distanceMetres)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeNumberField("id", feature.id());
        json.writeFieldName("geometry");
        writeGeometry(feature.geometry());
        json.writeFieldName("properties");
        if (feature.properties() instanceof EncodedProperties encoded
                && encoded.isSchemaOnly()
                && !visible.isEmpty()
                && visible.equals(schema)) {
            json.writeRawValue(""); // marks the value as written, so the next member gets its comma
            json.flush();
            encoded.writeTo(out);
        } else {
            writeMap(LayerAccess.visibleProperties(visible, feature.properties()));
        }
        if (!Double.isNaN(distanceMetres)) {
            json.writeNumberField("distance_m", distanceMetres);
        }
        json.writeEndObject();
    }

    /** Writes a geometry object; an empty geometry as {@code null}. */
    public void writeGeometry(Geometry g) throws IOException {
        if (g == null || g.isEmpty()) {
            json.writeNull();
            return;
        }
        if (g instanceof GeometryCollection c
                && !(g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon)) {
            json.writeStartObject();
            json.writeStringField("type", "GeometryCollection");
            json.writeArrayFieldStart("geometries");
            for (int i = 0; i < c.getNumGeometries(); i++) {
                writeGeometry(c.getGeometryN(i));
            }
            json.writeEndArray();
            json.writeEndObject();
            return;
        }
        json.writeStartObject();
        json.writeStringField("type", typeName(g));
        json.writeFieldName("coordinates");
        switch (g) {
            case Point p -> position(p.getCoordinate());
            case LineString l -> positions(l.getCoordinates());
            case Polygon p -> rings(p);
            case MultiPoint m -> {
                json.writeStartArray();
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    position(m.getGeometryN(i).getCoordinate());
                }
                json.writeEndArray();
            }
            case MultiLineString m -> {
                json.writeStartArray();
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    positions(m.getGeometryN(i).getCoordinates());
                }
                json.writeEndArray();
            }
            case MultiPolygon m -> {
                json.writeStartArray();
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    rings((Polygon) m.getGeometryN(i));
                }
                json.writeEndArray();
            }
            default -> throw new IllegalArgumentException("unsupported geometry type " + g.getGeometryType());
        }
        json.writeEndObject();
    }

    private static String typeName(Geometry g) {
        return switch (g) {
            case Point p -> "Point";
            case LineString l -> "LineString";
            case Polygon p -> "Polygon";
            case MultiPoint m -> "MultiPoint";
            case MultiLineString m -> "MultiLineString";
            case MultiPolygon m -> "MultiPolygon";
            default -> throw new IllegalArgumentException("unsupported geometry type " + g.getGeometryType());
        };
    }

    private void position(Coordinate c) throws IOException {
        json.writeStartArray();
        json.writeNumber(c.getX());
        json.writeNumber(c.getY());
        json.writeEndArray();
    }

    private void positions(Coordinate[] coordinates) throws IOException {
        json.writeStartArray();
        for (Coordinate c : coordinates) {
            position(c);
        }
        json.writeEndArray();
    }

    private void rings(Polygon p) throws IOException {
        json.writeStartArray();
        positions(p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            positions(p.getInteriorRingN(i).getCoordinates());
        }
        json.writeEndArray();
    }

    /** Writes a map as a JSON object, values as {@link #writeValue(Object)} does. */
    public void writeMap(Map<?, ?> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            json.writeFieldName(String.valueOf(e.getKey()));
            writeValue(e.getValue());
        }
        json.writeEndObject();
    }

    /** Writes a property value: text, number, boolean, null, map or list; anything else (times, dates) as text. */
    public void writeValue(Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String s -> json.writeString(s);
            case Integer n -> json.writeNumber(n);
            case Long n -> json.writeNumber(n);
            case Short n -> json.writeNumber(n);
            case Byte n -> json.writeNumber(n);
            case Double n -> json.writeNumber(n);
            case Float n -> json.writeNumber(n);
            case BigDecimal n -> json.writeNumber(n);
            case BigInteger n -> json.writeNumber(n);
            case Boolean b -> json.writeBoolean(b);
            case Map<?, ?> m -> writeMap(m);
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    writeValue(item);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }

    /** Finishes the output and returns it. */
    public Buffer toBuffer() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
