package org.iocmap.layers.ais;

import java.util.OptionalDouble;

/**
 * Holds a vessel's position report: class A (types 1, 2, 3), class B (18, and the position part of 19) or long-range
 * (27). Coordinates are EPSG:4326 degrees; a field is null when the sender marked it "not available" or the message
 * type does not carry it.
 *
 * @param type 1, 2, 3, 18, 19 or 27
 * @param repeat the repeat indicator, 0 to 3
 * @param mmsi the sender's MMSI
 * @param lon longitude in degrees, east positive; null (with {@code lat}) when either is not available
 * @param lat latitude in degrees, north positive; null (with {@code lon}) when either is not available
 * @param sogKnots speed over ground; 102.2 means 102.2 kn or more (type 27: whole knots, 62 or more)
 * @param cogDegrees course over ground, 0 to 359.9 (type 27: whole degrees)
 * @param headingDegrees true heading, 0 to 359; null for type 27
 * @param navStatus navigational status 0 to 14 (0 under way using engine, 1 at anchor, 5 moored, 7 fishing...);
 *     null for class B and when 15 ("not defined")
 * @param rateOfTurn the transmitted rate-of-turn indicator, -127 to 127 (see {@link #findRateOfTurnDegreesPerMinute});
 *     null when not available and for types 18, 19 and 27
 * @param second the UTC second of the fix, 0 to 59; null when not available, manual, dead reckoning or inoperative
 * @param positionAccuracy true for an accuracy better than 10 m (DGNSS), false for worse or unknown
 * @param raim true when RAIM (receiver autonomous integrity monitoring) is in use
 * @param maneuver special manoeuvre indicator for types 1 to 3: 1 none, 2 engaged in a special manoeuvre; null when
 *     not available and for other types
 */
public record PositionReport(
        int type,
        int repeat,
        int mmsi,
        Double lon,
        Double lat,
        Double sogKnots,
        Double cogDegrees,
        Integer headingDegrees,
        Integer navStatus,
        Integer rateOfTurn,
        Integer second,
        boolean positionAccuracy,
        boolean raim,
        Integer maneuver)
        implements AisMessage {
    public PositionReport {
        if ((lon == null) != (lat == null)) {
            throw new IllegalArgumentException(
                    "lon and lat must both be given or both be null, were " + lon + ", " + lat);
        }
    }

    /** Tests whether the report carries a position. */
    public boolean hasPosition() {
        return lon != null;
    }

    /**
     * Returns the rate of turn in degrees per minute, positive when turning right (to starboard), from the indicator
     * {@code 4.733 * sqrt(degrees per minute)}. Empty when not available, and for ±127, which says only that the vessel
     * turns faster than 5° per 30 s without a turn indicator.
     */
    public OptionalDouble findRateOfTurnDegreesPerMinute() {
        if (rateOfTurn == null || Math.abs(rateOfTurn) == 127) {
            return OptionalDouble.empty();
        }
        double root = rateOfTurn / 4.733;
        return OptionalDouble.of(Math.signum(root) * root * root);
    }
}
