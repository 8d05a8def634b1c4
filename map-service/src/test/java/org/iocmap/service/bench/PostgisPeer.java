package org.iocmap.service.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Asks PostGIS the benchmark's questions directly: plain JDBC, one connection and one prepared statement per client,
 * every column of every row read, no JSON. It also runs the two statements the service issues for a box query, to
 * show what each costs.
 */
final class PostgisPeer {
    /** The box peer: the index-backed box test, any 100 matches, the columns the service reads. */
    static final String BBOX_SQL = "SELECT id, ST_AsBinary(geom), props FROM generic_feature"
            + " WHERE layer_id = ? AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) LIMIT " + BenchQueries.BOX_LIMIT;

    /** The kNN peer: index-ordered nearest (planar degrees), with the geodesic distance the service also returns. */
    static final String KNN_SQL = "SELECT id, ST_AsBinary(geom), props,"
            + " ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) FROM generic_feature"
            + " WHERE layer_id = ? ORDER BY geom <-> ST_SetSRID(ST_MakePoint(?, ?), 4326) LIMIT " + BenchQueries.K;

    /** The polygon peer: the exact intersection test (index-backed through the && inside ST_Intersects). */
    static final String AREA_SQL = "SELECT id, ST_AsBinary(geom), props FROM generic_feature"
            + " WHERE layer_id = ? AND ST_Intersects(geom, ST_GeomFromWKB(?, 4326)) LIMIT " + BenchQueries.AREA_LIMIT;

    /** The count the service runs for {@code numberMatched} of a box query, as {@code SqlLayer.query} renders it. */
    static final String SERVICE_COUNT_SQL = "SELECT COUNT(*) FROM generic_feature WHERE layer_id = ?"
            + " AND (geom && ST_GeomFromWKB(?, 4326) AND ST_Intersects(geom, ST_GeomFromWKB(?, 4326)))";

    /** The page the service then reads for a box query, as {@code SqlLayer.query} renders it. */
    static final String SERVICE_PAGE_SQL = "SELECT id, ST_AsBinary(geom) AS geom_wkb, feature_time, props"
            + " FROM generic_feature WHERE layer_id = ?"
            + " AND (geom && ST_GeomFromWKB(?, 4326) AND ST_Intersects(geom, ST_GeomFromWKB(?, 4326)))"
            + " ORDER BY id LIMIT ? OFFSET ?";

    private final PostgisLoader database;
    private final BenchSettings settings;
    private final BenchQueries queries;

    PostgisPeer(PostgisLoader database, BenchSettings settings, BenchQueries queries) {
        this.database = database;
        this.settings = settings;
        this.queries = queries;
    }

    /** Binds question {@code slot} to a statement. */
    interface Binder {
        void bind(PreparedStatement ps, int slot) throws SQLException;
    }

    LoadRunner.Client bbox() throws SQLException {
        return client(BBOX_SQL, this::bindBox);
    }

    LoadRunner.Client nearest() throws SQLException {
        return client(KNN_SQL, this::bindNearest);
    }

    LoadRunner.Client area() throws SQLException {
        return client(AREA_SQL, this::bindArea);
    }

    LoadRunner.Client serviceCount() throws SQLException {
        return client(SERVICE_COUNT_SQL, this::bindServiceBox);
    }

    LoadRunner.Client servicePage() throws SQLException {
        return client(SERVICE_PAGE_SQL, (ps, slot) -> {
            bindServiceBox(ps, slot);
            ps.setInt(4, BenchQueries.BOX_LIMIT);
            ps.setLong(5, 0);
        });
    }

    /** Returns a client with its own connection and one prepared statement, reading every column of every row. */
    private LoadRunner.Client client(String sql, Binder binder) throws SQLException {
        Connection connection = database.connect(settings.schemaUrl());
        PreparedStatement ps = connection.prepareStatement(sql);
        int columns = ps.getMetaData().getColumnCount();
        return new LoadRunner.Client() {
            @Override
            public int call(long index) throws SQLException {
                binder.bind(ps, BenchQueries.slot(index));
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getObject(i);
                        }
                        rows++;
                    }
                }
                return rows;
            }

            @Override
            public void close() throws SQLException {
                connection.close();
            }
        };
    }

    void bindBox(PreparedStatement ps, int slot) throws SQLException {
        var b = queries.boxes[slot].bbox();
        ps.setString(1, BenchDataset.POINTS_LAYER);
        ps.setDouble(2, b.minLon());
        ps.setDouble(3, b.minLat());
        ps.setDouble(4, b.maxLon());
        ps.setDouble(5, b.maxLat());
    }

    void bindNearest(PreparedStatement ps, int slot) throws SQLException {
        var p = queries.nearestTo[slot];
        ps.setDouble(1, p.getX());
        ps.setDouble(2, p.getY());
        ps.setString(3, BenchDataset.POINTS_LAYER);
        ps.setDouble(4, p.getX());
        ps.setDouble(5, p.getY());
    }

    void bindArea(PreparedStatement ps, int slot) throws SQLException {
        ps.setString(1, BenchDataset.POLYGONS_LAYER);
        ps.setBytes(2, queries.areaWkb[slot]);
    }

    private void bindServiceBox(PreparedStatement ps, int slot) throws SQLException {
        ps.setString(1, BenchDataset.POINTS_LAYER);
        ps.setBytes(2, queries.boxes[slot].wkb());
        ps.setBytes(3, queries.boxes[slot].wkb());
    }
}
