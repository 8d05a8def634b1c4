package org.iocmap.layers.ais;

import java.util.Optional;

/**
 * Holds one decoded AIS message. Fields whose transmitted value means "not available" are null, never a sentinel such
 * as longitude 181 or speed 102.3 kn, so that no such value can be mistaken for a real position or speed.
 */
public sealed interface AisMessage permits PositionReport, StaticData, StaticDataB, ExtendedClassBReport {
    /** Returns the AIS message type: 1, 2, 3, 5, 18, 19, 24 or 27. */
    int type();

    /** Returns the repeat indicator: 0 for a first transmission, 1 to 3 for repeats by a repeater station. */
    int repeat();

    /** Returns the sender's MMSI (Maritime Mobile Service Identity), at most nine digits. */
    int mmsi();

    /** Returns the position report in this message; empty for static data. */
    default Optional<PositionReport> findPosition() {
        return switch (this) {
            case PositionReport p -> Optional.of(p);
            case ExtendedClassBReport e -> Optional.of(e.position());
            case StaticData s -> Optional.empty();
            case StaticDataB s -> Optional.empty();
        };
    }

    /** Returns the flag state from the MMSI as an ISO 3166 alpha-2 code; empty when unknown. See {@link MmsiFlags}. */
    default Optional<String> findFlag() {
        return MmsiFlags.findCountry(mmsi());
    }
}
