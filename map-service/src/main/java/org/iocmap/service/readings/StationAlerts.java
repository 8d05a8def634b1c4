package org.iocmap.service.readings;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;
import org.iocmap.layers.kinds.GenericFeature;
import org.iocmap.layers.kinds.GenericFeatures;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.readings.ReadingParameter;
import org.iocmap.layers.readings.Threshold;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Opens and closes the alerts of readings beyond a threshold: each is a feature of the layer {@value #LAYER}, written
 * in the transaction of the reading that opens or closes it with its change-log row, so it reaches {@code /api/stream}
 * once stored. One alert stays open per station and parameter while its readings breach the threshold
 * ({@code station_alert_open}); the first reading back within it closes it (status {@code closed}).
 */
public final class StationAlerts {
    /** The layer alerts are features of. */
    public static final String LAYER = "station_alerts";

    static final String OPEN = "open";
    static final String CLOSED = "closed";
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final GenericFeatures features;

    StationAlerts(GenericFeatures features) {
        this.features = features;
    }

    /** Creates the alert layer when it is missing (roles operator and planner; admins read every layer). */
    public static void ensureLayer(LayerCatalog catalog) {
        if (catalog.find(LAYER).isPresent()) {
            return;
        }
        List<Map<String, String>> attributes = List.of(
                attribute("station", "string", "Mã trạm", "Station"),
                attribute("station_name", "string", "Trạm", "Station name"),
                attribute("parameter", "string", "Thông số", "Parameter"),
                attribute("value", "number", "Giá trị", "Value"),
                attribute("unit", "string", "Đơn vị", "Unit"),
                attribute("threshold", "number", "Ngưỡng", "Threshold"),
                attribute("direction", "string", "Chiều vượt ngưỡng", "Direction"),
                attribute("level", "string", "Mức", "Level"),
                attribute("standard", "string", "Quy chuẩn", "Standard"),
                attribute("summary", "string", "Tóm tắt", "Summary"),
                attribute("status", "string", "Trạng thái", "Status"),
                attribute("opened_at", "datetime", "Thời điểm vượt ngưỡng", "Opened at"),
                attribute("closed_at", "datetime", "Thời điểm trở lại", "Closed at"),
                attribute("closing_value", "number", "Giá trị khi trở lại", "Closing value"));
        catalog.createGenericLayer(
                LAYER,
                Title.of("Cảnh báo quan trắc môi trường", "Environmental alerts"),
                "Point",
                false,
                Set.of("operator", "planner"),
                attributes,
                55);
    }

    private static Map<String, String> attribute(String name, String type, String vi, String en) {
        return Map.of("name", name, "type", type, "vi", vi, "en", en);
    }

    /** Describes the station a reading belongs to, as the alerts need it. */
    record Station(long id, String code, String name, double lon, double lat) {}

    /** Returns the id of the alert open for the station's parameter; empty when none is. */
    Optional<Long> openAlert(Session session, long stationId, ReadingParameter parameter) {
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT feature_id FROM station_alert_open WHERE station_id = ? AND parameter = ?")) {
                ps.setLong(1, stationId);
                ps.setString(2, parameter.stored());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** Stores a new open alert for a reading beyond {@code line} and returns its feature id. */
    long open(Session session, Station station, ReadingParameter parameter, double value, Instant at, Threshold line) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("station", station.code());
        p.put("station_name", station.name());
        p.put("parameter", parameter.stored());
        p.put("value", value);
        p.put("unit", parameter.unit());
        p.put("threshold", line.value());
        p.put("direction", line.direction().name().toLowerCase(Locale.ROOT));
        p.put("level", line.level());
        p.put("standard", line.standard());
        p.put(
                "summary",
                station.name() + ": " + parameter.stored() + " " + format(value) + " " + parameter.unit() + " – "
                        + line.labelVi());
        p.put("status", OPEN);
        p.put("opened_at", at.toString());
        Point point = WGS84.createPoint(new Coordinate(station.lon(), station.lat()));
        long id = features.create(session, LAYER, point, p, at);
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO station_alert_open"
                    + " (station_id, parameter, feature_id, opened_at) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, station.id());
                ps.setString(2, parameter.stored());
                ps.setLong(3, id);
                ps.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.executeUpdate();
            }
        });
        return id;
    }

    /** Closes the open alert {@code featureId} with the reading that came back within the threshold. */
    void close(Session session, long stationId, ReadingParameter parameter, long featureId, double value, Instant at) {
        GenericFeature feature = session.find(GenericFeature.class, featureId);
        if (feature != null) {
            Map<String, Object> p = feature.properties();
            p.put("status", CLOSED);
            p.put("closed_at", at.toString());
            p.put("closing_value", value);
            features.replace(session, LAYER, featureId, feature.geometry(), p, feature.time());
        }
        session.doWork(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM station_alert_open WHERE station_id = ? AND parameter = ?")) {
                ps.setLong(1, stationId);
                ps.setString(2, parameter.stored());
                ps.executeUpdate();
            }
        });
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
