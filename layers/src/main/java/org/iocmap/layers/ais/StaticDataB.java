package org.iocmap.layers.ais;

/**
 * Holds one part of a class B vessel's static data report (message type 24). Part A carries only the name; part B
 * carries the rest. The two parts arrive as separate messages and are not joined here: a part's absent fields are
 * null. Text fields have their '@' padding and trailing spaces removed and are null when nothing is left.
 *
 * @param repeat the repeat indicator, 0 to 3
 * @param mmsi the sender's MMSI
 * @param part which part this is
 * @param name the vessel name (part A)
 * @param shipType ship and cargo type (part B); null when not available (0)
 * @param vendorId the manufacturer's three-character id (part B)
 * @param unitModel the manufacturer's unit model code, 0 to 15 (part B)
 * @param serialNumber the unit serial number (part B)
 * @param callSign the radio call sign (part B)
 * @param dimensions size from the position reference (part B); null for an auxiliary craft (MMSI 98MIDxxxx), which
 *     sends its mothership's MMSI in those bits instead
 * @param mothershipMmsi the mothership's MMSI (part B of an auxiliary craft only)
 */
public record StaticDataB(
        int repeat,
        int mmsi,
        Part part,
        String name,
        Integer shipType,
        String vendorId,
        Integer unitModel,
        Integer serialNumber,
        String callSign,
        ShipDimensions dimensions,
        Integer mothershipMmsi)
        implements AisMessage {
    /** Names the two parts of a type 24 report. */
    public enum Part {
        A,
        B
    }

    @Override
    public int type() {
        return 24;
    }
}
