package org.iocmap.layers.demo;

/**
 * Computes Vietnam's air quality index (VN_AQI) for PM2.5, with the breakpoints of Decision 1459/QĐ-TCMT (2019).
 *
 * <p>The full index is the highest of the sub-indices of every measured pollutant; the demo stations measure only
 * PM2.5, so their index is its sub-index.
 */
public final class VnAqi {
    /** Concentration breakpoints, µg/m³ (hourly PM2.5), matching {@link #INDEX}. */
    private static final double[] PM25 = {0, 25, 50, 80, 150, 250, 350, 500};

    private static final double[] INDEX = {0, 50, 100, 150, 200, 300, 400, 500};

    private VnAqi() {}

    /** Returns the PM2.5 sub-index for a NowCast concentration in µg/m³; 500 and above is reported as 500. */
    public static int ofPm25(double concentration) {
        if (concentration >= PM25[PM25.length - 1]) {
            return 500;
        }
        int i = 1;
        while (concentration > PM25[i]) {
            i++;
        }
        double index = INDEX[i - 1]
                + (INDEX[i] - INDEX[i - 1]) / (PM25[i] - PM25[i - 1]) * (Math.max(0, concentration) - PM25[i - 1]);
        return (int) Math.round(index);
    }
}
