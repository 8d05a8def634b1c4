package org.iocmap.layers.ais;

import java.time.Instant;
import java.util.Locale;

/**
 * Writes AIS position reports (message type 1, ITU-R M.1371) as NMEA 0183 {@code !AIVDM} sentences, with an NMEA 4.10
 * tag block carrying the source and the time: what a shore station or a simulated fleet sends. The inverse of the
 * decoder for the fields it writes.
 */
public final class AisEncoder {
    private AisEncoder() {}

    /**
     * Returns one tagged sentence: a class A position report of {@code mmsi} at {@code time}, under way (status 0),
     * rate of turn not available, the UTC second from {@code time}.
     *
     * @param sogKnots speed over ground, 0 to 102.2; null for not available
     * @param cogDegrees course over ground, 0 to 359.9; null for not available
     * @param headingDegrees true heading, 0 to 359; null for not available
     */
    public static String positionReport(
            String source,
            Instant time,
            int mmsi,
            double lon,
            double lat,
            Double sogKnots,
            Double cogDegrees,
            Integer headingDegrees) {
        Bits bits = new Bits(168);
        bits.put(6, 1); // type
        bits.put(2, 0); // repeat
        bits.put(30, mmsi);
        bits.put(4, 0); // under way using engine
        bits.put(8, -128); // rate of turn not available
        bits.put(10, sogKnots == null ? 1023 : Math.round(sogKnots * 10));
        bits.put(1, 0); // position accuracy
        bits.put(28, Math.round(lon * 600_000));
        bits.put(27, Math.round(lat * 600_000));
        bits.put(12, cogDegrees == null ? 3600 : Math.round(cogDegrees * 10) % 3600);
        bits.put(9, headingDegrees == null ? 511 : headingDegrees);
        bits.put(6, time.atZone(java.time.ZoneOffset.UTC).getSecond());
        bits.put(2, 0); // manoeuvre
        bits.put(3, 0); // spare
        bits.put(1, 0); // RAIM
        bits.put(19, 0); // radio status
        String sentence = "AIVDM,1,1,,A," + bits.armoured() + ",0";
        String tag = "s:" + source + ",c:" + time.getEpochSecond();
        return "\\" + tag + "*" + hex(Checksums.xor(tag, 0, tag.length())) + "\\!" + sentence + "*"
                + hex(Checksums.xor(sentence, 0, sentence.length()));
    }

    private static String hex(int checksum) {
        return String.format(Locale.ROOT, "%02X", checksum);
    }

    /** Packs fields most significant bit first and armours them six bits a character. */
    private static final class Bits {
        private final boolean[] bits;
        private int at;

        Bits(int size) {
            bits = new boolean[size];
        }

        void put(int width, long value) {
            for (int i = width - 1; i >= 0; i--) {
                bits[at++] = ((value >> i) & 1) != 0;
            }
        }

        String armoured() {
            StringBuilder text = new StringBuilder(bits.length / 6);
            for (int i = 0; i < bits.length; i += 6) {
                int v = 0;
                for (int j = 0; j < 6; j++) {
                    v = (v << 1) | (bits[i + j] ? 1 : 0);
                }
                text.append((char) (v < 40 ? v + 48 : v + 56));
            }
            return text.toString();
        }
    }
}
