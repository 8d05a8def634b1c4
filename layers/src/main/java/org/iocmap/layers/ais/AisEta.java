package org.iocmap.layers.ais;

/**
 * Holds an estimated time of arrival as AIS sends it: UTC month, day, hour and minute, without a year.
 *
 * @param month 1 to 12
 * @param day 1 to 31
 * @param hour 0 to 23; null when not available
 * @param minute 0 to 59; null when not available
 */
public record AisEta(int month, int day, Integer hour, Integer minute) {
    public AisEta {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw new IllegalArgumentException("month and day must be 1-12 and 1-31, were " + month + ", " + day);
        }
        if (hour != null && (hour < 0 || hour > 23) || minute != null && (minute < 0 || minute > 59)) {
            throw new IllegalArgumentException("hour and minute must be 0-23 and 0-59, were " + hour + ", " + minute);
        }
    }
}
