package org.iocmap.service.geofence;

import java.util.EnumSet;
import java.util.Set;

/**
 * Groups vessels the way fence rules select them. A vessel's class comes from the registry or, failing that, from the
 * ship and cargo type of its AIS static data ({@link #fromAisShipType(Integer)}).
 */
public enum VesselClass {
    FISHING,
    CARGO,
    TANKER,
    PASSENGER,
    /** Tugs and vessels towing. */
    TUG,
    /** Sailing and pleasure craft. */
    PLEASURE,
    /** Military, law enforcement, search and rescue, pilot and port tender vessels. */
    GOVERNMENT,
    /** A known type that fits none of the other classes (dredgers, diving, high-speed craft, others). */
    OTHER,
    /** Nothing is known about the vessel. */
    UNKNOWN;

    /** Returns every class, {@link #UNKNOWN} included: a fence that applies to any vessel. */
    public static Set<VesselClass> any() {
        return EnumSet.allOf(VesselClass.class);
    }

    /**
     * Returns the class of an AIS ship and cargo type (ITU-R M.1371, table 53): 30 fishing, 31, 32 and 52 tug, 35,
     * 50, 51, 53 and 55 government, 36 and 37 pleasure, 60-69 passenger, 70-79 cargo, 80-89 tanker; any other type
     * from 1 to 99 is {@link #OTHER}, and null, 0 or a value beyond 99 is {@link #UNKNOWN}.
     */
    public static VesselClass fromAisShipType(Integer shipType) {
        if (shipType == null || shipType <= 0 || shipType > 99) {
            return UNKNOWN;
        }
        int t = shipType;
        if (t == 30) {
            return FISHING;
        }
        if (t == 31 || t == 32 || t == 52) {
            return TUG;
        }
        if (t == 35 || t == 50 || t == 51 || t == 53 || t == 55) {
            return GOVERNMENT;
        }
        if (t == 36 || t == 37) {
            return PLEASURE;
        }
        if (t >= 60 && t <= 69) {
            return PASSENGER;
        }
        if (t >= 70 && t <= 79) {
            return CARGO;
        }
        if (t >= 80 && t <= 89) {
            return TANKER;
        }
        return OTHER;
    }
}
