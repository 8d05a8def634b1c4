package org.iocmap.layers.ais;

/**
 * Holds a class A vessel's static and voyage data (message type 5). Text fields have their '@' padding and trailing
 * spaces removed and are null when nothing is left.
 *
 * @param repeat the repeat indicator, 0 to 3
 * @param mmsi the sender's MMSI
 * @param aisVersion 0 for ITU-R M.1371-1, 1 to 3 for later editions
 * @param imo the IMO ship number; null when not available (0)
 * @param callSign the radio call sign
 * @param name the vessel name
 * @param shipType ship and cargo type, 1 to 255 (30 fishing, 52 tug, 60-69 passenger, 70-79 cargo, 80-89 tanker);
 *     null when not available (0)
 * @param dimensions size from the position reference
 * @param epfd position fixing device, 1 to 15 (1 GPS, 15 internal GNSS); null when undefined (0)
 * @param eta estimated time of arrival; null when its month or day is not available or out of range (transponders
 *     often carry junk there, and the rest of the record is still worth keeping)
 * @param draughtMetres maximum present static draught; null when not available (0)
 * @param destination the destination as typed by the crew
 * @param dataTerminalReady true when the data terminal is ready (DTE bit 0)
 */
public record StaticData(
        int repeat,
        int mmsi,
        int aisVersion,
        Integer imo,
        String callSign,
        String name,
        Integer shipType,
        ShipDimensions dimensions,
        Integer epfd,
        AisEta eta,
        Double draughtMetres,
        String destination,
        boolean dataTerminalReady)
        implements AisMessage {
    @Override
    public int type() {
        return 5;
    }
}
