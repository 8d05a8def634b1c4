package org.iocmap.layers.ais;

/**
 * Holds an extended class B report (message type 19): a position report and static data in one message. Text fields
 * have their '@' padding and trailing spaces removed and are null when nothing is left.
 *
 * @param position the position part, with type 19
 * @param name the vessel name
 * @param shipType ship and cargo type; null when not available (0)
 * @param dimensions size from the position reference
 * @param epfd position fixing device, 1 to 15; null when undefined (0)
 * @param dataTerminalReady true when the data terminal is ready (DTE bit 0)
 * @param assigned true when the station works in assigned mode
 */
public record ExtendedClassBReport(
        PositionReport position,
        String name,
        Integer shipType,
        ShipDimensions dimensions,
        Integer epfd,
        boolean dataTerminalReady,
        boolean assigned)
        implements AisMessage {
    @Override
    public int type() {
        return position.type();
    }

    @Override
    public int repeat() {
        return position.repeat();
    }

    @Override
    public int mmsi() {
        return position.mmsi();
    }
}
