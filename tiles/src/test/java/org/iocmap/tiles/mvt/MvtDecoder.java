package org.iocmap.tiles.mvt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a vector tile (specification 2.1) for tests, and checks on the way what the specification requires of the
 * geometry commands: a MoveTo of count 1 before each line or ring, LineTo counts of at least 1 (2 for rings), one
 * ClosePath after each ring, and nothing left over. Any breach throws {@link IllegalStateException}.
 */
final class MvtDecoder {
    static final int POINT = 1;
    static final int LINESTRING = 2;
    static final int POLYGON = 3;

    private MvtDecoder() {}

    /** Holds a decoded tile: its layers in order. */
    record Tile(List<Layer> layers) {
        Layer layer(String name) {
            return layers.stream()
                    .filter(l -> l.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no layer " + name + " in " + layers));
        }
    }

    /**
     * Holds a decoded layer. {@code valueFields} gives, for each entry of {@code values}, the {@code Value} field it
     * came in (1 string, 2 float, 3 double, 4 int, 5 uint, 6 sint, 7 bool).
     */
    record Layer(
            String name,
            int version,
            int extent,
            List<String> keys,
            List<Object> values,
            List<Integer> valueFields,
            List<Feature> features) {
        Feature feature(long id) {
            return features.stream()
                    .filter(f -> f.id() != null && f.id() == id)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no feature " + id));
        }
    }

    /**
     * Holds a decoded feature: its id (null when absent), type, properties, the raw tags and commands, and the parts in
     * absolute tile coordinates. A point feature has one part per point; a line feature one per line; a polygon feature
     * one per ring, without the closing point.
     */
    record Feature(
            Long id, int type, Map<String, Object> properties, int[] tags, int[] commands, List<List<int[]>> parts) {
        /**
         * Groups the rings of a polygon feature into polygons: each ring of positive area (surveyor's formula in tile
         * coordinates) starts a polygon, each ring of negative area is a hole of the polygon before it.
         */
        List<List<List<int[]>>> polygons() {
            List<List<List<int[]>>> polygons = new ArrayList<>();
            for (List<int[]> ring : parts) {
                long area = twiceSignedArea(ring);
                if (area > 0) {
                    polygons.add(new ArrayList<>(List.of(ring)));
                } else if (area < 0 && !polygons.isEmpty()) {
                    polygons.get(polygons.size() - 1).add(ring);
                } else {
                    throw new IllegalStateException(
                            "ring of area " + area + " in feature " + id + (polygons.isEmpty() ? " before any" : ""));
                }
            }
            return polygons;
        }
    }

    /** Returns twice the signed area of a ring by the surveyor's formula, in tile coordinates. */
    static long twiceSignedArea(List<int[]> ring) {
        long area = 0;
        for (int i = 0; i < ring.size(); i++) {
            int[] a = ring.get(i);
            int[] b = ring.get((i + 1) % ring.size());
            area += (long) a[0] * b[1] - (long) b[0] * a[1];
        }
        return area;
    }

    /** Decodes a tile; an empty array is a tile with no layers. */
    static Tile decode(byte[] bytes) {
        Reader r = new Reader(bytes, 0, bytes.length);
        List<Layer> layers = new ArrayList<>();
        while (r.hasMore()) {
            long tag = r.varint();
            if (tag >>> 3 == 3 && (tag & 7) == 2) {
                layers.add(layer(r.message()));
            } else {
                r.skip((int) (tag & 7));
            }
        }
        return new Tile(layers);
    }

    private static Layer layer(Reader r) {
        String name = null;
        int version = 1; // the format's default
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Integer> valueFields = new ArrayList<>();
        List<Reader> featureReaders = new ArrayList<>();
        while (r.hasMore()) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            switch (field) {
                case 1 -> name = r.string();
                case 2 -> featureReaders.add(r.message());
                case 3 -> keys.add(r.string());
                case 4 -> {
                    Reader v = r.message();
                    long vtag = v.varint();
                    int vfield = (int) (vtag >>> 3);
                    valueFields.add(vfield);
                    values.add(
                            switch (vfield) {
                                case 1 -> v.string();
                                case 2 -> Float.intBitsToFloat(v.fixed32());
                                case 3 -> Double.longBitsToDouble(v.fixed64());
                                case 4, 5 -> v.varint();
                                case 6 -> {
                                    long z = v.varint();
                                    yield (z >>> 1) ^ -(z & 1);
                                }
                                case 7 -> v.varint() != 0;
                                default -> throw new IllegalStateException("unknown Value field " + vfield);
                            });
                    if (v.hasMore()) {
                        throw new IllegalStateException("a Value holds more than one field");
                    }
                }
                case 5 -> extent = (int) r.varint();
                case 15 -> version = (int) r.varint();
                default -> r.skip((int) (tag & 7));
            }
        }
        if (name == null) {
            throw new IllegalStateException("layer without a name");
        }
        List<Feature> features = new ArrayList<>();
        for (Reader f : featureReaders) {
            features.add(feature(f, keys, values));
        }
        return new Layer(name, version, extent, keys, values, valueFields, features);
    }

    private static Feature feature(Reader r, List<String> keys, List<Object> values) {
        Long id = null;
        int type = 0;
        int[] tags = new int[0];
        int[] commands = new int[0];
        while (r.hasMore()) {
            long tag = r.varint();
            switch ((int) (tag >>> 3)) {
                case 1 -> id = r.varint();
                case 2 -> tags = r.packed();
                case 3 -> type = (int) r.varint();
                case 4 -> commands = r.packed();
                default -> r.skip((int) (tag & 7));
            }
        }
        if (tags.length % 2 != 0) {
            throw new IllegalStateException("odd number of tags in feature " + id);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            if (properties.put(keys.get(tags[i]), values.get(tags[i + 1])) != null) {
                throw new IllegalStateException("key " + keys.get(tags[i]) + " twice in feature " + id);
            }
        }
        return new Feature(id, type, properties, tags, commands, parts(type, commands, id));
    }

    private static List<List<int[]>> parts(int type, int[] commands, Long id) {
        List<List<int[]>> parts = new ArrayList<>();
        int x = 0;
        int y = 0;
        int i = 0;
        while (i < commands.length) {
            int command = commands[i] & 7;
            int count = commands[i] >>> 3;
            i++;
            switch (type) {
                case POINT -> {
                    if (command != 1 || count < 1 || !parts.isEmpty()) {
                        throw new IllegalStateException("a point feature is one MoveTo; feature " + id);
                    }
                    for (int k = 0; k < count; k++) {
                        x += unzigzag(commands[i++]);
                        y += unzigzag(commands[i++]);
                        parts.add(List.of(new int[] {x, y}));
                    }
                }
                case LINESTRING, POLYGON -> {
                    if (command != 1 || count != 1) {
                        throw new IllegalStateException("each part must start with MoveTo(1); feature " + id);
                    }
                    List<int[]> part = new ArrayList<>();
                    x += unzigzag(commands[i++]);
                    y += unzigzag(commands[i++]);
                    part.add(new int[] {x, y});
                    int lineTo = commands[i] & 7;
                    int lineCount = commands[i] >>> 3;
                    i++;
                    if (lineTo != 2 || lineCount < (type == POLYGON ? 2 : 1)) {
                        throw new IllegalStateException("MoveTo must be followed by LineTo of enough points; feature "
                                + id + " has LineTo(" + lineCount + ")");
                    }
                    for (int k = 0; k < lineCount; k++) {
                        int dx = unzigzag(commands[i++]);
                        int dy = unzigzag(commands[i++]);
                        if (dx == 0 && dy == 0) {
                            throw new IllegalStateException("repeated point in feature " + id);
                        }
                        x += dx;
                        y += dy;
                        part.add(new int[] {x, y});
                    }
                    if (type == POLYGON) {
                        if (i >= commands.length || commands[i] != TileGeometry.command(7, 1)) {
                            throw new IllegalStateException("ring without ClosePath in feature " + id);
                        }
                        i++;
                    }
                    parts.add(part);
                }
                default -> throw new IllegalStateException("unknown geometry type " + type + " of feature " + id);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalStateException("feature " + id + " has no geometry");
        }
        return parts;
    }

    static int unzigzag(int n) {
        return (n >>> 1) ^ -(n & 1);
    }

    /** Reads protocol buffer fields from a slice of a byte array. */
    private static final class Reader {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Reader(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException("truncated varint");
                }
                byte b = bytes[pos++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint longer than 10 bytes");
        }

        int fixed32() {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v |= (bytes[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }

        long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (bytes[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }

        Reader message() {
            int length = (int) varint();
            if (pos + length > end) {
                throw new IllegalStateException("field runs past its message");
            }
            Reader inner = new Reader(bytes, pos, pos + length);
            pos += length;
            return inner;
        }

        String string() {
            Reader s = message();
            return new String(bytes, s.pos, s.end - s.pos, StandardCharsets.UTF_8);
        }

        int[] packed() {
            Reader p = message();
            List<Integer> values = new ArrayList<>();
            while (p.hasMore()) {
                values.add((int) p.varint());
            }
            return values.stream().mapToInt(Integer::intValue).toArray();
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> message();
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("unknown wire type " + wireType);
            }
        }
    }
}
