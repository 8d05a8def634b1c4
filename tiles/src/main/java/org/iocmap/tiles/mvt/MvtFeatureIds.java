package org.iocmap.tiles.mvt;

import java.util.Arrays;

/**
 * Reads the feature ids of a Mapbox Vector Tile, whoever encoded it (this encoder or PostGIS): the tile cache keeps
 * them to know which tiles a feature lies in. Skips everything else without decoding it.
 */
public final class MvtFeatureIds {
    private MvtFeatureIds() {}

    /**
     * Returns the ids of every feature of every layer, in tile order; features without an id are left out.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed tile
     */
    public static long[] read(byte[] tile) {
        long[] ids = new long[16];
        int n = 0;
        Reader tileReader = new Reader(tile, 0, tile.length);
        while (tileReader.hasMore()) {
            long key = tileReader.varint();
            if (key == ((3 << 3) | 2)) { // Tile.layers
                int[] layer = tileReader.lengthDelimited();
                Reader layerReader = new Reader(tile, layer[0], layer[1]);
                while (layerReader.hasMore()) {
                    long lk = layerReader.varint();
                    if (lk == ((2 << 3) | 2)) { // Layer.features
                        int[] feature = layerReader.lengthDelimited();
                        Reader featureReader = new Reader(tile, feature[0], feature[1]);
                        while (featureReader.hasMore()) {
                            long fk = featureReader.varint();
                            if (fk == ((1 << 3))) { // Feature.id, varint
                                if (n == ids.length) {
                                    ids = Arrays.copyOf(ids, n * 2);
                                }
                                ids[n++] = featureReader.varint();
                            } else {
                                featureReader.skip((int) (fk & 7));
                            }
                        }
                    } else {
                        layerReader.skip((int) (lk & 7));
                    }
                }
            } else {
                tileReader.skip((int) (key & 7));
            }
        }
        return Arrays.copyOf(ids, n);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int at;
        private final int end;

        Reader(byte[] bytes, int from, int end) {
            this.bytes = bytes;
            this.at = from;
            this.end = end;
        }

        boolean hasMore() {
            return at < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= end) {
                    throw new IllegalArgumentException("the tile ends inside a number");
                }
                byte b = bytes[at++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a number of the tile is longer than 64 bits");
        }

        /** Returns {from, end} of a length-delimited field's bytes and moves past them. */
        int[] lengthDelimited() {
            long length = varint();
            if (length < 0 || length > end - at) {
                throw new IllegalArgumentException("a field of the tile runs past its end");
            }
            int from = at;
            at += (int) length;
            return new int[] {from, at};
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> at += 8;
                case 2 -> lengthDelimited();
                case 5 -> at += 4;
                default -> throw new IllegalArgumentException("the tile has an unknown field type " + wireType);
            }
            if (at > end) {
                throw new IllegalArgumentException("a field of the tile runs past its end");
            }
        }
    }
}
