package org.iocmap.layers.ais;

import static org.iocmap.layers.ais.AisReject.Reason.IMPOSSIBLE_VALUE;

/**
 * Converts the raw position, speed, course and heading fields of AIS reports to degrees and knots. A value meaning
 * "not available" becomes null; a value that cannot be true is rejected with {@link AisFormatException}.
 */
final class PositionFields {
    /** Raw units per degree of class A and B positions: 1/10 000 minute. */
    static final int UNITS_PER_DEGREE = 600_000;
    /** Raw units per degree of long-range (type 27) positions: 1/10 minute. */
    static final int LONG_RANGE_UNITS_PER_DEGREE = 600;

    private PositionFields() {}

    /** Holds a longitude and latitude in degrees, both null when the position is not available. */
    record LonLat(Double lon, Double lat) {}

    /**
     * Returns the position of raw {@code lon} and {@code lat} in {@code unitsPerDegree}. Longitude 181 or latitude 91
     * means "not available" and gives no position; other values beyond ±180 or ±90 are rejected.
     */
    static LonLat lonLat(int lon, int lat, int unitsPerDegree) {
        int notAvailableLon = 181 * unitsPerDegree;
        int notAvailableLat = 91 * unitsPerDegree;
        if (lon != notAvailableLon && Math.abs(lon) > 180 * unitsPerDegree) {
            throw impossible("longitude " + (double) lon / unitsPerDegree + "° is beyond ±180°");
        }
        if (lat != notAvailableLat && Math.abs(lat) > 90 * unitsPerDegree) {
            throw impossible("latitude " + (double) lat / unitsPerDegree + "° is beyond ±90°");
        }
        if (lon == notAvailableLon || lat == notAvailableLat) {
            return new LonLat(null, null);
        }
        return new LonLat((double) lon / unitsPerDegree, (double) lat / unitsPerDegree);
    }

    /** Returns raw speed in 1/10 knot as knots; null for 1023 (not available). 1022 means 102.2 kn or more. */
    static Double speedTenths(int raw) {
        return raw == 1023 ? null : raw / 10.0;
    }

    /** Returns raw course in 1/10 degree as degrees; null for 3600 (not available); rejects 3601 and above. */
    static Double courseTenths(int raw) {
        if (raw == 3600) {
            return null;
        }
        if (raw > 3600) {
            throw impossible("course " + raw / 10.0 + "° is beyond 359.9°");
        }
        return raw / 10.0;
    }

    /** Returns a raw whole-degree course or heading; null for 511 (not available); rejects 360 to 510. */
    static Integer wholeDegrees(int raw, String name) {
        if (raw == 511) {
            return null;
        }
        if (raw >= 360) {
            throw impossible(name + " " + raw + "° is beyond 359°");
        }
        return raw;
    }

    /** Returns a long-range (type 27) speed in knots; null for 63 (not available). 62 means 62 kn or more. */
    static Double longRangeSpeed(int raw) {
        return raw == 63 ? null : (double) raw;
    }

    /** Returns the UTC second of a fix; null for 60 to 63 (not available, manual, dead reckoning, inoperative). */
    static Integer second(int raw) {
        return raw < 60 ? raw : null;
    }

    /** Returns the navigational status; null for 15 ("not defined", the default). */
    static Integer navStatus(int raw) {
        return raw == 15 ? null : raw;
    }

    private static AisFormatException impossible(String detail) {
        return new AisFormatException(IMPOSSIBLE_VALUE, detail);
    }
}
