package org.iocmap.layers.readings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the NowCast PM2.5 concentration that VN_AQI is taken from (Decision 1459/QĐ-TCMT, 2019): the hourly means of
 * the last 12 hours weighted w^i, i hours ago, with w = min/max of those means and at least 0.5. Hours without a
 * reading are left out.
 */
public final class NowCast {
    private NowCast() {}

    /**
     * Returns the NowCast concentration at {@code at} from readings (time → µg/m³) of the 12 hours up to it; readings
     * outside the window are ignored. Empty input gives NaN.
     */
    public static double at(Instant at, Map<Instant, Double> readings) {
        Map<Long, double[]> hours = new TreeMap<>(); // hours ago -> {sum, count}
        for (Map.Entry<Instant, Double> e : readings.entrySet()) {
            if (e.getKey().isAfter(at)) {
                continue;
            }
            long ago = Duration.between(e.getKey(), at).toHours();
            if (ago < 12) {
                double[] s = hours.computeIfAbsent(ago, k -> new double[2]);
                s[0] += e.getValue();
                s[1]++;
            }
        }
        if (hours.isEmpty()) {
            return Double.NaN;
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double[] s : hours.values()) {
            double mean = s[0] / s[1];
            min = Math.min(min, mean);
            max = Math.max(max, mean);
        }
        double w = max <= 0 ? 1 : Math.max(0.5, min / max);
        double sum = 0;
        double weights = 0;
        for (Map.Entry<Long, double[]> e : hours.entrySet()) {
            double wi = Math.pow(w, e.getKey());
            sum += wi * e.getValue()[0] / e.getValue()[1];
            weights += wi;
        }
        return sum / weights;
    }
}
