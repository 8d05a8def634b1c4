package org.iocmap.tiles.grid;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Converts between longitude/latitude (EPSG:4326, x = longitude) and Web Mercator metres (EPSG:3857), and between
 * both and the tiles of {@link TileCoord}.
 *
 * <p>Web Mercator treats the earth as a sphere of radius {@value #EARTH_RADIUS_METRES} m and cannot show the poles: it
 * ends at ±{@value #MAX_LATITUDE}°, where the map becomes square. Latitudes beyond that but within ±90° are clamped to
 * it, so a feature at the pole lands in the top or bottom row of tiles. A position with longitude outside ±180° or
 * latitude outside ±90° is an error, not wrapped, because such values come from bugs such as swapped axes or metres
 * passed as degrees; only {@link #tilesCovering} clips, since a bounding box may reach past the map.
 *
 * <p>Boundary rule: a tile owns its west and north edges. A point on the edge between two tiles belongs to the tile
 * east or south of it, except on the outer edges of the world (longitude 180°, the southern limit), which belong to
 * the last column or row.
 *
 * <p>All methods are pure and thread-safe.
 */
public final class WebMercator {
    /** Gives the radius of the sphere EPSG:3857 projects from, in metres (the WGS 84 semi-major axis). */
    public static final double EARTH_RADIUS_METRES = 6378137.0;

    /** Gives the latitude of the northern edge of the map, in degrees; the southern edge is its negative. */
    public static final double MAX_LATITUDE = 85.05112878;

    /** Gives half the width of the map in metres, {@code π × R}: x runs from minus this at 180° W to this at 180° E. */
    public static final double HALF_WORLD_METRES = Math.PI * EARTH_RADIUS_METRES;

    /**
     * Bounds how many tiles {@link #tilesCovering} lists. Even a large province such as Nghệ An is under a million
     * tiles at zoom 18; more than that is a caller asking for the wrong zoom, and listing them would exhaust memory
     * instead of failing fast.
     */
    public static final int MAX_TILES_LISTED = 1 << 20;

    private WebMercator() {}

    /**
     * Returns the Web Mercator position of a longitude/latitude, in metres. Latitude is clamped to
     * ±{@value #MAX_LATITUDE}.
     *
     * @throws IllegalArgumentException when longitude is outside ±180, latitude outside ±90, or either is NaN
     */
    public static Coordinate toMetres(double lon, double lat) {
        checkLonLat(lon, lat);
        // lon / 180 * (π R) rather than toRadians(lon) * R: the same value, but ±180° lands exactly on the map edge.
        double x = lon / 180 * HALF_WORLD_METRES;
        return new Coordinate(x, mercatorY(lat) * HALF_WORLD_METRES);
    }

    /**
     * Returns the longitude/latitude of a Web Mercator position given in metres.
     *
     * @throws IllegalArgumentException when either value is NaN or infinite, or x lies outside the map
     *     (±{@link #HALF_WORLD_METRES}); y beyond the map is accepted and gives latitudes closer to ±90°
     */
    public static Coordinate toLonLat(double xMetres, double yMetres) {
        if (!(Math.abs(xMetres) <= HALF_WORLD_METRES) || !Double.isFinite(yMetres)) {
            throw new IllegalArgumentException("x=" + xMetres + ", y=" + yMetres
                    + " is not a Web Mercator position; x must be within ±" + HALF_WORLD_METRES + " m");
        }
        double lon = xMetres / HALF_WORLD_METRES * 180;
        double lat = latitudeOf(yMetres / HALF_WORLD_METRES);
        return new Coordinate(lon, lat);
    }

    /**
     * Returns the bounds of {@code tile} in Web Mercator metres. Neighbouring tiles share bit-for-bit equal edges, and
     * the outer edges are exactly ±{@link #HALF_WORLD_METRES}.
     */
    public static Envelope boundsMetres(TileCoord tile) {
        int n = TileCoord.tilesPerSide(tile.z());
        return new Envelope(
                edge(tile.x(), n) * HALF_WORLD_METRES,
                edge(tile.x() + 1, n) * HALF_WORLD_METRES,
                -edge(tile.y() + 1, n) * HALF_WORLD_METRES,
                -edge(tile.y(), n) * HALF_WORLD_METRES);
    }

    /**
     * Returns the bounds of {@code tile} in longitude/latitude: minX is the west longitude, maxY the north latitude.
     * Longitudes are exact (tile edges are multiples of {@code 360 / 2^z} degrees, which a double holds exactly); the
     * outer rows reach ±{@value #MAX_LATITUDE}° to within rounding.
     */
    public static Envelope boundsLonLat(TileCoord tile) {
        int n = TileCoord.tilesPerSide(tile.z());
        double west = tile.x() * 360.0 / n - 180;
        double east = (tile.x() + 1) * 360.0 / n - 180;
        double north = latitudeOf(-edge(tile.y(), n));
        double south = latitudeOf(-edge(tile.y() + 1, n));
        return new Envelope(west, east, south, north);
    }

    /**
     * Returns the bounds of {@code tile} in longitude/latitude grown on every side by {@code marginFraction} of its
     * side, measured in Web Mercator metres: the area a tile's buffer reaches. The margin does not wrap around the
     * antimeridian (longitudes stop at ±180); latitudes stay inside ±90.
     */
    public static Envelope boundsLonLat(TileCoord tile, double marginFraction) {
        Envelope metres = boundsMetres(tile);
        double margin = metres.getWidth() * marginFraction;
        Coordinate min = toLonLat(Math.max(-HALF_WORLD_METRES, metres.getMinX() - margin), metres.getMinY() - margin);
        Coordinate max = toLonLat(Math.min(HALF_WORLD_METRES, metres.getMaxX() + margin), metres.getMaxY() + margin);
        return new Envelope(min.x, max.x, min.y, max.y);
    }

    /**
     * Returns the tile at zoom {@code z} that contains a longitude/latitude, following the boundary rule in the class
     * comment. Latitude is clamped to ±{@value #MAX_LATITUDE}.
     *
     * @throws IllegalArgumentException when the position is invalid (see {@link #toMetres}) or {@code z} is out of
     *     range
     */
    public static TileCoord tileAt(double lon, double lat, int z) {
        int n = TileCoord.tilesPerSide(z);
        checkLonLat(lon, lat);
        return new TileCoord(z, lastIfPast(Math.floor(column(lon, n)), n), lastIfPast(Math.floor(row(lat, n)), n));
    }

    /**
     * Lists the tiles at zoom {@code z} that an area in longitude/latitude overlaps, row by row from the north-west.
     *
     * <p>A tile that only touches the area along its edge is left out, so an area ending exactly on a tile boundary
     * does not pull in the next row or column; an area with no width or height (a point or a line) gets the tiles that
     * {@link #tileAt} gives for it. The area is clipped to the map first: an envelope reaching 180° ends in the last
     * column, and one reaching a pole ends in the first or last row.
     *
     * <p>A JTS {@link Envelope} always has minX ≤ maxX, so it cannot describe an area crossing the antimeridian; use
     * {@link #tilesCovering(double, double, double, double, int)} for that.
     *
     * @return the tiles; empty for a null (empty) envelope or one entirely off the map
     * @throws IllegalArgumentException when more than {@link #MAX_TILES_LISTED} tiles would be listed
     */
    public static List<TileCoord> tilesCovering(Envelope lonLat, int z) {
        if (lonLat.isNull()) {
            return List.of();
        }
        return tilesCovering(lonLat.getMinX(), lonLat.getMinY(), lonLat.getMaxX(), lonLat.getMaxY(), z);
    }

    /**
     * Lists the tiles at zoom {@code z} that a bounding box overlaps, as {@link #tilesCovering(Envelope, int)} does.
     * A box with {@code west > east} crosses the antimeridian and is legal: it is split at 180° and the tiles of the
     * western part (from {@code west} to 180°) come before those of the eastern part in each row.
     *
     * @throws IllegalArgumentException when {@code south > north}, a value is NaN, or more than
     *     {@link #MAX_TILES_LISTED} tiles would be listed
     */
    public static List<TileCoord> tilesCovering(double west, double south, double east, double north, int z) {
        int n = TileCoord.tilesPerSide(z);
        if (Double.isNaN(west) || Double.isNaN(south) || Double.isNaN(east) || Double.isNaN(north)) {
            throw new IllegalArgumentException(
                    "bounding box " + west + "," + south + "," + east + "," + north + " contains NaN");
        }
        if (south > north) {
            throw new IllegalArgumentException("bounding box " + west + "," + south + "," + east + "," + north
                    + " is invalid; south must not exceed north");
        }
        if (north < -90 || south > 90) {
            return List.of(); // entirely off the map
        }
        int[] rows = span(row(Math.min(north, 90), n), row(Math.max(south, -90), n), n);
        List<int[]> columnRanges = new ArrayList<>(2);
        if (west <= east) {
            if (east < -180 || west > 180) {
                return List.of();
            }
            columnRanges.add(columns(Math.max(west, -180), Math.min(east, 180), n));
        } else {
            // Crossing the antimeridian: the part east of `west` up to 180°, then the part from -180° up to `east`.
            // Clipping first keeps a box such as west=200, east=10 from wrapping twice.
            if (west <= 180) {
                columnRanges.add(columns(Math.max(west, -180), 180, n));
            }
            if (east >= -180) {
                columnRanges.add(columns(-180, Math.min(east, 180), n));
            }
        }
        long count = 0;
        for (int[] range : columnRanges) {
            count += (long) (range[1] - range[0] + 1) * (rows[1] - rows[0] + 1);
        }
        if (count > MAX_TILES_LISTED) {
            throw new IllegalArgumentException("bounding box " + west + "," + south + "," + east + "," + north
                    + " covers " + count + " tiles at z=" + z + "; at most " + MAX_TILES_LISTED + " can be listed");
        }
        List<TileCoord> tiles = new ArrayList<>((int) count);
        for (int y = rows[0]; y <= rows[1]; y++) {
            for (int[] range : columnRanges) {
                for (int x = range[0]; x <= range[1]; x++) {
                    tiles.add(new TileCoord(z, x, y));
                }
            }
        }
        return tiles;
    }

    /**
     * Returns the ground distance one pixel spans at zoom {@code z} and latitude {@code lat}, in metres, for tiles of
     * {@code tileSize} pixels (256 for Leaflet's default, 512 for most vector tiles). The distance is measured along
     * the parallel on the Web Mercator sphere; it shrinks with the cosine of the latitude, which is clamped to
     * ±{@value #MAX_LATITUDE} like everywhere else here.
     *
     * @throws IllegalArgumentException when {@code z} is out of range, {@code tileSize} is not positive, or the
     *     latitude is outside ±90 or NaN
     */
    public static double metresPerPixel(int z, double lat, int tileSize) {
        int n = TileCoord.tilesPerSide(z);
        if (tileSize <= 0) {
            throw new IllegalArgumentException("tileSize=" + tileSize + " is invalid; expected a positive pixel count");
        }
        checkLonLat(0, lat);
        double equatorMetresPerPixel = 2 * HALF_WORLD_METRES / ((double) tileSize * n);
        return equatorMetresPerPixel * Math.cos(Math.toRadians(clampLatitude(lat)));
    }

    /**
     * Returns the position of tile edge {@code k} of {@code n} as a fraction of the half-world, from -1 (west) to 1
     * (east). {@code 2k/n} is exact for a power-of-two n, and so is the subtraction, so the only rounding happens when
     * the caller scales it, once, in the same way for both tiles that share the edge.
     */
    private static double edge(int k, int n) {
        return 2.0 * k / n - 1;
    }

    /**
     * Returns the Mercator y of a latitude as a fraction of the half-world: 0 at the equator, ±1 at ±MAX_LATITUDE.
     * Latitude is clamped first.
     */
    private static double mercatorY(double lat) {
        double phi = Math.toRadians(clampLatitude(lat));
        // asinh(tan φ), written out because Math has no asinh. Computing it for |φ| and restoring the sign keeps the
        // map exactly symmetric and the equator exactly 0; log1p keeps precision for small angles.
        double t = Math.tan(Math.abs(phi));
        double asinh = Math.log1p(t + t * t / (1 + Math.sqrt(1 + t * t)));
        return Math.copySign(asinh, phi) / Math.PI;
    }

    /** Returns the latitude at Mercator y given as a fraction of the half-world (the inverse of mercatorY). */
    private static double latitudeOf(double mercatorY) {
        return Math.toDegrees(Math.atan(Math.sinh(mercatorY * Math.PI)));
    }

    /** Returns the fractional column of a longitude at n tiles per side; exact for tile edges. */
    private static double column(double lon, int n) {
        return (lon + 180) / 360 * n;
    }

    /** Returns the fractional row of a latitude at n tiles per side; row 0 is at the northern edge. */
    private static double row(double lat, int n) {
        return (1 - mercatorY(lat)) / 2 * n;
    }

    private static int[] columns(double westLon, double eastLon, int n) {
        return span(column(westLon, n), column(eastLon, n), n);
    }

    /**
     * Returns the first and last tile index an interval of fractional indices [from, to] overlaps. The last index is
     * {@code ceil(to) - 1}, so an interval ending exactly on a boundary stops before it; but never before the first, so
     * an empty interval still gets the tile that holds it.
     */
    private static int[] span(double from, double to, int n) {
        int first = lastIfPast(Math.floor(from), n);
        int last = lastIfPast(Math.ceil(to) - 1, n);
        return new int[] {first, Math.max(first, last)};
    }

    private static int lastIfPast(double index, int n) {
        // The east and south edges of the world are index n exactly; they belong to the last tile.
        return (int) Math.max(0, Math.min(n - 1, index));
    }

    private static double clampLatitude(double lat) {
        return Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
    }

    private static void checkLonLat(double lon, double lat) {
        // Written as "not inside" so that NaN fails too.
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude " + lon + " is out of range; expected -180..180");
        }
        if (!(lat >= -90 && lat <= 90)) {
            // A latitude that would be a valid longitude is the usual sign of (lat, lon) order, as in WKT from traccar.
            String hint = Math.abs(lat) <= 180 ? " (were longitude and latitude swapped?)" : "";
            throw new IllegalArgumentException("latitude " + lat + " is out of range; expected -90..90" + hint);
        }
    }
}
