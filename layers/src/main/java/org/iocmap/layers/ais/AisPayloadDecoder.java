package org.iocmap.layers.ais;

import static org.iocmap.layers.ais.AisReject.Reason.IMPOSSIBLE_VALUE;
import static org.iocmap.layers.ais.AisReject.Reason.TOO_SHORT;
import static org.iocmap.layers.ais.AisReject.Reason.UNSUPPORTED_TYPE;
import static org.iocmap.layers.ais.PositionFields.LONG_RANGE_UNITS_PER_DEGREE;
import static org.iocmap.layers.ais.PositionFields.UNITS_PER_DEGREE;

/**
 * Decodes the bits of one AIS message into an {@link AisMessage}, following ITU-R M.1371-5 for types 1, 2, 3, 5, 18,
 * 19, 24 and 27. A payload must reach the last field read (messages may be longer); a type 5 of 420 or 422 bits, which
 * many transponders send, is accepted and its destination read as far as it goes.
 */
final class AisPayloadDecoder {
    private static final String[] TYPE_NAMES = {
        "",
        "position report",
        "position report",
        "position report",
        "base station report",
        "static and voyage data",
        "addressed binary message",
        "binary acknowledge",
        "binary broadcast message",
        "SAR aircraft position report",
        "UTC/date inquiry",
        "UTC/date response",
        "addressed safety message",
        "safety acknowledge",
        "safety broadcast message",
        "interrogation",
        "assignment mode command",
        "DGNSS broadcast",
        "class B position report",
        "extended class B report",
        "data link management",
        "aid-to-navigation report",
        "channel management",
        "group assignment command",
        "class B static data",
        "single slot binary message",
        "multiple slot binary message",
        "long-range position report"
    };

    private AisPayloadDecoder() {}

    /**
     * Decodes {@code bits}.
     *
     * @throws AisFormatException when the type is not read here, the payload is too short, or a field is impossible
     */
    static AisMessage decode(SixBitPayload bits) {
        if (bits.length() < 38) {
            throw new AisFormatException(TOO_SHORT, "payload has " + bits.length() + " bits; even the MMSI needs 38");
        }
        int type = bits.unsigned(0, 6);
        int repeat = bits.unsigned(6, 2);
        int mmsi = bits.unsigned(8, 30);
        if (mmsi > 999_999_999) {
            throw new AisFormatException(IMPOSSIBLE_VALUE, "MMSI " + mmsi + " has more than nine digits");
        }
        return switch (type) {
            case 1, 2, 3 -> classA(bits, type, repeat, mmsi);
            case 5 -> staticAndVoyage(bits, repeat, mmsi);
            case 18 -> classB(bits, repeat, mmsi);
            case 19 -> extendedClassB(bits, repeat, mmsi);
            case 24 -> staticDataB(bits, repeat, mmsi);
            case 27 -> longRange(bits, repeat, mmsi);
            default ->
                throw new AisFormatException(
                        UNSUPPORTED_TYPE,
                        "type " + type + (type < TYPE_NAMES.length ? " (" + TYPE_NAMES[type] + ")" : "")
                                + " is not decoded");
        };
    }

    private static PositionReport classA(SixBitPayload bits, int type, int repeat, int mmsi) {
        need(bits, type, 149);
        PositionFields.LonLat position =
                PositionFields.lonLat(bits.signed(61, 28), bits.signed(89, 27), UNITS_PER_DEGREE);
        int rateOfTurn = bits.signed(42, 8);
        int maneuver = bits.unsigned(143, 2);
        return new PositionReport(
                type,
                repeat,
                mmsi,
                position.lon(),
                position.lat(),
                PositionFields.speedTenths(bits.unsigned(50, 10)),
                PositionFields.courseTenths(bits.unsigned(116, 12)),
                PositionFields.wholeDegrees(bits.unsigned(128, 9), "heading"),
                PositionFields.navStatus(bits.unsigned(38, 4)),
                rateOfTurn == -128 ? null : rateOfTurn,
                PositionFields.second(bits.unsigned(137, 6)),
                bits.flag(60),
                bits.flag(148),
                maneuver == 0 ? null : maneuver);
    }

    /** Reads the position fields that types 18 and 19 share; {@code raimBit} is where each keeps its RAIM flag. */
    private static PositionReport classBPosition(SixBitPayload bits, int type, int repeat, int mmsi, int raimBit) {
        PositionFields.LonLat position =
                PositionFields.lonLat(bits.signed(57, 28), bits.signed(85, 27), UNITS_PER_DEGREE);
        return new PositionReport(
                type,
                repeat,
                mmsi,
                position.lon(),
                position.lat(),
                PositionFields.speedTenths(bits.unsigned(46, 10)),
                PositionFields.courseTenths(bits.unsigned(112, 12)),
                PositionFields.wholeDegrees(bits.unsigned(124, 9), "heading"),
                null,
                null,
                PositionFields.second(bits.unsigned(133, 6)),
                bits.flag(56),
                bits.flag(raimBit),
                null);
    }

    private static PositionReport classB(SixBitPayload bits, int repeat, int mmsi) {
        need(bits, 18, 148);
        return classBPosition(bits, 18, repeat, mmsi, 147);
    }

    private static ExtendedClassBReport extendedClassB(SixBitPayload bits, int repeat, int mmsi) {
        need(bits, 19, 308);
        return new ExtendedClassBReport(
                classBPosition(bits, 19, repeat, mmsi, 305),
                bits.text(143, 20),
                zeroIsAbsent(bits.unsigned(263, 8)),
                dimensions(bits, 271),
                zeroIsAbsent(bits.unsigned(301, 4)),
                !bits.flag(306),
                bits.flag(307));
    }

    private static PositionReport longRange(SixBitPayload bits, int repeat, int mmsi) {
        need(bits, 27, 95);
        PositionFields.LonLat position =
                PositionFields.lonLat(bits.signed(44, 18), bits.signed(62, 17), LONG_RANGE_UNITS_PER_DEGREE);
        Integer course = PositionFields.wholeDegrees(bits.unsigned(85, 9), "course");
        return new PositionReport(
                27,
                repeat,
                mmsi,
                position.lon(),
                position.lat(),
                PositionFields.longRangeSpeed(bits.unsigned(79, 6)),
                course == null ? null : course.doubleValue(),
                null,
                PositionFields.navStatus(bits.unsigned(40, 4)),
                null,
                null,
                bits.flag(38),
                bits.flag(39),
                null);
    }

    private static StaticData staticAndVoyage(SixBitPayload bits, int repeat, int mmsi) {
        need(bits, 5, 420);
        int draught = bits.unsigned(294, 8);
        return new StaticData(
                repeat,
                mmsi,
                bits.unsigned(38, 2),
                zeroIsAbsent(bits.unsigned(40, 30)),
                bits.text(70, 7),
                bits.text(112, 20),
                zeroIsAbsent(bits.unsigned(232, 8)),
                dimensions(bits, 240),
                zeroIsAbsent(bits.unsigned(270, 4)),
                eta(bits.unsigned(274, 4), bits.unsigned(278, 5), bits.unsigned(283, 5), bits.unsigned(288, 6)),
                draught == 0 ? null : draught / 10.0,
                bits.text(302, 20),
                // the DTE bit is missing from the short messages accepted above; 0 (ready) is its default
                bits.length() < 423 || !bits.flag(422));
    }

    private static StaticDataB staticDataB(SixBitPayload bits, int repeat, int mmsi) {
        need(bits, 24, 40);
        int part = bits.unsigned(38, 2);
        if (part == 0) {
            need(bits, 24, 160);
            return new StaticDataB(
                    repeat, mmsi, StaticDataB.Part.A, bits.text(40, 20), null, null, null, null, null, null, null);
        }
        if (part != 1) {
            throw new AisFormatException(
                    IMPOSSIBLE_VALUE, "type 24 part number " + part + " is neither A (0) nor B (1)");
        }
        need(bits, 24, 162);
        // An auxiliary craft (MMSI 98MIDxxxx) sends its mothership's MMSI where others send their dimensions.
        boolean auxiliary = mmsi / 10_000_000 == 98;
        return new StaticDataB(
                repeat,
                mmsi,
                StaticDataB.Part.B,
                null,
                zeroIsAbsent(bits.unsigned(40, 8)),
                bits.text(48, 3),
                bits.unsigned(66, 4),
                bits.unsigned(70, 20),
                bits.text(90, 7),
                auxiliary ? null : dimensions(bits, 132),
                auxiliary ? zeroIsAbsent(bits.unsigned(132, 30)) : null);
    }

    private static ShipDimensions dimensions(SixBitPayload bits, int start) {
        return new ShipDimensions(
                bits.unsigned(start, 9),
                bits.unsigned(start + 9, 9),
                bits.unsigned(start + 18, 6),
                bits.unsigned(start + 24, 6));
    }

    private static AisEta eta(int month, int day, int hour, int minute) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return null; // 0 is "not available"; larger values are junk that should not sink the rest of the record
        }
        return new AisEta(month, day, hour < 24 ? hour : null, minute < 60 ? minute : null);
    }

    private static Integer zeroIsAbsent(int value) {
        return value == 0 ? null : value;
    }

    private static void need(SixBitPayload bits, int type, int minBits) {
        if (bits.length() < minBits) {
            throw new AisFormatException(
                    TOO_SHORT, "type " + type + " needs at least " + minBits + " bits but has " + bits.length());
        }
    }
}
