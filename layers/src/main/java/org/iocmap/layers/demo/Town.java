package org.iocmap.layers.demo;

import java.util.List;

/**
 * Describes a town of Khánh Hòa that demo features cluster around: its district, where it is, and the streets,
 * wards and landmarks that names and addresses are built from.
 *
 * <p>Districts are the units before the July 2025 reorganisation, matching the province boundary shipped with the
 * demo data. Coordinates are approximate town centres, EPSG:4326, x = longitude; each lies inside the coarse land
 * polygon of the demo resources (pinned by a test).
 *
 * @param label the short place name used at the end of an address, such as "Nha Trang"
 * @param centres the points features are scattered around; the first is the town centre
 * @param spreadMetres the standard deviation of the scatter around a centre
 * @param wards wards, communes or townships, with their prefix ("phường Lộc Thọ", "xã Diên An")
 * @param trafficSpots where traffic cameras stand, such as "ngã tư Trần Phú – Lê Thánh Tôn"
 * @param securitySpots what security cameras watch, such as "chợ Đầm"
 * @param plateSpots where plate-reading cameras stand, usually the roads into town
 */
record Town(
        String label,
        String district,
        List<double[]> centres,
        double spreadMetres,
        List<String> streets,
        List<String> wards,
        List<String> trafficSpots,
        List<String> securitySpots,
        List<String> plateSpots) {

    static final Town NHA_TRANG = new Town(
            "Nha Trang",
            "Thành phố Nha Trang",
            List.of(
                    new double[] {109.1967, 12.2388},
                    new double[] {109.1950, 12.2790}, // Vĩnh Hải, Vĩnh Phước
                    new double[] {109.1890, 12.2060}, // Phước Long, Vĩnh Trường
                    new double[] {109.1660, 12.2560}), // Ngọc Hiệp, Phương Sơn
            1300,
            List.of(
                    "Trần Phú",
                    "Lê Thánh Tôn",
                    "Thái Nguyên",
                    "23 Tháng 10",
                    "Nguyễn Thị Minh Khai",
                    "Yersin",
                    "Lê Hồng Phong",
                    "Phạm Văn Đồng",
                    "2 Tháng 4",
                    "Hùng Vương",
                    "Nguyễn Trãi",
                    "Quang Trung",
                    "Thống Nhất",
                    "Lê Lợi",
                    "Ngô Gia Tự",
                    "Nguyễn Thiện Thuật",
                    "Biệt Thự",
                    "Trần Quang Khải",
                    "Võ Thị Sáu",
                    "Pasteur",
                    "Hoàng Văn Thụ",
                    "Điện Biên Phủ",
                    "Phong Châu",
                    "Lương Định Của"),
            List.of(
                    "phường Lộc Thọ",
                    "phường Vĩnh Phước",
                    "phường Vĩnh Hải",
                    "phường Vĩnh Thọ",
                    "phường Xương Huân",
                    "phường Vạn Thắng",
                    "phường Vạn Thạnh",
                    "phường Phương Sài",
                    "phường Phương Sơn",
                    "phường Phước Tân",
                    "phường Phước Tiến",
                    "phường Phước Hòa",
                    "phường Phước Long",
                    "phường Phước Hải",
                    "phường Tân Lập",
                    "phường Vĩnh Nguyên",
                    "phường Vĩnh Trường",
                    "phường Ngọc Hiệp",
                    "phường Vĩnh Hòa"),
            List.of(
                    "ngã tư Trần Phú – Lê Thánh Tôn",
                    "ngã tư Trần Phú – Trần Quang Khải",
                    "ngã tư Trần Phú – Nguyễn Thiện Thuật",
                    "ngã tư Trần Phú – Biệt Thự",
                    "ngã tư Lê Thánh Tôn – Nguyễn Thị Minh Khai",
                    "ngã tư Lê Thánh Tôn – Hùng Vương",
                    "ngã tư Lê Thánh Tôn – Nguyễn Trãi",
                    "ngã tư Quang Trung – Lê Thánh Tôn",
                    "ngã sáu Thái Nguyên – Lê Thánh Tôn – Yersin",
                    "ngã ba Thái Nguyên – 23 Tháng 10",
                    "ngã tư Yersin – Thống Nhất",
                    "ngã tư Ngô Gia Tự – Hoàng Văn Thụ",
                    "ngã tư Phạm Văn Đồng – 2 Tháng 4",
                    "ngã tư 2 Tháng 4 – Điện Biên Phủ",
                    "ngã tư Lê Hồng Phong – Phong Châu",
                    "ngã tư Hùng Vương – Nguyễn Thiện Thuật",
                    "ngã ba Pasteur – Lê Lợi"),
            List.of(
                    "chợ Đầm",
                    "chợ Xóm Mới",
                    "Quảng trường 2 Tháng 4",
                    "ga Nha Trang",
                    "bến xe phía Nam",
                    "tháp Bà Ponagar",
                    "cầu Trần Phú",
                    "cầu Xóm Bóng",
                    "công viên Yersin",
                    "nhà thờ Núi",
                    "chùa Long Sơn",
                    "cảng Cầu Đá",
                    "bãi biển Hòn Chồng",
                    "khu dân cư Phước Long",
                    "khu đô thị Vĩnh Điềm Trung"),
            List.of(
                    "Quốc lộ 1A – cửa ngõ phía Bắc",
                    "đường 23 Tháng 10 – cửa ngõ phía Tây",
                    "đường Nguyễn Tất Thành – hướng sân bay Cam Ranh",
                    "đường Phạm Văn Đồng – hướng Vĩnh Lương",
                    "đường Lê Hồng Phong – hướng Quốc lộ 1A"));

    static final Town CAM_RANH = new Town(
            "Cam Ranh",
            "Thành phố Cam Ranh",
            List.of(new double[] {109.159, 11.921}),
            1200,
            List.of("Hùng Vương", "Nguyễn Trọng Kỷ", "Lê Duẩn", "3 Tháng 4", "Phạm Văn Đồng", "Nguyễn Chí Thanh"),
            List.of(
                    "phường Cam Lộc",
                    "phường Cam Phú",
                    "phường Cam Thuận",
                    "phường Cam Lợi",
                    "phường Cam Linh",
                    "phường Ba Ngòi",
                    "phường Cam Nghĩa",
                    "phường Cam Phúc Bắc",
                    "phường Cam Phúc Nam"),
            List.of(
                    "ngã tư Hùng Vương – Nguyễn Trọng Kỷ",
                    "ngã tư Hùng Vương – 3 Tháng 4",
                    "ngã ba Quốc lộ 27B – Quốc lộ 1A",
                    "Quốc lộ 1A đoạn qua phường Ba Ngòi"),
            List.of("chợ Ba Ngòi", "chợ Cam Ranh", "bến xe Cam Ranh", "cảng cá Đá Bạc", "khu dân cư phường Cam Lộc"),
            List.of(
                    "Quốc lộ 1A – cửa ngõ phía Nam",
                    "Quốc lộ 27B – hướng Khánh Sơn",
                    "Đại lộ Nguyễn Tất Thành – hướng Bãi Dài"));

    static final Town NINH_HOA = new Town(
            "Ninh Hòa",
            "Thị xã Ninh Hòa",
            List.of(new double[] {109.1236, 12.4917}),
            1000,
            List.of("Trần Quý Cáp", "Nguyễn Thị Ngọc Oanh", "Hùng Vương", "Trần Phú", "Quốc lộ 1A", "Quốc lộ 26"),
            List.of(
                    "phường Ninh Hiệp",
                    "phường Ninh Giang",
                    "phường Ninh Đa",
                    "phường Ninh Hà",
                    "phường Ninh Diêm",
                    "phường Ninh Thủy",
                    "phường Ninh Hải"),
            List.of(
                    "ngã ba Quốc lộ 26 – Quốc lộ 1A",
                    "ngã tư Trần Quý Cáp – Nguyễn Thị Ngọc Oanh",
                    "Quốc lộ 1A đoạn qua phường Ninh Hiệp"),
            List.of("chợ Ninh Hòa", "ga Ninh Hòa", "khu dân cư phường Ninh Đa"),
            List.of("Quốc lộ 26 – hướng Đắk Lắk", "Quốc lộ 1A – hướng Vạn Ninh"));

    static final Town VAN_GIA = new Town(
            "Vạn Ninh",
            "Huyện Vạn Ninh",
            List.of(new double[] {109.2247, 12.6967}),
            900,
            List.of("Hùng Vương", "Quốc lộ 1A", "Trần Hưng Đạo", "Lê Lợi"),
            List.of("thị trấn Vạn Giã", "xã Vạn Thắng", "xã Vạn Phú", "xã Vạn Lương", "xã Vạn Long"),
            List.of("Quốc lộ 1A đoạn qua thị trấn Vạn Giã", "ngã ba Hùng Vương – Quốc lộ 1A"),
            List.of("chợ Vạn Giã", "ga Vạn Giã", "khu dân cư thị trấn Vạn Giã"),
            List.of("Quốc lộ 1A – hướng đèo Cả"));

    static final Town DIEN_KHANH = new Town(
            "Diên Khánh",
            "Huyện Diên Khánh",
            List.of(new double[] {109.0967, 12.2556}),
            1000,
            List.of("Lạc Long Quân", "Hùng Vương", "Lý Tự Trọng", "Quốc lộ 1A", "Tỉnh lộ 2"),
            List.of(
                    "thị trấn Diên Khánh",
                    "xã Diên An",
                    "xã Diên Toàn",
                    "xã Diên Phú",
                    "xã Diên Thạnh",
                    "xã Diên Điền"),
            List.of("ngã ba Thành", "ngã ba Quốc lộ 27C – Quốc lộ 1A", "Quốc lộ 1A đoạn qua xã Diên An"),
            List.of("thành cổ Diên Khánh", "chợ Thành", "khu dân cư thị trấn Diên Khánh"),
            List.of("Quốc lộ 1A – cầu Thành", "Quốc lộ 27C – hướng Khánh Vĩnh"));

    static final Town CAM_DUC = new Town(
            "Cam Lâm",
            "Huyện Cam Lâm",
            List.of(new double[] {109.163, 12.028}),
            1000,
            List.of("Quốc lộ 1A", "Đại lộ Nguyễn Tất Thành", "Tỉnh lộ 9"),
            List.of(
                    "thị trấn Cam Đức",
                    "xã Cam Hải Tây",
                    "xã Cam Hải Đông",
                    "xã Cam Thành Bắc",
                    "xã Cam Hòa",
                    "xã Suối Cát"),
            List.of("Quốc lộ 1A đoạn qua thị trấn Cam Đức", "nút giao Quốc lộ 1A – Đại lộ Nguyễn Tất Thành"),
            List.of("chợ Cam Đức", "khu dân cư thị trấn Cam Đức", "bãi biển Bãi Dài"),
            List.of("Đại lộ Nguyễn Tất Thành – sân bay quốc tế Cam Ranh", "Quốc lộ 1A – Cam Lâm"));

    static final Town KHANH_VINH = new Town(
            "Khánh Vĩnh",
            "Huyện Khánh Vĩnh",
            List.of(new double[] {108.897, 12.274}),
            700,
            List.of("Quốc lộ 27C", "Tỉnh lộ 8"),
            List.of("thị trấn Khánh Vĩnh", "xã Khánh Bình", "xã Khánh Phú", "xã Khánh Đông"),
            List.of("Quốc lộ 27C đoạn qua thị trấn Khánh Vĩnh"),
            List.of("chợ Khánh Vĩnh", "trung tâm thị trấn Khánh Vĩnh"),
            List.of("Quốc lộ 27C – hướng Lâm Đồng"));

    static final Town TO_HAP = new Town(
            "Khánh Sơn",
            "Huyện Khánh Sơn",
            List.of(new double[] {108.932, 12.017}),
            700,
            List.of("Quốc lộ 27B", "Tỉnh lộ 9"),
            List.of("thị trấn Tô Hạp", "xã Sơn Bình", "xã Sơn Hiệp", "xã Sơn Trung", "xã Ba Cụm Bắc"),
            List.of("Quốc lộ 27B đoạn qua thị trấn Tô Hạp"),
            List.of("chợ Tô Hạp", "trung tâm thị trấn Tô Hạp"),
            List.of("Quốc lộ 27B – đèo Khánh Sơn"));

    /** Lists every town; generators index their weight tables in this order. */
    static final List<Town> ALL =
            List.of(NHA_TRANG, CAM_RANH, NINH_HOA, VAN_GIA, DIEN_KHANH, CAM_DUC, KHANH_VINH, TO_HAP);

    /** Returns the town centre's longitude. */
    double lon() {
        return centres.getFirst()[0];
    }

    /** Returns the town centre's latitude. */
    double lat() {
        return centres.getFirst()[1];
    }

    /** Returns the distance in metres from a point to the nearest of the town's centres. */
    double metresFrom(double lon, double lat) {
        double best = Double.MAX_VALUE;
        for (double[] c : centres) {
            best = Math.min(best, LocalMetres.distance(lon, lat, c[0], c[1]));
        }
        return best;
    }

    /** Returns how a street is named after a preposition: "đường Trần Phú", but "Quốc lộ 1A" as it is. */
    static String road(String street) {
        for (String prefix : List.of("Quốc lộ", "Tỉnh lộ", "Đại lộ", "đường")) {
            if (street.startsWith(prefix)) {
                return street;
            }
        }
        return "đường " + street;
    }

    /** Returns a street address in this town, such as "45 Trần Phú, phường Lộc Thọ, Nha Trang". */
    String address(Dice dice) {
        return dice.between(1, 320) + " " + dice.pick(streets) + ", " + dice.pick(wards) + ", " + label;
    }

    /** Returns the town with a centre nearest to a point, by a local flat-earth distance. */
    static Town nearest(double lon, double lat) {
        Town best = null;
        double bestMetres = Double.MAX_VALUE;
        for (Town town : ALL) {
            double metres = town.metresFrom(lon, lat);
            if (metres < bestMetres) {
                bestMetres = metres;
                best = town;
            }
        }
        return best;
    }
}
