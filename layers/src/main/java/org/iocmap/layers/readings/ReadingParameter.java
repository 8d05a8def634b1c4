package org.iocmap.layers.readings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the parameters the stations measure, with their unit, the station type that measures them, the range a real
 * reading can take and the thresholds of the Vietnamese standards:
 *
 * <ul>
 *   <li>PM2.5 (hourly, µg/m³) and VN_AQI: the band boundaries of Decision 1459/QĐ-TCMT (2019); from the band
 *       <em>kém</em> (poor: PM2.5 above 50 µg/m³, VN_AQI above 100) a reading opens an alert.
 *   <li>pH and dissolved oxygen of surface water: QCVN 08:2023/BTNMT, class B (pH 6.0–8.5, DO at least 5.0 mg/L).
 *   <li>LAeq: QCVN 26:2010/BTNMT, 70 dBA for ordinary areas from 6 to 21 h.
 * </ul>
 */
public enum ReadingParameter {
    PM2_5(
            "PM2.5",
            "µg/m3",
            "air",
            0,
            1_000,
            List.of("pm2.5", "pm2_5", "pm25"),
            List.of("µg/m3", "ug/m3", "µg/m³", "ug/m³", "μg/m3", "μg/m³"),
            aqiBands(new double[] {25, 50, 80, 150, 250}, "VN_AQI, Quyết định 1459/QĐ-TCMT (nồng độ PM2.5 1 giờ)")),
    VN_AQI(
            "VN_AQI",
            "AQI",
            "air",
            0,
            500,
            List.of("vn_aqi", "aqi", "vnaqi"),
            List.of("aqi"),
            aqiBands(new double[] {50, 100, 150, 200, 300}, "VN_AQI, Quyết định 1459/QĐ-TCMT")),
    PH(
            "pH",
            "pH",
            "water",
            0,
            14,
            List.of("ph"),
            List.of("ph", ""),
            List.of(
                    new Threshold(
                            6.0,
                            Threshold.Direction.BELOW,
                            "limit",
                            "Dưới giới hạn QCVN (6,0)",
                            "Below the QCVN limit (6.0)",
                            true,
                            "QCVN 08:2023/BTNMT, mức B"),
                    new Threshold(
                            8.5,
                            Threshold.Direction.ABOVE,
                            "limit",
                            "Vượt giới hạn QCVN (8,5)",
                            "Above the QCVN limit (8.5)",
                            true,
                            "QCVN 08:2023/BTNMT, mức B"))),
    DO(
            "DO",
            "mg/L",
            "water",
            0,
            20,
            List.of("do", "dissolved_oxygen"),
            List.of("mg/l"),
            List.of(new Threshold(
                    5.0,
                    Threshold.Direction.BELOW,
                    "limit",
                    "Dưới giới hạn QCVN (5,0 mg/L)",
                    "Below the QCVN limit (5.0 mg/L)",
                    true,
                    "QCVN 08:2023/BTNMT, mức B"))),
    LAEQ(
            "LAeq",
            "dBA",
            "noise",
            0,
            150,
            List.of("laeq"),
            List.of("dba", "db(a)", "db"),
            List.of(new Threshold(
                    70,
                    Threshold.Direction.ABOVE,
                    "limit",
                    "Vượt giới hạn QCVN (70 dBA)",
                    "Above the QCVN limit (70 dBA)",
                    true,
                    "QCVN 26:2010/BTNMT, khu vực thông thường, 6–21 giờ")));

    private final String stored;
    private final String unit;
    private final String stationType;
    private final double min;
    private final double max;
    private final List<String> names;
    private final List<String> units;
    private final List<Threshold> thresholds;

    ReadingParameter(
            String stored,
            String unit,
            String stationType,
            double min,
            double max,
            List<String> names,
            List<String> units,
            List<Threshold> thresholds) {
        this.stored = stored;
        this.unit = unit;
        this.stationType = stationType;
        this.min = min;
        this.max = max;
        this.names = names;
        this.units = units;
        this.thresholds = thresholds;
    }

    private static List<Threshold> aqiBands(double[] bounds, String standard) {
        String[][] labels = {
            {"moderate", "Trung bình", "Moderate"},
            {"poor", "Kém", "Poor"},
            {"bad", "Xấu", "Bad"},
            {"very_bad", "Rất xấu", "Very bad"},
            {"hazardous", "Nguy hại", "Hazardous"}
        };
        Threshold[] lines = new Threshold[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            lines[i] = new Threshold(
                    bounds[i], Threshold.Direction.ABOVE, labels[i][0], labels[i][1], labels[i][2], i >= 1, standard);
        }
        return List.of(lines);
    }

    /** Returns the name readings are stored under ({@code PM2.5}, {@code VN_AQI}, {@code pH}, {@code DO}, …). */
    public String stored() {
        return stored;
    }

    /** Returns the unit readings are stored in. */
    public String unit() {
        return unit;
    }

    /** Returns the station type that measures the parameter: {@code air}, {@code water} or {@code noise}. */
    public String stationType() {
        return stationType;
    }

    /** Returns the lowest value a real reading can take. */
    public double min() {
        return min;
    }

    /** Returns the highest value a real reading can take. */
    public double max() {
        return max;
    }

    /** Returns the chart lines, lowest first. */
    public List<Threshold> thresholds() {
        return thresholds;
    }

    /** Tests whether {@code unit} names this parameter's unit (case-insensitive; µg/m3 also as ug/m3, µg/m³). */
    public boolean acceptsUnit(String given) {
        return units.contains(given.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the alerting line the value lies beyond (on a band scale the highest band reached); empty when it
     * breaches none.
     */
    public Optional<Threshold> breached(double value) {
        Threshold worst = null;
        for (Threshold t : thresholds) {
            if (t.alert() && t.isBeyond(value)) {
                worst = t;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** Finds a parameter by its stored name or an alias (case-insensitive: {@code PM2_5}, {@code pm2.5}, …). */
    public static Optional<ReadingParameter> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (ReadingParameter p : values()) {
            if (p.names.contains(key) || p.stored.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Returns the parameter a station type shows on the map: PM2.5 for air, DO for water, LAeq for noise. */
    public static Optional<ReadingParameter> mainOf(String stationType) {
        return switch (stationType) {
            case "air" -> Optional.of(PM2_5);
            case "water" -> Optional.of(DO);
            case "noise" -> Optional.of(LAEQ);
            default -> Optional.empty();
        };
    }
}
