package org.iocmap.tiles.mvt;

import java.util.Arrays;
import java.util.List;

/**
 * Holds one feature's geometry in integer tile coordinates (x to the right, y down, 0 to extent inside the tile), in
 * the shape the vector tile format stores it.
 *
 * <p>Each part is a flat array {@code x0, y0, x1, y1, …}. A point geometry has one part holding every point; a line
 * geometry has one part per line; a polygon geometry has one part per ring, each exterior ring (positive area by the
 * surveyor's formula in tile coordinates) followed by its holes (negative area), and no ring repeats its first point.
 *
 * @param type the geometry type
 * @param parts the parts, never empty
 */
record TileGeometry(Type type, List<int[]> parts) {
    /** Names the geometry types of the vector tile format, with their numbers in the {@code GeomType} enum. */
    enum Type {
        POINT(1),
        LINESTRING(2),
        POLYGON(3);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** Returns the number the format gives this type. */
        int code() {
            return code;
        }
    }

    private static final int MOVE_TO = 1;
    private static final int LINE_TO = 2;
    private static final int CLOSE_PATH = 7;

    TileGeometry {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a tile geometry needs at least one part");
        }
    }

    /** Returns a command integer: the command id in the low 3 bits, the repeat count above them. */
    static int command(int id, int count) {
        return (id & 0x7) | (count << 3);
    }

    /**
     * Returns the geometry as the format's command integers (MoveTo, LineTo, ClosePath with zigzag-encoded deltas),
     * ready to be written as a packed {@code uint32} field. The cursor carries over from part to part, as the format
     * requires.
     */
    int[] toCommands() {
        int size = 0;
        for (int[] part : parts) {
            // per part: MoveTo, LineTo and ClosePath commands, and two parameters per point
            size += 3 + part.length;
        }
        int[] out = new int[size];
        int n = 0;
        int cursorX = 0;
        int cursorY = 0;
        if (type == Type.POINT) {
            // MultiPoint is one MoveTo with a count, not one MoveTo per point
            int[] points = parts.get(0);
            out[n++] = command(MOVE_TO, points.length / 2);
            for (int i = 0; i < points.length; i += 2) {
                out[n++] = ProtobufWriter.zigzag(points[i] - cursorX);
                out[n++] = ProtobufWriter.zigzag(points[i + 1] - cursorY);
                cursorX = points[i];
                cursorY = points[i + 1];
            }
            return Arrays.copyOf(out, n);
        }
        for (int[] part : parts) {
            int count = part.length / 2;
            out[n++] = command(MOVE_TO, 1);
            out[n++] = ProtobufWriter.zigzag(part[0] - cursorX);
            out[n++] = ProtobufWriter.zigzag(part[1] - cursorY);
            cursorX = part[0];
            cursorY = part[1];
            out[n++] = command(LINE_TO, count - 1);
            for (int i = 2; i < part.length; i += 2) {
                out[n++] = ProtobufWriter.zigzag(part[i] - cursorX);
                out[n++] = ProtobufWriter.zigzag(part[i + 1] - cursorY);
                cursorX = part[i];
                cursorY = part[i + 1];
            }
            if (type == Type.POLYGON) {
                out[n++] = command(CLOSE_PATH, 1);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
