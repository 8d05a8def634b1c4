package org.iocmap.tiles.grid;

/**
 * Names one tile of the Web Mercator (EPSG:3857) grid in the XYZ scheme used by Leaflet and OpenStreetMap: at zoom
 * {@code z} the world is {@code 2^z} by {@code 2^z} tiles, {@code x} counts from the antimeridian eastwards and
 * {@code y} from the northern edge (about 85.0511° N) southwards.
 *
 * @param z the zoom level, 0 to {@value #MAX_ZOOM}
 * @param x the column, 0 to {@code 2^z - 1}
 * @param y the row, 0 to {@code 2^z - 1}; row 0 is the northernmost
 */
public record TileCoord(int z, int x, int y) {
    /**
     * Bounds the zoom level. At 24 a tile is about 2 m across at the equator, finer than any layer here needs, and
     * {@code 2^24} still fits an int with room for the arithmetic around it.
     */
    public static final int MAX_ZOOM = 24;

    public TileCoord {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("z=" + z + " is out of range; z must be within 0.." + MAX_ZOOM);
        }
        int last = (1 << z) - 1;
        if (x < 0 || x > last) {
            throw new IllegalArgumentException(
                    "x=" + x + " is out of range; at z=" + z + " x must be within 0.." + last);
        }
        if (y < 0 || y > last) {
            throw new IllegalArgumentException(
                    "y=" + y + " is out of range; at z=" + z + " y must be within 0.." + last);
        }
    }

    /**
     * Creates a tile coordinate from the three path segments of a tile URL such as {@code /tiles/{z}/{x}/{y}}.
     *
     * @throws IllegalArgumentException naming the segment when one is missing, not a decimal integer, or out of range
     */
    public static TileCoord parse(String z, String x, String y) {
        return new TileCoord(parseInt("z", z), parseInt("x", x), parseInt("y", y));
    }

    /** Returns the number of tiles along one side of the grid at zoom {@code z}, that is {@code 2^z}. */
    public static int tilesPerSide(int z) {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("z=" + z + " is out of range; z must be within 0.." + MAX_ZOOM);
        }
        return 1 << z;
    }

    private static int parseInt(String name, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing; expected a whole number of 0 or more");
        }
        // Only plain digits without leading zeros: "+1", " 1", "01" and "1.0" would each name the same tile as "1"
        // under another URL, and so under another cache key.
        boolean digitsOnly = text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digitsOnly || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new IllegalArgumentException(name + "=" + abbreviate(text)
                    + " is invalid; expected a whole number of 0 or more, written in digits without leading zeros");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            // digits only, so the number is too large for an int; it is out of range whatever the zoom
            throw new IllegalArgumentException(
                    name + "=" + abbreviate(text) + " is out of range; expected at most " + ((1 << MAX_ZOOM) - 1), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
