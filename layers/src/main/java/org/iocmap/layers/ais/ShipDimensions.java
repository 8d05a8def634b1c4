package org.iocmap.layers.ais;

import java.util.OptionalInt;

/**
 * Holds a vessel's size as the distances in metres from its position reference (the GNSS antenna) to bow, stern, port
 * and starboard. Zero means "not available"; 511 (bow, stern) and 63 (port, starboard) mean that value or more.
 */
public record ShipDimensions(int toBowMetres, int toSternMetres, int toPortMetres, int toStarboardMetres) {
    /** Returns the overall length, bow plus stern; empty when both are zero (not available). */
    public OptionalInt findLengthMetres() {
        int length = toBowMetres + toSternMetres;
        return length == 0 ? OptionalInt.empty() : OptionalInt.of(length);
    }

    /** Returns the beam, port plus starboard; empty when both are zero (not available). */
    public OptionalInt findBeamMetres() {
        int beam = toPortMetres + toStarboardMetres;
        return beam == 0 ? OptionalInt.empty() : OptionalInt.of(beam);
    }
}
