package org.iocmap.layers.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iocmap.layers.kinds.FireAlarmDevice;
import org.iocmap.layers.kinds.FireAlarmEvent;
import org.locationtech.jts.geom.Point;

/**
 * Generates fire-alarm devices in buildings of the towns, each with its events of the last 90 days.
 *
 * <p>A device's status follows its latest event: {@code normal} after a RESTORE, {@code alarm} after an ALARM, and
 * {@code fault} or {@code offline} after a FAULT (the panel reports a device that stopped answering as a fault; the
 * centre marks it offline).
 */
final class FireAlarmGenerator {
    static final int COUNT = 500;
    static final int DAYS = 90;

    /** Kinds of building, with their number of devices and floors. */
    enum Kind {
        HOTEL(4, 8, 25),
        APARTMENTS(4, 8, 25),
        SCHOOL(2, 4, 4),
        MARKET(3, 6, 3),
        HOSPITAL(4, 8, 9),
        MALL(4, 8, 6),
        FACTORY(2, 5, 2);

        final int minDevices;
        final int maxDevices;
        final int floors;

        Kind(int minDevices, int maxDevices, int floors) {
            this.minDevices = minDevices;
            this.maxDevices = maxDevices;
            this.floors = floors;
        }
    }

    /**
     * Describes a building; {@code lon}/{@code lat} are NaN for "somewhere in the town", and {@code address} null for
     * "a street address in the town".
     */
    record Building(Kind kind, String name, Town town, double lon, double lat, String address) {}

    /** Holds a device with its events, oldest first; events get the device id once the device has one. */
    record History(FireAlarmDevice device, List<FireAlarmEvent> events) {}

    private static final Weighted<String> DETECTORS =
            Weighted.of("smoke_detector", 60, "heat_detector", 20, "manual_call_point", 20);

    private static final Weighted<String> STATUSES = Weighted.of("normal", 88, "fault", 6, "offline", 4, "alarm", 2);

    private FireAlarmGenerator() {}

    /** Lists the buildings, Nha Trang first; the names are made up except for public places. */
    static List<Building> buildings() {
        List<Building> b = new ArrayList<>();
        for (String name : List.of(
                "Hải Âu",
                "Sao Biển",
                "Biển Xanh",
                "Ngọc Lan",
                "Bình Minh",
                "Hướng Dương",
                "Phương Đông",
                "San Hô",
                "Đại Dương",
                "Hải Yến",
                "Mai Vàng",
                "Thiên Hải",
                "Trúc Xanh",
                "Hoàng Yến",
                "Cát Trắng",
                "Sóng Biển",
                "Vịnh Xanh",
                "Ánh Dương",
                "Hòn Tre",
                "Hải Đăng",
                "Thùy Dương",
                "Bạch Dương")) {
            b.add(town(Kind.HOTEL, "Khách sạn " + name, Town.NHA_TRANG));
        }
        for (String name : List.of(
                "Phước Long A",
                "Phước Long B",
                "Vĩnh Phước",
                "Hòn Xện",
                "Vĩnh Trường",
                "Ngọc Hiệp",
                "Phước Hải",
                "Vĩnh Hòa",
                "Vĩnh Điềm Trung CT1",
                "Vĩnh Điềm Trung CT2",
                "Phong Châu",
                "Xương Huân")) {
            b.add(town(Kind.APARTMENTS, "Chung cư " + name, Town.NHA_TRANG));
        }
        for (String name : List.of("Lý Tự Trọng", "Nguyễn Văn Trỗi", "Hoàng Hoa Thám", "Hà Huy Tập", "Lê Quý Đôn")) {
            b.add(town(Kind.SCHOOL, "Trường THPT " + name, Town.NHA_TRANG));
        }
        b.add(town(Kind.HOSPITAL, "Bệnh viện Đa khoa tỉnh Khánh Hòa", Town.NHA_TRANG));
        b.add(town(Kind.HOSPITAL, "Bệnh viện Y học cổ truyền và Phục hồi chức năng", Town.NHA_TRANG));
        b.add(town(Kind.MARKET, "Chợ Đầm", Town.NHA_TRANG));
        b.add(town(Kind.MARKET, "Chợ Xóm Mới", Town.NHA_TRANG));
        b.add(town(Kind.MARKET, "Chợ Vĩnh Hải", Town.NHA_TRANG));
        b.add(town(Kind.MALL, "Trung tâm thương mại Trần Phú", Town.NHA_TRANG));
        b.add(town(Kind.MALL, "Trung tâm thương mại Lê Thánh Tôn", Town.NHA_TRANG));
        b.add(town(Kind.MALL, "Trung tâm thương mại Phước Long", Town.NHA_TRANG));

        b.add(town(Kind.HOTEL, "Khách sạn Ba Ngòi", Town.CAM_RANH));
        b.add(town(Kind.HOTEL, "Khách sạn Cam Ranh Xanh", Town.CAM_RANH));
        b.add(town(Kind.APARTMENTS, "Chung cư Cam Lộc", Town.CAM_RANH));
        b.add(town(Kind.APARTMENTS, "Chung cư Ba Ngòi", Town.CAM_RANH));
        b.add(town(Kind.SCHOOL, "Trường THPT Trần Hưng Đạo", Town.CAM_RANH));
        b.add(town(Kind.SCHOOL, "Trường THPT Phan Bội Châu", Town.CAM_RANH));
        b.add(town(Kind.HOSPITAL, "Bệnh viện Đa khoa khu vực Cam Ranh", Town.CAM_RANH));
        b.add(town(Kind.MARKET, "Chợ Ba Ngòi", Town.CAM_RANH));
        b.add(town(Kind.MALL, "Trung tâm thương mại Cam Ranh", Town.CAM_RANH));
        b.add(park(
                Kind.FACTORY,
                "Nhà máy chế biến thủy sản Nam Cam Ranh",
                Town.CAM_RANH,
                109.105,
                11.872,
                "Khu công nghiệp Nam Cam Ranh, phường Cam Phúc Nam, Cam Ranh"));
        b.add(park(
                Kind.FACTORY,
                "Nhà máy chế biến thủy sản Đá Bạc",
                Town.CAM_RANH,
                109.160,
                11.950,
                "Cảng cá Đá Bạc, phường Cam Phúc Bắc, Cam Ranh"));

        b.add(town(Kind.HOTEL, "Khách sạn Ninh Hòa", Town.NINH_HOA));
        b.add(town(Kind.SCHOOL, "Trường THPT Trần Cao Vân", Town.NINH_HOA));
        b.add(town(Kind.SCHOOL, "Trường THPT Nguyễn Chí Thanh", Town.NINH_HOA));
        b.add(town(Kind.HOSPITAL, "Bệnh viện Đa khoa khu vực Ninh Hòa", Town.NINH_HOA));
        b.add(town(Kind.MARKET, "Chợ Ninh Hòa", Town.NINH_HOA));
        b.add(park(
                Kind.FACTORY,
                "Nhà máy đóng tàu Ninh Thủy",
                Town.NINH_HOA,
                109.215,
                12.520,
                "Khu công nghiệp Ninh Thủy, phường Ninh Thủy, Ninh Hòa"));
        b.add(park(Kind.FACTORY, "Nhà máy chế biến hạt điều Ninh Hòa", Town.NINH_HOA, 109.120, 12.505, null));
        b.add(park(Kind.FACTORY, "Nhà máy đường Ninh Hòa", Town.NINH_HOA, 109.100, 12.480, null));

        b.add(town(Kind.SCHOOL, "Trường THPT Huỳnh Thúc Kháng", Town.VAN_GIA));
        b.add(town(Kind.HOSPITAL, "Bệnh viện Đa khoa huyện Vạn Ninh", Town.VAN_GIA));
        b.add(town(Kind.MARKET, "Chợ Vạn Giã", Town.VAN_GIA));
        b.add(town(Kind.FACTORY, "Nhà máy nước đá Vạn Giã", Town.VAN_GIA));

        b.add(town(Kind.SCHOOL, "Trường THPT Nguyễn Trãi", Town.DIEN_KHANH));
        b.add(town(Kind.MARKET, "Chợ Thành", Town.DIEN_KHANH));
        b.add(town(Kind.FACTORY, "Nhà máy may Diên Khánh", Town.DIEN_KHANH));
        b.add(town(Kind.FACTORY, "Nhà máy gạch Diên Khánh", Town.DIEN_KHANH));

        b.add(town(Kind.SCHOOL, "Trường THPT Trần Bình Trọng", Town.CAM_DUC));
        b.add(town(Kind.MARKET, "Chợ Cam Đức", Town.CAM_DUC));
        b.add(town(Kind.HOTEL, "Khách sạn Bãi Dài", Town.CAM_DUC));
        for (String name : List.of(
                "Nhà máy chế biến thủy sản Suối Dầu",
                "Nhà máy bao bì Suối Dầu",
                "Nhà máy thức ăn chăn nuôi Suối Dầu")) {
            b.add(park(
                    Kind.FACTORY,
                    name,
                    Town.CAM_DUC,
                    109.105,
                    12.118,
                    "Khu công nghiệp Suối Dầu, xã Suối Tân, Cam Lâm"));
        }

        b.add(town(Kind.SCHOOL, "Trường THPT Lạc Long Quân", Town.KHANH_VINH));
        b.add(town(Kind.MARKET, "Chợ Khánh Vĩnh", Town.KHANH_VINH));
        b.add(town(Kind.SCHOOL, "Trường THPT Khánh Sơn", Town.TO_HAP));
        b.add(town(Kind.MARKET, "Chợ Tô Hạp", Town.TO_HAP));
        return b;
    }

    private static Building town(Kind kind, String name, Town town) {
        return new Building(kind, name, town, Double.NaN, Double.NaN, null);
    }

    private static Building park(Kind kind, String name, Town town, double lon, double lat, String address) {
        return new Building(kind, name, town, lon, lat, address);
    }

    /** Creates {@value #COUNT} devices, spread over the buildings in turn, with their events. */
    static List<History> generate(DemoGeography geo, Instant anchor) {
        Dice dice = new Dice(DemoData.SEED, "fire-alarms");
        List<Building> buildings = buildings();
        List<Point> sites = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (Building b : buildings) {
            Point site;
            if (!Double.isNaN(b.lon())) {
                site = geo.scatter(dice, b.lon(), b.lat(), 300, geo::isOnLand);
            } else if (b.kind() == Kind.HOTEL && b.town() == Town.NHA_TRANG) {
                // Nha Trang's hotels line the beach along Trần Phú.
                site = geo.scatter(
                        dice,
                        b.town().lon(),
                        b.town().lat() - 0.01,
                        1800,
                        p -> geo.isOnLand(p) && geo.coastMetres(p) < 600);
            } else {
                site = geo.scatterOnLand(dice, b.town());
            }
            sites.add(site);
            addresses.add(b.address() != null ? b.address() : b.town().address(dice));
        }
        List<History> result = new ArrayList<>(COUNT);
        int[] placed = new int[buildings.size()];
        // Round after round over the buildings, so that every building has devices before any gets more.
        for (int round = 0; result.size() < COUNT; round++) {
            for (int i = 0; i < buildings.size() && result.size() < COUNT; i++) {
                Building b = buildings.get(i);
                int wanted = round == 0 ? dice.between(b.kind().minDevices, b.kind().maxDevices) : dice.between(0, 2);
                for (int n = 0; n < wanted && result.size() < COUNT; n++) {
                    boolean panel = placed[i] == 0; // the first device of a building is its control panel
                    String type = panel ? "control_panel" : DETECTORS.draw(dice);
                    int floor = panel ? 1 : dice.between(1, b.kind().floors);
                    Point location = devicePoint(dice, geo, sites.get(i));
                    result.add(device(dice, anchor, result.size() + 1, b, addresses.get(i), floor, type, location));
                    placed[i]++;
                }
            }
        }
        return result;
    }

    private static Point devicePoint(Dice dice, DemoGeography geo, Point site) {
        // Devices of one building are a few metres apart, so that a map can still tell them apart.
        return geo.scatter(dice, site.getX(), site.getY(), 12, geo::isOnLand);
    }

    private static History device(
            Dice dice, Instant anchor, int n, Building b, String address, int floor, String type, Point location) {
        String status = STATUSES.draw(dice);
        List<FireAlarmEvent> events = new ArrayList<>();
        Instant windowStart = anchor.minus(Duration.ofDays(DAYS));
        if (status.equals("normal")) {
            // One or two incidents, each closed by a RESTORE; two go in separate halves of the window.
            int incidents = dice.between(1, 2);
            Duration part = Duration.ofDays(DAYS - 1).dividedBy(incidents);
            for (int k = 0; k < incidents; k++) {
                incident(dice, windowStart.plus(part.multipliedBy(k)), part, events);
            }
        } else {
            // One closed incident in the first two months, then the open one that sets the status.
            incident(dice, windowStart, Duration.ofDays(60), events);
            Duration ago =
                    switch (status) {
                        case "alarm" -> Duration.ofMinutes(dice.between(5, 6 * 60)); // still being handled
                        case "fault" -> Duration.ofMinutes(dice.between(2 * 60, 10 * 1440));
                        default -> Duration.ofMinutes(dice.between(1440, 20 * 1440)); // offline: silent for days
                    };
            events.add(new FireAlarmEvent(null, status.equals("alarm") ? "ALARM" : "FAULT", anchor.minus(ago)));
        }
        FireAlarmEvent last = events.getLast();
        FireAlarmDevice device = new FireAlarmDevice(
                String.format(Locale.ROOT, "KH-PCCC-%04d", n),
                b.name(),
                address,
                floor,
                type,
                status,
                last.getEventType(),
                b.town().district(),
                dice.chance(0.5) ? 300 : 600,
                last.getOccurredAt(),
                location);
        return new History(device, events);
    }

    /** Adds an ALARM or FAULT and its RESTORE, both inside [from, from + window). */
    private static void incident(Dice dice, Instant from, Duration window, List<FireAlarmEvent> events) {
        boolean alarm = dice.chance(0.35);
        // False alarms (cooking smoke, dust) are reset within hours; faults wait for a technician, up to days.
        Duration open =
                alarm ? Duration.ofMinutes(dice.between(5, 6 * 60)) : Duration.ofMinutes(dice.between(60, 3 * 1440));
        long latestStart = window.minus(open).toMinutes();
        Instant start = from.plus(Duration.ofMinutes(dice.between(0, (int) latestStart)));
        events.add(new FireAlarmEvent(null, alarm ? "ALARM" : "FAULT", start));
        events.add(new FireAlarmEvent(null, "RESTORE", start.plus(open)));
    }
}
