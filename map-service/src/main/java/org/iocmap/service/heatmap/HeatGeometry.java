package org.iocmap.service.heatmap;

import io.vertx.core.json.JsonArray;
import org.iocmap.layers.index.H3Cells;
import org.iocmap.layers.index.MercatorCells;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.HeatCell;
import org.iocmap.layers.model.HeatGrid;

/**
 * The geometry of heat-map cells for the routes: which level suits a map zoom, how coarse a box must go to stay within
 * a cell budget, the box to count in so that cells at the edge of a view hold all their points, and cell outlines.
 */
final class HeatGeometry {
    private static final double EARTH_RADIUS_METRES = 6_378_137;
    private static final double METRES_PER_DEGREE = Math.PI * EARTH_RADIUS_METRES / 180;
    private static final double MAX_LATITUDE = 85.05112878;

    /** Hexagon outlines and centres by cell: H3 draws them through its native library, and views repeat cells. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, double[][]> OUTLINES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_OUTLINES = 400_000;

    private HeatGeometry() {}

    /** Returns a hexagon's outline vertices followed by its centre, from the cache when it has them. */
    private static double[][] outline(long cell) {
        double[][] cached = OUTLINES.get(cell);
        if (cached != null) {
            return cached;
        }
        double[][] ring = H3Cells.boundary(cell);
        double[][] withCentre = java.util.Arrays.copyOf(ring, ring.length + 1);
        withCentre[ring.length] = H3Cells.centre(cell);
        if (OUTLINES.size() >= MAX_OUTLINES) {
            OUTLINES.clear(); // a crude bound; views refill it with what they show
        }
        OUTLINES.put(cell, withCentre);
        return withCentre;
    }

    /**
     * Returns the level that draws cells about {@code pixels} across on a map at {@code zoom}: for squares the grid
     * level (a tile is 256 pixels), for hexagons the H3 resolution whose cells have about that area at the box's
     * middle latitude (Web Mercator stretches the ground by 1 / cos(latitude)).
     */
    static int levelFor(HeatGrid grid, int zoom, int pixels, BoundingBox bbox) {
        if (grid == HeatGrid.SQUARE) {
            int level = zoom + Integer.numberOfTrailingZeros(256 / pixels);
            return Math.min(grid.maxLevel(), level);
        }
        double lat = bbox == null ? 0 : (bbox.minLat() + bbox.maxLat()) / 2;
        double metresPerPixel =
                2 * Math.PI * EARTH_RADIUS_METRES * Math.cos(Math.toRadians(lat)) / (256 * Math.pow(2, zoom));
        return H3Cells.resolutionFor(pixels * metresPerPixel);
    }

    /** Returns the finest level not above {@code level} at which the box holds at most {@code maxCells} cells. */
    static int coarsened(HeatGrid grid, BoundingBox bbox, int level, int maxCells) {
        double west = bbox == null ? -180 : bbox.minLon();
        double east = bbox == null ? 180 : bbox.maxLon();
        double south = bbox == null ? -MAX_LATITUDE : bbox.minLat();
        double north = bbox == null ? MAX_LATITUDE : bbox.maxLat();
        double width = east >= west ? east - west : east + 360 - west;
        if (grid == HeatGrid.H3) {
            double area = EARTH_RADIUS_METRES
                    * EARTH_RADIUS_METRES
                    * Math.toRadians(width)
                    * Math.abs(Math.sin(Math.toRadians(north)) - Math.sin(Math.toRadians(south)));
            for (int r = level; r > 0; r--) {
                if (area / H3Cells.areaSquareMetres(r) <= maxCells) {
                    return r;
                }
            }
            return 0;
        }
        for (int l = level; l > 0; l--) {
            long columns = (long) Math.ceil(width / 360 * (1L << l)) + 1;
            long rows = Math.abs(MercatorCells.y(MercatorCells.cellOf(0, south), l)
                            - MercatorCells.y(MercatorCells.cellOf(0, north), l))
                    + 1;
            if (columns * rows <= maxCells) {
                return l;
            }
        }
        return 0;
    }

    /**
     * Returns the box to count in so that every cell that meets {@code bbox} holds all its points: squares snapped
     * outwards to the grid, the box grown by two hexagon edges (a cell's widest reach from a point in it). Null for
     * null (everywhere).
     */
    static BoundingBox countingBox(HeatGrid grid, BoundingBox bbox, int level) {
        if (bbox == null) {
            return null;
        }
        if (grid == HeatGrid.SQUARE) {
            long sw = MercatorCells.cellOf(bbox.minLon(), bbox.minLat());
            long ne = MercatorCells.cellOf(bbox.maxLon(), bbox.maxLat());
            int west = MercatorCells.x(sw, level);
            int east = MercatorCells.x(ne, level) + 1;
            int south = MercatorCells.y(sw, level) + 1;
            int north = MercatorCells.y(ne, level);
            // A point on a cell's east or south edge belongs to the next cell: stop just short of them.
            double eastLon = Math.nextDown(MercatorCells.lonOf(east, level));
            double southLat = Math.nextUp(MercatorCells.latOf(south, level));
            return new BoundingBox(
                    MercatorCells.lonOf(west, level),
                    south >= 1 << level ? -90 : southLat,
                    east >= 1 << level ? 180 : eastLon,
                    north == 0 ? 90 : MercatorCells.latOf(north, level));
        }
        return grown(bbox, 2 * H3Cells.edgeMetres(level));
    }

    /** Tests whether a cell counted in {@link #countingBox} may meet {@code bbox}: hexagons whose reach misses it do not. */
    static boolean meets(HeatCell cell, BoundingBox bbox) {
        if (bbox == null || cell.grid() == HeatGrid.SQUARE) {
            return true;
        }
        double[][] outline = outline(cell.cell());
        double[] centre = outline[outline.length - 1];
        BoundingBox reach = grown(bbox, H3Cells.edgeMetres(cell.level()) * 1.1);
        boolean lonInside = reach.crossesAntimeridian()
                ? centre[0] >= reach.minLon() || centre[0] <= reach.maxLon()
                : centre[0] >= reach.minLon() && centre[0] <= reach.maxLon();
        return lonInside && centre[1] >= reach.minLat() && centre[1] <= reach.maxLat();
    }

    private static BoundingBox grown(BoundingBox bbox, double metres) {
        double dLat = metres / METRES_PER_DEGREE;
        double maxAbsLat = Math.min(89, Math.max(Math.abs(bbox.minLat()), Math.abs(bbox.maxLat())) + dLat);
        double dLon = metres / (METRES_PER_DEGREE * Math.cos(Math.toRadians(maxAbsLat)));
        double west = bbox.minLon() - dLon;
        double east = bbox.maxLon() + dLon;
        double width = bbox.crossesAntimeridian() ? bbox.maxLon() + 360 - bbox.minLon() : bbox.maxLon() - bbox.minLon();
        if (width + 2 * dLon >= 360) {
            west = -180;
            east = 180;
        } else {
            west = west < -180 ? west + 360 : west;
            east = east > 180 ? east - 360 : east;
        }
        return new BoundingBox(west, Math.max(-90, bbox.minLat() - dLat), east, Math.min(90, bbox.maxLat() + dLat));
    }

    /** Returns a cell's id as the API shows it: {@code level/x/y} for squares, the H3 address for hexagons. */
    static String id(HeatCell cell) {
        return cell.grid() == HeatGrid.H3
                ? H3Cells.address(cell.cell())
                : cell.level() + "/" + cell.x() + "/" + cell.y();
    }

    /** Returns a cell's outline as a closed GeoJSON ring of {@code [lon, lat]}. */
    static JsonArray ring(HeatCell cell) {
        JsonArray ring = new JsonArray();
        if (cell.grid() == HeatGrid.H3) {
            double[][] outline = outline(cell.cell());
            for (int i = 0; i < outline.length - 1; i++) {
                ring.add(new JsonArray().add(outline[i][0]).add(outline[i][1]));
            }
            ring.add(new JsonArray().add(outline[0][0]).add(outline[0][1]));
            return ring;
        }
        double w = MercatorCells.lonOf(cell.x(), cell.level());
        double e = MercatorCells.lonOf(cell.x() + 1, cell.level());
        double n = MercatorCells.latOf(cell.y(), cell.level());
        double s = MercatorCells.latOf(cell.y() + 1, cell.level());
        return ring.add(new JsonArray().add(w).add(s))
                .add(new JsonArray().add(e).add(s))
                .add(new JsonArray().add(e).add(n))
                .add(new JsonArray().add(w).add(n))
                .add(new JsonArray().add(w).add(s));
    }
}
