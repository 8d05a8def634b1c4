package org.iocmap.layers.ais;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes AIS position reports (message type 1, ITU-R M.1371) and static and voyage data (type 5) as NMEA 0183
 * {@code !AIVDM} sentences, with an NMEA 4.10 tag block carrying the source and the time: what a shore station or a
 * simulated fleet sends. The inverse of the decoder for the fields it writes.
 */
public final class AisEncoder {
    /** The six-bit AIS alphabet (ITU-R M.1371, table 47); '@' (0) is the padding. */
    private static final String SIX_BIT_TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

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

    /**
     * Returns the two tagged sentences of a class A vessel's static and voyage data (type 5, 424 bits, sent in two
     * fragments that share {@code sequenceId}; both carry the tag block): AIS version 0, no IMO number, GPS position
     * fixing, ETA and draught not available, data terminal ready.
     *
     * @param sequenceId the sequential message id that ties the two fragments together, 0 to 9
     * @param callSign up to 7 characters; null or empty for not available
     * @param name up to 20 characters of the six-bit AIS alphabet (upper-case letters, digits, space and
     *     {@code !"#$%&'()*+,-./:;<=>?[\]^_}); lower case is written as upper case
     * @param shipType ship and cargo type, 0 to 255 (30 fishing)
     * @param dimensions metres from the position reference to bow, stern, port and starboard
     * @param destination up to 20 characters, as {@code name}; null or empty for not available
     * @throws IllegalArgumentException when a text is too long or holds a character AIS cannot send, or a number is
     *     out of its field's range
     */
    public static List<String> staticAndVoyage(
            String source,
            Instant time,
            int sequenceId,
            int mmsi,
            String callSign,
            String name,
            int shipType,
            ShipDimensions dimensions,
            String destination) {
        if (sequenceId < 0 || sequenceId > 9) {
            throw new IllegalArgumentException("sequenceId must be 0 to 9, was " + sequenceId);
        }
        if (shipType < 0 || shipType > 255) {
            throw new IllegalArgumentException("shipType must be 0 to 255, was " + shipType);
        }
        Bits bits = new Bits(426); // 424 bits of message and 2 fill bits, so that it armours to 71 characters
        bits.put(6, 5); // type
        bits.put(2, 0); // repeat
        bits.put(30, mmsi);
        bits.put(2, 0); // AIS version: ITU-R M.1371-1
        bits.put(30, 0); // IMO number not available
        bits.text(callSign, 7, "callSign");
        bits.text(name, 20, "name");
        bits.put(8, shipType);
        bits.put(9, range(dimensions.toBowMetres(), 511, "toBowMetres"));
        bits.put(9, range(dimensions.toSternMetres(), 511, "toSternMetres"));
        bits.put(6, range(dimensions.toPortMetres(), 63, "toPortMetres"));
        bits.put(6, range(dimensions.toStarboardMetres(), 63, "toStarboardMetres"));
        bits.put(4, 1); // position fixing by GPS
        bits.put(4, 0); // ETA month not available
        bits.put(5, 0); // ETA day not available
        bits.put(5, 24); // ETA hour not available
        bits.put(6, 60); // ETA minute not available
        bits.put(8, 0); // draught not available
        bits.text(destination, 20, "destination");
        bits.put(1, 0); // data terminal ready
        bits.put(1, 0); // spare
        String payload = bits.armoured();
        String tag = "s:" + source + ",c:" + time.getEpochSecond();
        String tagBlock = "\\" + tag + "*" + hex(Checksums.xor(tag, 0, tag.length())) + "\\";
        String first = "AIVDM,2,1," + sequenceId + ",A," + payload.substring(0, 60) + ",0";
        String second = "AIVDM,2,2," + sequenceId + ",A," + payload.substring(60) + ",2";
        return List.of(
                tagBlock + "!" + first + "*" + hex(Checksums.xor(first, 0, first.length())),
                tagBlock + "!" + second + "*" + hex(Checksums.xor(second, 0, second.length())));
    }

    private static int range(int value, int max, String name) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be 0 to " + max + ", was " + value);
        }
        return value;
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

        /** Puts {@code value} as {@code chars} six-bit characters, padded with '@'; null counts as empty. */
        void text(String value, int chars, String field) {
            String text = value == null ? "" : value.toUpperCase(Locale.ROOT);
            if (text.length() > chars) {
                throw new IllegalArgumentException(
                        field + " '" + value + "' has " + text.length() + " characters; AIS sends at most " + chars);
            }
            for (int i = 0; i < chars; i++) {
                int code = i < text.length() ? SIX_BIT_TEXT.indexOf(text.charAt(i)) : 0;
                if (code <= 0 && i < text.length()) {
                    throw new IllegalArgumentException(field + " '" + value + "' holds '" + text.charAt(i)
                            + "', which is not in the six-bit AIS alphabet");
                }
                put(6, code);
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
