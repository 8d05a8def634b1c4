package org.iocmap.tiles.mvt;

import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Lets tests write geometries in tile units of one tile (x right, y down, 0..extent) and get them back in
 * longitude/latitude, so that the expected tile coordinates can be read straight off the test.
 */
final class TileUnits {
    private TileUnits() {}

    /** Returns the WKT geometry, written in tile units of {@code tile}, in longitude/latitude (EPSG:4326). */
    static Geometry toLonLat(TileCoord tile, int extent, String wkt) {
        Geometry geometry;
        try {
            geometry = new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad test WKT: " + wkt, e);
        }
        Envelope bounds = WebMercator.boundsMetres(tile);
        geometry.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double xMetres = bounds.getMinX() + seq.getX(i) / extent * bounds.getWidth();
                double yMetres = bounds.getMaxY() - seq.getY(i) / extent * bounds.getHeight();
                Coordinate lonLat = WebMercator.toLonLat(xMetres, yMetres);
                seq.setOrdinate(i, 0, lonLat.x);
                seq.setOrdinate(i, 1, lonLat.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return geometry;
    }
}
