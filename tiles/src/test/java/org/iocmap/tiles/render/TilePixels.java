package org.iocmap.tiles.render;

import java.util.Map;
import org.iocmap.layers.model.Feature;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Lets tests write geometries in the pixels of one 256-pixel tile: x east, y south, (0, 0) its north-west corner. */
final class TilePixels {
    private TilePixels() {}

    /** Returns a feature whose geometry is the WKT, written in pixels of {@code tile}, in longitude/latitude. */
    static Feature feature(TileCoord tile, long id, String wkt, Map<String, Object> properties) {
        return new Feature(id, toLonLat(tile, wkt), null, properties);
    }

    /** Returns the WKT geometry, written in pixels of {@code tile}, in longitude/latitude (EPSG:4326). */
    static Geometry toLonLat(TileCoord tile, String wkt) {
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
                double xMetres = bounds.getMinX() + seq.getX(i) / RasterTiles.TILE_SIZE * bounds.getWidth();
                double yMetres = bounds.getMaxY() - seq.getY(i) / RasterTiles.TILE_SIZE * bounds.getHeight();
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
