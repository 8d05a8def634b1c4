package org.iocmap.layers.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.iocmap.layers.kinds.CitizenReport;
import org.locationtech.jts.geom.Point;

/**
 * Generates a year of citizen reports (phản ánh hiện trường): categories with their agencies and deadlines, a
 * workflow state that fits each report's age, and Vietnamese text.
 */
final class ReportGenerator {
    static final int COUNT = 2_000;

    /** Reports are spread over the days [anchor − 364 d, anchor), so all fall in the last twelve months. */
    static final int DAYS = 364;

    /** Vietnam's offset from UTC; report times follow the local working day. */
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private static final double[] TOWN_WEIGHTS = {0.50, 0.14, 0.12, 0.07, 0.08, 0.05, 0.02, 0.02};

    /** Weights of local hours 0–23: few reports at night, peaks in the morning and early evening. */
    private static final double[] HOUR_WEIGHTS = {
        0.3, 0.2, 0.1, 0.1, 0.2, 0.6, 1.5, 3.5, 5.5, 6, 5.5, 4.5, 3, 3.5, 4.5, 5, 5, 4.5, 4.5, 5, 4.5, 3.5, 2, 1
    };

    private static final Weighted<String> CHANNELS =
            Weighted.of("hotline_1022", 35, "citizen_app", 30, "zalo", 25, "web", 10);

    private static final List<String> CLOSINGS = List.of(
            "Đề nghị cơ quan chức năng kiểm tra, xử lý.",
            "Kính đề nghị các cơ quan liên quan sớm khắc phục.",
            "Mong chính quyền quan tâm giải quyết dứt điểm.");

    /**
     * Describes a report category.
     *
     * @param serviceCode the category's stable code (table {@code report_category}, Open311 {@code service_code})
     * @param agency the responsible agency; null means the ward-level People's Committee of the report's address
     * @param slaDays days the agency has to resolve a report: deadline = creation + this
     * @param titles title templates; {road} becomes "đường Trần Phú", {ward} "phường Lộc Thọ"
     */
    record Category(
            String id,
            String serviceCode,
            String agency,
            int slaDays,
            double weight,
            List<String> titles,
            List<String> details) {}

    static final List<Category> CATEGORIES = List.of(
            new Category(
                    "Trật tự đô thị",
                    "trat-tu-do-thi",
                    null,
                    7,
                    24,
                    List.of(
                            "Lấn chiếm vỉa hè kinh doanh trên {road}",
                            "Xây dựng không phép tại khu dân cư {ward}",
                            "Quảng cáo rao vặt dán trên cột điện {road}",
                            "Hàng rong tụ tập gây cản trở lối đi trên {road}",
                            "Đậu xe ô tô trái phép trên vỉa hè {road}"),
                    List.of(
                            "Tình trạng diễn ra thường xuyên vào buổi chiều tối, người đi bộ phải đi xuống lòng đường.",
                            "Đã được nhắc nhở nhiều lần nhưng vẫn tái diễn.",
                            "Gây mất mỹ quan đô thị và ảnh hưởng đến du khách.")),
            new Category(
                    "Môi trường",
                    "moi-truong",
                    "Sở Tài nguyên và Môi trường",
                    10,
                    18,
                    List.of(
                            "Rác thải tồn đọng nhiều ngày trên {road}",
                            "Nước thải có mùi hôi chảy ra {road}",
                            "Đốt rác gây khói bụi trong khu dân cư {ward}",
                            "Khói bụi từ cơ sở sản xuất gần {road}",
                            "Xả rác xuống bãi biển và kênh mương tại {ward}"),
                    List.of(
                            "Mùi hôi bốc lên nồng nặc, ảnh hưởng đến sức khỏe các hộ dân xung quanh.",
                            "Tình trạng kéo dài đã hơn một tuần.",
                            "Người dân đã phản ánh với tổ dân phố nhưng chưa được xử lý.")),
            new Category(
                    "Hạ tầng giao thông",
                    "ha-tang-giao-thong",
                    "Sở Giao thông vận tải",
                    7,
                    17,
                    List.of(
                            "Ổ gà lớn trên {road}",
                            "Đèn tín hiệu giao thông không hoạt động trên {road}",
                            "Nắp hố ga bị vỡ trên {road}",
                            "Biển báo giao thông bị che khuất trên {road}",
                            "Mặt đường sụt lún sau mưa trên {road}"),
                    List.of(
                            "Đã xảy ra một số vụ té ngã, đặc biệt nguy hiểm vào ban đêm.",
                            "Xe cộ phải lách qua, gây ùn tắc giờ cao điểm.",
                            "Khu vực gần trường học, học sinh đi lại nhiều.")),
            new Category(
                    "An toàn thực phẩm",
                    "an-toan-thuc-pham",
                    "Sở Y tế",
                    5,
                    7,
                    List.of(
                            "Cơ sở kinh doanh ăn uống không đảm bảo vệ sinh tại {ward}",
                            "Nghi ngộ độc thực phẩm sau khi ăn tại quán trên {road}",
                            "Bán thực phẩm không rõ nguồn gốc tại chợ thuộc {ward}",
                            "Hải sản nghi ướp hóa chất bày bán trên {road}"),
                    List.of(
                            "Nhiều người có biểu hiện đau bụng, buồn nôn sau khi sử dụng.",
                            "Cơ sở chế biến ngay trên vỉa hè, không có dụng cụ che đậy.",
                            "Sản phẩm không có nhãn mác, hạn sử dụng.")),
            new Category(
                    "Điện – chiếu sáng",
                    "dien-chieu-sang",
                    "Công ty Điện lực Khánh Hòa",
                    3,
                    12,
                    List.of(
                            "Đèn đường không sáng trên {road}",
                            "Dây điện võng thấp nguy hiểm trên {road}",
                            "Mất điện kéo dài tại khu dân cư {ward}",
                            "Cột điện nghiêng có nguy cơ đổ trên {road}"),
                    List.of(
                            "Khu vực tối om vào ban đêm, người dân lo ngại mất an ninh.",
                            "Trời mưa có hiện tượng chập điện, tóe lửa.",
                            "Ảnh hưởng đến sinh hoạt và kinh doanh của nhiều hộ dân.")),
            new Category(
                    "Cấp thoát nước",
                    "cap-thoat-nuoc",
                    "Công ty CP Cấp thoát nước Khánh Hòa",
                    5,
                    10,
                    List.of(
                            "Vỡ ống nước gây lãng phí trên {road}",
                            "Ngập úng cục bộ mỗi khi mưa trên {road}",
                            "Nước sinh hoạt có màu đục tại {ward}",
                            "Cống thoát nước bị tắc trên {road}",
                            "Mất nước sinh hoạt nhiều ngày tại {ward}"),
                    List.of(
                            "Nước tràn lên mặt đường, gây trơn trượt.",
                            "Các hộ dân phải mua nước bình để sinh hoạt.",
                            "Nước ứ đọng bốc mùi, phát sinh muỗi.")),
            new Category(
                    "An ninh trật tự",
                    "an-ninh-trat-tu",
                    "Công an tỉnh Khánh Hòa",
                    3,
                    12,
                    List.of(
                            "Tụ tập đua xe trái phép trên {road}",
                            "Trộm cắp tài sản tại khu dân cư {ward}",
                            "Gây rối trật tự công cộng trên {road}",
                            "Nghi vấn hoạt động cho vay nặng lãi tại {ward}",
                            "Hát karaoke gây ồn ào sau 22 giờ tại {ward}"),
                    List.of(
                            "Sự việc diễn ra vào khoảng nửa đêm, người dân rất bức xúc.",
                            "Đã xảy ra nhiều lần trong tháng.",
                            "Người dân đề nghị tăng cường tuần tra vào ban đêm.")));

    private ReportGenerator() {}

    /** Creates {@value #COUNT} reports created during the {@value #DAYS} days before {@code anchor}, oldest first. */
    static List<CitizenReport> generate(DemoGeography geo, Instant anchor) {
        Dice dice = new Dice(DemoData.SEED, "citizen-reports");
        double[] categoryWeights =
                CATEGORIES.stream().mapToDouble(Category::weight).toArray();
        List<Draft> drafts = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Town town = Town.ALL.get(dice.weighted(TOWN_WEIGHTS));
            Category category = CATEGORIES.get(dice.weighted(categoryWeights));
            Instant created = createdAt(dice, anchor);
            String street = dice.pick(town.streets());
            String ward = dice.pick(town.wards());
            String title = dice.pick(category.titles())
                    .replace("{road}", Town.road(street))
                    .replace("{ward}", ward);
            String description = title + ". " + dice.pick(category.details()) + " " + dice.pick(CLOSINGS);
            String agency = category.agency() != null ? category.agency() : wardCommittee(ward);
            Instant deadline = created.plus(Duration.ofDays(category.slaDays()));
            String status = status(dice, Duration.between(created, anchor), category.slaDays());
            Instant resolved = resolvedAt(dice, status, created, anchor, category.slaDays());
            String address = dice.between(1, 320) + " " + street + ", " + ward + ", " + town.label();
            Point location = geo.scatterOnLand(dice, town);
            drafts.add(new Draft(
                    category.id(),
                    category.serviceCode(),
                    title,
                    description,
                    status,
                    CHANNELS.draw(dice),
                    People.name(dice),
                    People.mobile(dice),
                    agency,
                    address,
                    town.district(),
                    created,
                    deadline,
                    resolved,
                    location));
        }
        // Codes count up within each (local) year in the order reports came in, as a hotline register would.
        drafts.sort(Comparator.comparing(Draft::created));
        List<CitizenReport> reports = new ArrayList<>(COUNT);
        int year = -1;
        int sequence = 0;
        for (Draft d : drafts) {
            int reportYear = d.created().atOffset(VIETNAM).getYear();
            sequence = reportYear == year ? sequence + 1 : 1;
            year = reportYear;
            CitizenReport report = new CitizenReport(
                    String.format(Locale.ROOT, "PA-%d-%05d", year, sequence),
                    d.category(),
                    d.title(),
                    d.description(),
                    d.status(),
                    d.channel(),
                    d.reporterName(),
                    d.reporterPhone(),
                    d.agency(),
                    d.address(),
                    d.district(),
                    d.created(),
                    d.deadline(),
                    d.resolved(),
                    d.location());
            report.setServiceCode(d.serviceCode());
            reports.add(report);
        }
        return reports;
    }

    private static Instant createdAt(Dice dice, Instant anchor) {
        // Slightly more reports lately (weight 0.7 a year ago, 1.3 now): more people use the app every month.
        int daysBack;
        do {
            daysBack = dice.between(0, DAYS - 1);
        } while (!dice.chance((1.3 - 0.6 * daysBack / DAYS) / 1.3));
        int localHour = dice.weighted(HOUR_WEIGHTS);
        // The local day starts 7 h before UTC midnight; the latest time, 23:59 local on the last day, is 7 h before
        // the anchor, so no report lies in the future.
        return anchor.minus(Duration.ofDays(daysBack + 1))
                .plus(Duration.ofHours(localHour).minusHours(7))
                .plus(Duration.ofSeconds(dice.between(0, 3599)));
    }

    private static String status(Dice dice, Duration age, int slaDays) {
        double days = age.toMinutes() / 1440.0;
        Weighted<String> odds;
        if (days < 1) {
            odds = Weighted.of("NEW", 75, "ASSIGNED", 20, "IN_PROGRESS", 5);
        } else if (days < 3) {
            odds = Weighted.of("NEW", 25, "ASSIGNED", 35, "IN_PROGRESS", 30, "RESOLVED", 8, "REJECTED", 2);
        } else if (days < slaDays) {
            odds = Weighted.of("NEW", 3, "ASSIGNED", 15, "IN_PROGRESS", 35, "RESOLVED", 42, "REJECTED", 5);
        } else if (days < 60) {
            // Past the deadline: most are done, some are still open and show up as overdue.
            odds = Weighted.of("NEW", 1, "ASSIGNED", 4, "IN_PROGRESS", 8, "RESOLVED", 80, "REJECTED", 7);
        } else {
            odds = Weighted.of("ASSIGNED", 0.5, "IN_PROGRESS", 1.5, "RESOLVED", 90, "REJECTED", 8);
        }
        return odds.draw(dice);
    }

    private static Instant resolvedAt(Dice dice, String status, Instant created, Instant anchor, int slaDays) {
        long ageMinutes = Duration.between(created, anchor).toMinutes();
        long minutes;
        switch (status) {
            case "RESOLVED" -> minutes = (long) (slaDays * 1440 * dice.uniform(0.2, 1.4)); // some finish late
            case "REJECTED" -> minutes = dice.between(120, 3 * 1440); // rejected soon: out of scope or a duplicate
            default -> {
                return null;
            }
        }
        // A report closed "in the future" cannot be: cap at a point inside its age.
        minutes = Math.min(minutes, (long) (ageMinutes * dice.uniform(0.5, 0.98)));
        return created.plus(Duration.ofMinutes(Math.max(minutes, 1)));
    }

    private static String wardCommittee(String ward) {
        // "phường Lộc Thọ" -> "UBND phường": urban order is the ward's (or commune's) People's Committee's job.
        for (String level : List.of("phường", "thị trấn", "xã")) {
            if (ward.startsWith(level)) {
                return "UBND " + level;
            }
        }
        throw new IllegalStateException("ward without a level: " + ward);
    }

    private record Draft(
            String category,
            String serviceCode,
            String title,
            String description,
            String status,
            String channel,
            String reporterName,
            String reporterPhone,
            String agency,
            String address,
            String district,
            Instant created,
            Instant deadline,
            Instant resolved,
            Point location) {}
}
