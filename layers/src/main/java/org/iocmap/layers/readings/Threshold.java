package org.iocmap.layers.readings;

/**
 * Describes one line on a parameter's chart: a band boundary of VN_AQI or a limit of a QCVN standard.
 *
 * @param value the boundary, in the parameter's unit
 * @param direction whether values above or below it are in the band or breach the limit
 * @param level a stable code of the band or limit ({@code moderate}, {@code poor}, … or {@code limit})
 * @param labelVi the Vietnamese label
 * @param labelEn the English label
 * @param alert whether a reading beyond this line opens an alert
 * @param standard the standard the value comes from
 */
public record Threshold(
        double value,
        Direction direction,
        String level,
        String labelVi,
        String labelEn,
        boolean alert,
        String standard) {

    /** Names the side of the line that is beyond it. */
    public enum Direction {
        ABOVE,
        BELOW
    }

    /** Tests whether {@code v} lies beyond the line: strictly above for ABOVE, strictly below for BELOW. */
    public boolean isBeyond(double v) {
        return direction == Direction.ABOVE ? v > value : v < value;
    }
}
