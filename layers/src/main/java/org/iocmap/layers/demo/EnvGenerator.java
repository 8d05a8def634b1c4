package org.iocmap.layers.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iocmap.layers.kinds.EnvReading;
import org.iocmap.layers.kinds.EnvStation;
import org.locationtech.jts.geom.Point;

/**
 * Generates the environmental monitoring network and 30 days of hourly readings: PM2.5 and VN_AQI at air stations, pH
 * and dissolved oxygen at water stations, LAeq at noise stations.
 *
 * <p>Values follow the daily rhythm of each quantity (traffic peaks for PM2.5 and noise, afternoon photosynthesis for
 * pH and DO) on top of a day-to-day weather factor shared by the whole province, plus noise.
 */
final class EnvGenerator {
    static final int DAYS = 30;
    static final int HOURS = DAYS * 24;

    /** Kinds of site, which set the base level of the readings. */
    enum Site {
        CITY,
        INDUSTRIAL,
        TOWN,
        RURAL,
        RIVER,
        LAKE,
        LAGOON
    }

    /** Describes a station: approximate position, scattered a little and kept on land. */
    record StationSpec(String code, String name, String type, Site site, Town town, double lon, double lat) {}

    /** Holds a station with its readings, oldest first; readings get their station id once the station has one. */
    record Series(EnvStation station, List<EnvReading> readings) {}

    static final List<StationSpec> STATIONS = List.of(
            air(1, "Lê Thánh Tôn", Site.CITY, Town.NHA_TRANG, 109.1925, 12.2455),
            air(2, "Vĩnh Phước", Site.CITY, Town.NHA_TRANG, 109.1935, 12.2700),
            air(3, "Phước Hải", Site.CITY, Town.NHA_TRANG, 109.1830, 12.2290),
            air(4, "Vĩnh Nguyên", Site.CITY, Town.NHA_TRANG, 109.2030, 12.2150),
            air(5, "Ngọc Hiệp", Site.CITY, Town.NHA_TRANG, 109.1720, 12.2620),
            air(6, "Vĩnh Hòa", Site.CITY, Town.NHA_TRANG, 109.2000, 12.2950),
            air(7, "Quảng trường 2 Tháng 4", Site.CITY, Town.NHA_TRANG, 109.1965, 12.2420),
            air(8, "Ba Ngòi", Site.TOWN, Town.CAM_RANH, 109.1410, 11.9050),
            air(9, "Cam Nghĩa", Site.TOWN, Town.CAM_RANH, 109.1700, 11.9650),
            air(10, "Khu công nghiệp Nam Cam Ranh", Site.INDUSTRIAL, Town.CAM_RANH, 109.1050, 11.8720),
            air(11, "Khu công nghiệp Suối Dầu", Site.INDUSTRIAL, Town.CAM_DUC, 109.1050, 12.1180),
            air(12, "Khu công nghiệp Ninh Thủy", Site.INDUSTRIAL, Town.NINH_HOA, 109.2150, 12.5200),
            air(13, "Ninh Hiệp", Site.TOWN, Town.NINH_HOA, 109.1250, 12.4900),
            air(14, "Vạn Giã", Site.TOWN, Town.VAN_GIA, 109.2230, 12.6950),
            air(15, "Diên Khánh", Site.TOWN, Town.DIEN_KHANH, 109.0950, 12.2500),
            air(16, "Cam Đức", Site.TOWN, Town.CAM_DUC, 109.1620, 12.0300),
            air(17, "Khánh Vĩnh", Site.RURAL, Town.KHANH_VINH, 108.8980, 12.2730),
            air(18, "Tô Hạp", Site.RURAL, Town.TO_HAP, 108.9330, 12.0180),
            water(1, "sông Cái – cầu Xóm Bóng", Site.RIVER, Town.NHA_TRANG, 109.1920, 12.2650),
            water(2, "sông Cái – đập Đồng Trăng", Site.RIVER, Town.DIEN_KHANH, 109.0400, 12.2700),
            water(3, "sông Dinh – Ninh Hòa", Site.RIVER, Town.NINH_HOA, 109.1300, 12.4800),
            water(4, "hồ Đá Bàn", Site.LAKE, Town.NINH_HOA, 109.0600, 12.6150),
            water(5, "hồ Suối Dầu", Site.LAKE, Town.CAM_DUC, 109.0750, 12.1050),
            water(6, "đầm Nha Phu", Site.LAGOON, Town.NINH_HOA, 109.1850, 12.4000),
            water(7, "vịnh Cam Ranh – Đá Bạc", Site.LAGOON, Town.CAM_RANH, 109.1660, 11.9500),
            water(8, "sông Tô Hạp", Site.RIVER, Town.TO_HAP, 108.9300, 12.0100),
            noise(1, "ngã sáu Nha Trang", Town.NHA_TRANG, 109.1880, 12.2470),
            noise(2, "bến xe phía Nam", Town.NHA_TRANG, 109.1680, 12.2450),
            noise(3, "Quốc lộ 1A – Ninh Hòa", Town.NINH_HOA, 109.1280, 12.4950),
            noise(4, "Đại lộ Nguyễn Tất Thành – Cam Ranh", Town.CAM_RANH, 109.1800, 11.9800));

    private EnvGenerator() {}

    private static StationSpec air(int n, String place, Site site, Town town, double lon, double lat) {
        return new StationSpec(code("KK", n), "Trạm quan trắc không khí tự động " + place, "air", site, town, lon, lat);
    }

    private static StationSpec water(int n, String place, Site site, Town town, double lon, double lat) {
        return new StationSpec(code("NM", n), "Trạm quan trắc nước mặt " + place, "water", site, town, lon, lat);
    }

    private static StationSpec noise(int n, String place, Town town, double lon, double lat) {
        return new StationSpec(code("TO", n), "Trạm quan trắc tiếng ồn " + place, "noise", Site.CITY, town, lon, lat);
    }

    private static String code(String kind, int n) {
        return String.format(Locale.ROOT, "KH-%s-%02d", kind, n); // KK không khí, NM nước mặt, TO tiếng ồn
    }

    /** Creates the stations with hourly readings at anchor − 720 h … anchor − 1 h. */
    static List<Series> generate(DemoGeography geo, Instant anchor) {
        Dice dice = new Dice(DemoData.SEED, "env");
        double[] weather = weather(new Dice(DemoData.SEED, "weather"));
        Instant first = anchor.minus(Duration.ofHours(HOURS));
        List<Series> result = new ArrayList<>(STATIONS.size());
        for (StationSpec spec : STATIONS) {
            Point location = geo.scatter(dice, spec.lon(), spec.lat(), 150, geo::isOnLand);
            List<EnvReading> readings = new ArrayList<>();
            Latest latest =
                    switch (spec.type()) {
                        case "air" -> air(dice, spec.site(), weather, first, readings);
                        case "water" -> water(dice, spec.site(), weather, first, readings);
                        default -> noise(dice, first, readings);
                    };
            EnvStation station = new EnvStation(
                    spec.code(),
                    spec.name(),
                    spec.type(),
                    spec.town().district(),
                    latest.at(),
                    latest.parameter(),
                    latest.value(),
                    latest.unit(),
                    latest.aqi(),
                    location);
            result.add(new Series(station, readings));
        }
        return result;
    }

    /** Returns one weather factor per day around 1: an AR(1) process in log space, humid clean days to hazy ones. */
    private static double[] weather(Dice dice) {
        double[] factor = new double[DAYS + 1];
        double log = 0;
        for (int d = 0; d < factor.length; d++) {
            log = 0.7 * log + 0.22 * dice.gaussian();
            factor[d] = StrictMath.exp(log);
        }
        return factor;
    }

    private static Latest air(Dice dice, Site site, double[] weather, Instant first, List<EnvReading> out) {
        double base =
                switch (site) {
                    // A breezy coastal province: mostly "good" (VN_AQI under 50), "moderate" at rush hours and near
                    // the industrial parks.
                    case CITY -> dice.uniform(15, 20);
                    case INDUSTRIAL -> dice.uniform(20, 27);
                    case TOWN -> dice.uniform(11, 15);
                    default -> dice.uniform(7, 10);
                };
        double[] pm = new double[HOURS];
        double local = 0;
        Latest latest = null;
        for (int h = 0; h < HOURS; h++) {
            Instant at = first.plus(Duration.ofHours(h));
            if (h % 24 == 0) {
                local = 0.6 * local + 0.15 * dice.gaussian(); // the station's own day-to-day wander
            }
            double hour = localHour(h);
            // Morning and evening traffic peaks, a dip in the windy early afternoon.
            double diurnal = 1 + 0.35 * bump(hour, 7.5, 2) + 0.45 * bump(hour, 19.5, 2.5) - 0.25 * bump(hour, 14, 2.8);
            double value = base * weather[h / 24] * StrictMath.exp(local + 0.12 * dice.gaussian()) * diurnal;
            pm[h] = StrictMath.max(2, round1(value));
            int aqi = VnAqi.ofPm25(nowCast(pm, h));
            out.add(new EnvReading(null, at, "PM2.5", pm[h], "µg/m3"));
            out.add(new EnvReading(null, at, "VN_AQI", aqi, "AQI"));
            latest = new Latest(at, "PM2.5", pm[h], "µg/m3", aqi);
        }
        return latest;
    }

    private static Latest water(Dice dice, Site site, double[] weather, Instant first, List<EnvReading> out) {
        double ph =
                switch (site) {
                    case LAGOON -> dice.uniform(7.8, 8.1); // brackish, closer to sea water
                    case LAKE -> dice.uniform(7.2, 7.6);
                    default -> dice.uniform(6.9, 7.4);
                };
        double oxygen =
                switch (site) {
                    case LAKE -> dice.uniform(6.8, 7.4);
                    case LAGOON -> dice.uniform(5.6, 6.2);
                    default -> dice.uniform(6.0, 6.8);
                };
        Latest latest = null;
        for (int h = 0; h < HOURS; h++) {
            Instant at = first.plus(Duration.ofHours(h));
            // Photosynthesis lifts pH and DO through the day to a peak mid-afternoon; respiration lowers them by dawn.
            double cycle = StrictMath.cos(2 * StrictMath.PI * (localHour(h) - 15) / 24);
            double cloud = 1 / weather[h / 24]; // hazy days are also dull days with less photosynthesis
            double phValue = round2(ph + 0.15 * cycle * cloud + 0.04 * dice.gaussian());
            double doValue = round2(StrictMath.max(2, oxygen + 0.9 * cycle * cloud + 0.15 * dice.gaussian()));
            out.add(new EnvReading(null, at, "pH", phValue, "pH"));
            out.add(new EnvReading(null, at, "DO", doValue, "mg/L"));
            latest = new Latest(at, "DO", doValue, "mg/L", null);
        }
        return latest;
    }

    private static Latest noise(Dice dice, Instant first, List<EnvReading> out) {
        double base = dice.uniform(56, 60);
        Latest latest = null;
        for (int h = 0; h < HOURS; h++) {
            Instant at = first.plus(Duration.ofHours(h));
            double hour = localHour(h);
            double day = hour >= 6 && hour < 22 ? 10 : 0; // daytime traffic
            double rush = 3 * bump(hour, 7.5, 1.2) + 3.5 * bump(hour, 17.5, 1.5);
            double value = round1(base + day + rush + 1.5 * dice.gaussian());
            out.add(new EnvReading(null, at, "LAeq", value, "dBA"));
            latest = new Latest(at, "LAeq", value, "dBA", null);
        }
        return latest;
    }

    /**
     * Returns the NowCast concentration at hour {@code h} from the last 12 hourly values, as Vietnam's VN_AQI method
     * (Decision 1459/QĐ-TCMT, 2019) prescribes for PM2.5: weights w^i with w = min/max of the window, at least 0.5.
     * The first hours of the series use the hours that exist.
     */
    static double nowCast(double[] values, int h) {
        int from = Math.max(0, h - 11);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = from; i <= h; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        double w = Math.max(0.5, min / max);
        double sum = 0;
        double weights = 0;
        double wi = 1;
        for (int i = h; i >= from; i--) {
            sum += wi * values[i];
            weights += wi;
            wi *= w;
        }
        return sum / weights;
    }

    private static double localHour(int h) {
        return (h + 7) % 24; // the series starts at 00:00 UTC, which is 07:00 in Vietnam
    }

    private static double bump(double hour, double centre, double width) {
        double d = hour - centre;
        return StrictMath.exp(-d * d / (2 * width * width));
    }

    private static double round1(double v) {
        return StrictMath.rint(v * 10) / 10;
    }

    private static double round2(double v) {
        return StrictMath.rint(v * 100) / 100;
    }

    private record Latest(Instant at, String parameter, double value, String unit, Integer aqi) {}
}
