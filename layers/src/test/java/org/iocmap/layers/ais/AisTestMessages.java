package org.iocmap.layers.ais;

/**
 * Composes the payloads of the message types the decoder reads, from raw field values in transmitted units (1/10 000
 * minute, 1/10 knot, 1/10 degree...), so that tests can also send the "not available" sentinels and impossible values.
 */
final class AisTestMessages {
    private AisTestMessages() {}

    /** Returns {@code degrees} in 1/10 000 minute, the unit of class A and B positions. */
    static int tenThousandthMinutes(double degrees) {
        return (int) Math.round(degrees * 600_000);
    }

    /** Returns {@code degrees} in 1/10 minute, the unit of long-range (type 27) positions. */
    static int tenthMinutes(double degrees) {
        return (int) Math.round(degrees * 600);
    }

    /** Starts a class A position report (type 1, 2 or 3), with every field "not available" until set. */
    static ClassA classA(int type, int mmsi) {
        return new ClassA(type, mmsi);
    }

    /** Composes a class A position report, 168 bits, from named raw fields. */
    static final class ClassA {
        private final int type;
        private final int mmsi;
        private int navStatus = 15;
        private int rateOfTurn = -128;
        private int sogTenths = 1023;
        private boolean accuracy;
        private int lon = 181 * 600_000;
        private int lat = 91 * 600_000;
        private int cogTenths = 3600;
        private int heading = 511;
        private int second = 60;
        private int maneuver;
        private boolean raim;

        private ClassA(int type, int mmsi) {
            this.type = type;
            this.mmsi = mmsi;
        }

        ClassA navStatus(int value) {
            navStatus = value;
            return this;
        }

        ClassA rateOfTurn(int indicator) {
            rateOfTurn = indicator;
            return this;
        }

        ClassA sogTenths(int value) {
            sogTenths = value;
            return this;
        }

        ClassA accurate() {
            accuracy = true;
            return this;
        }

        /** Sets the position in degrees, rounded to 1/10 000 minute. */
        ClassA position(double lonDegrees, double latDegrees) {
            return rawPosition(tenThousandthMinutes(lonDegrees), tenThousandthMinutes(latDegrees));
        }

        ClassA rawPosition(int lonTenThousandthMinutes, int latTenThousandthMinutes) {
            lon = lonTenThousandthMinutes;
            lat = latTenThousandthMinutes;
            return this;
        }

        ClassA cogTenths(int value) {
            cogTenths = value;
            return this;
        }

        ClassA heading(int degrees) {
            heading = degrees;
            return this;
        }

        ClassA second(int value) {
            second = value;
            return this;
        }

        ClassA maneuver(int value) {
            maneuver = value;
            return this;
        }

        ClassA raim() {
            raim = true;
            return this;
        }

        AisSentenceWriter writer() {
            return new AisSentenceWriter()
                    .unsigned(type, 6)
                    .unsigned(0, 2)
                    .unsigned(mmsi, 30)
                    .unsigned(navStatus, 4)
                    .signed(rateOfTurn, 8)
                    .unsigned(sogTenths, 10)
                    .flag(accuracy)
                    .signed(lon, 28)
                    .signed(lat, 27)
                    .unsigned(cogTenths, 12)
                    .unsigned(heading, 9)
                    .unsigned(second, 6)
                    .unsigned(maneuver, 2)
                    .unsigned(0, 3)
                    .flag(raim)
                    .unsigned(0x1234, 19); // radio status: not decoded
        }

        /** Returns the report as one {@code !AIVDM} sentence on channel A. */
        String sentence() {
            return writer().sentence();
        }
    }

    /** Composes a static and voyage data message (type 5), 424 bits. */
    static AisSentenceWriter staticAndVoyage(
            int mmsi,
            int imo,
            String callSign,
            String name,
            int shipType,
            int[] bowSternPortStarboard,
            int epfd,
            int[] etaMonthDayHourMinute,
            int draughtTenths,
            String destination) {
        AisSentenceWriter writer = new AisSentenceWriter()
                .unsigned(5, 6)
                .unsigned(0, 2)
                .unsigned(mmsi, 30)
                .unsigned(1, 2)
                .unsigned(imo, 30)
                .text(callSign, 7)
                .text(name, 20)
                .unsigned(shipType, 8);
        dimensions(writer, bowSternPortStarboard);
        return writer.unsigned(epfd, 4)
                .unsigned(etaMonthDayHourMinute[0], 4)
                .unsigned(etaMonthDayHourMinute[1], 5)
                .unsigned(etaMonthDayHourMinute[2], 5)
                .unsigned(etaMonthDayHourMinute[3], 6)
                .unsigned(draughtTenths, 8)
                .text(destination, 20)
                .unsigned(0, 1)
                .unsigned(0, 1);
    }

    /** Composes a class B position report (type 18), 168 bits. */
    static AisSentenceWriter classB(
            int mmsi, int sogTenths, boolean accuracy, int lon, int lat, int cogTenths, int heading, int second) {
        return classBPosition(new AisSentenceWriter(), 18, mmsi, sogTenths, accuracy, lon, lat, cogTenths, heading)
                .unsigned(second, 6)
                .unsigned(0, 2) // regional
                .flag(true) // CS unit
                .flag(false) // display
                .flag(true) // DSC
                .flag(true) // band
                .flag(true) // message 22
                .flag(false) // assigned
                .flag(true) // RAIM
                .unsigned(393222, 20);
    }

    /** Composes an extended class B report (type 19), 312 bits. */
    static AisSentenceWriter extendedClassB(
            int mmsi,
            int sogTenths,
            boolean accuracy,
            int lon,
            int lat,
            int cogTenths,
            int heading,
            int second,
            String name,
            int shipType,
            int[] bowSternPortStarboard,
            int epfd) {
        AisSentenceWriter writer = classBPosition(
                        new AisSentenceWriter(), 19, mmsi, sogTenths, accuracy, lon, lat, cogTenths, heading)
                .unsigned(second, 6)
                .unsigned(0, 4)
                .text(name, 20)
                .unsigned(shipType, 8);
        dimensions(writer, bowSternPortStarboard);
        return writer.unsigned(epfd, 4)
                .flag(false) // RAIM
                .unsigned(0, 1) // DTE ready
                .flag(false) // assigned
                .unsigned(0, 4);
    }

    /** Composes part A of a class B static data report (type 24), 160 bits. */
    static AisSentenceWriter staticPartA(int mmsi, String name) {
        return new AisSentenceWriter()
                .unsigned(24, 6)
                .unsigned(0, 2)
                .unsigned(mmsi, 30)
                .unsigned(0, 2)
                .text(name, 20);
    }

    /**
     * Composes part B of a class B static data report (type 24), 168 bits. {@code dimensionsOrMothership} holds four
     * dimensions, or one mothership MMSI for an auxiliary craft.
     */
    static AisSentenceWriter staticPartB(
            int mmsi, int shipType, String vendorId, int model, int serial, String callSign, int... dimsOrMothership) {
        AisSentenceWriter writer = new AisSentenceWriter()
                .unsigned(24, 6)
                .unsigned(0, 2)
                .unsigned(mmsi, 30)
                .unsigned(1, 2)
                .unsigned(shipType, 8)
                .text(vendorId, 3)
                .unsigned(model, 4)
                .unsigned(serial, 20)
                .text(callSign, 7);
        if (dimsOrMothership.length == 1) {
            writer.unsigned(dimsOrMothership[0], 30);
        } else {
            dimensions(writer, dimsOrMothership);
        }
        return writer.unsigned(0, 6);
    }

    /** Composes a long-range position report (type 27), 96 bits; position in 1/10 minute, speed and course whole. */
    static AisSentenceWriter longRange(int mmsi, int navStatus, int lon, int lat, int sogKnots, int cogDegrees) {
        return new AisSentenceWriter()
                .unsigned(27, 6)
                .unsigned(0, 2)
                .unsigned(mmsi, 30)
                .flag(false) // accuracy
                .flag(true) // RAIM
                .unsigned(navStatus, 4)
                .signed(lon, 18)
                .signed(lat, 17)
                .unsigned(sogKnots, 6)
                .unsigned(cogDegrees, 9)
                .unsigned(0, 1) // GNSS position status
                .unsigned(0, 1);
    }

    private static AisSentenceWriter classBPosition(
            AisSentenceWriter writer,
            int type,
            int mmsi,
            int sogTenths,
            boolean accuracy,
            int lon,
            int lat,
            int cogTenths,
            int heading) {
        return writer.unsigned(type, 6)
                .unsigned(0, 2)
                .unsigned(mmsi, 30)
                .unsigned(0, 8)
                .unsigned(sogTenths, 10)
                .flag(accuracy)
                .signed(lon, 28)
                .signed(lat, 27)
                .unsigned(cogTenths, 12)
                .unsigned(heading, 9);
    }

    private static void dimensions(AisSentenceWriter writer, int[] bowSternPortStarboard) {
        writer.unsigned(bowSternPortStarboard[0], 9)
                .unsigned(bowSternPortStarboard[1], 9)
                .unsigned(bowSternPortStarboard[2], 6)
                .unsigned(bowSternPortStarboard[3], 6);
    }
}
