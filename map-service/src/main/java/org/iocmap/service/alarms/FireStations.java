package org.iocmap.service.alarms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.query.geo.Geodesic;
import org.iocmap.layers.store.Store;

/**
 * Reads the registry of fire stations (table {@code fire_station}) and finds the nearest ones to a point by geodesic
 * distance on the WGS84 ellipsoid. A province has tens of stations, so the nearest are found by measuring them all.
 * Blocks on the store; thread-safe.
 */
public final class FireStations {
    private static final String COLUMNS = "id, code, name, address, phone, district, ST_X(geom), ST_Y(geom)";

    private final Store store;

    public FireStations(Store store) {
        this.store = store;
    }

    /** Holds a station and its distance in metres from the point asked about. */
    public record Nearby(FireStation station, double distanceMetres) {}

    /** Lists every station in code order. */
    public List<FireStation> all() {
        return store.inTransaction(session -> session.doReturningWork(FireStations::all));
    }

    static List<FireStation> all(Connection c) throws SQLException {
        List<FireStation> stations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM fire_station ORDER BY code");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stations.add(read(rs));
            }
        }
        return stations;
    }

    /** Returns the station with this code on the caller's connection; empty when there is none. */
    static Optional<FireStation> find(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM fire_station WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Returns the {@code k} stations nearest to ({@code lon}, {@code lat}), nearest first; ties in code order. */
    public static List<Nearby> nearest(List<FireStation> stations, double lon, double lat, int k) {
        return stations.stream()
                .map(s -> new Nearby(s, Geodesic.distanceMetres(lon, lat, s.lon(), s.lat())))
                .sorted(Comparator.comparingDouble(Nearby::distanceMetres)
                        .thenComparing(n -> n.station().code()))
                .limit(k)
                .toList();
    }

    private static FireStation read(ResultSet rs) throws SQLException {
        return new FireStation(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getDouble(7),
                rs.getDouble(8));
    }
}
