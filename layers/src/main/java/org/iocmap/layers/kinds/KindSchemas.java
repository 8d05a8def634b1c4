package org.iocmap.layers.kinds;

import static org.iocmap.layers.model.AttributeType.DATETIME;
import static org.iocmap.layers.model.AttributeType.INTEGER;
import static org.iocmap.layers.model.AttributeType.NUMBER;
import static org.iocmap.layers.model.AttributeType.STRING;

import java.util.List;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.LayerKind;

/**
 * Defines the attribute schema of each built-in kind, in display order, with Vietnamese and English labels. The
 * names equal the keys each entity's {@code properties()} returns (a test pins this).
 */
public final class KindSchemas {
    /** Roles that may read a citizen's phone number. */
    public static final String[] PHONE_READERS = {"operator", "admin"};

    private KindSchemas() {}

    /** Returns the schema of a built-in kind; throws for {@link LayerKind#GENERIC}, whose schema is per layer. */
    public static List<AttributeDef> of(LayerKind kind) {
        return switch (kind) {
            case CAMERA ->
                List.of(
                        AttributeDef.of("code", STRING, "Mã camera", "Camera code"),
                        AttributeDef.of("name", STRING, "Tên", "Name"),
                        AttributeDef.of("camera_type", STRING, "Loại camera", "Camera type")
                                .withValues(
                                        "security",
                                        "Camera an ninh",
                                        "Security camera",
                                        "traffic",
                                        "Camera giao thông",
                                        "Traffic camera",
                                        "plate_reading",
                                        "Camera nhận dạng biển số",
                                        "Plate-reading camera"),
                        AttributeDef.of("heading_deg", NUMBER, "Hướng nhìn", "Heading")
                                .withUnit("deg"),
                        AttributeDef.of("fov_deg", NUMBER, "Góc nhìn", "Field of view")
                                .withUnit("deg"),
                        AttributeDef.of("range_m", NUMBER, "Tầm nhìn", "Range").withUnit("m"),
                        AttributeDef.of("status", STRING, "Trạng thái", "Status")
                                .withValues("online", "Trực tuyến", "Online", "offline", "Mất kết nối", "Offline"),
                        AttributeDef.of("district", STRING, "Huyện/Thành phố", "District"),
                        AttributeDef.of("installed_at", DATETIME, "Ngày lắp đặt", "Installed"),
                        AttributeDef.of("stream_url", STRING, "Video trực tiếp", "Live video"),
                        AttributeDef.of("snapshot_url", STRING, "Ảnh chụp", "Snapshot"));
            case CITIZEN_REPORT ->
                List.of(
                        AttributeDef.of("code", STRING, "Mã phản ánh", "Report number"),
                        AttributeDef.of("category", STRING, "Lĩnh vực", "Category"),
                        AttributeDef.of("title", STRING, "Tiêu đề", "Title"),
                        AttributeDef.of("description", STRING, "Nội dung", "Description"),
                        AttributeDef.of("status", STRING, "Trạng thái", "Status")
                                .withValues(
                                        "NEW",
                                        "Mới",
                                        "New",
                                        "ASSIGNED",
                                        "Đã phân công",
                                        "Assigned",
                                        "IN_PROGRESS",
                                        "Đang xử lý",
                                        "In progress",
                                        "RESOLVED",
                                        "Đã giải quyết",
                                        "Resolved",
                                        "REJECTED",
                                        "Từ chối",
                                        "Rejected"),
                        AttributeDef.of("channel", STRING, "Kênh tiếp nhận", "Channel")
                                .withValues(
                                        "hotline_1022",
                                        "Đường dây nóng 1022",
                                        "Hotline 1022",
                                        "citizen_app",
                                        "Ứng dụng công dân",
                                        "Citizen app",
                                        "web",
                                        "Cổng thông tin",
                                        "Web portal",
                                        "zalo",
                                        "Zalo",
                                        "Zalo",
                                        "open311",
                                        "Ứng dụng Open311",
                                        "Open311 client"),
                        AttributeDef.of("reporter_name", STRING, "Người phản ánh", "Reporter"),
                        AttributeDef.of("reporter_phone", STRING, "Số điện thoại", "Phone number")
                                .onlyFor(PHONE_READERS),
                        AttributeDef.of("agency", STRING, "Đơn vị xử lý", "Responsible agency"),
                        AttributeDef.of("address", STRING, "Địa chỉ", "Address"),
                        AttributeDef.of("district", STRING, "Huyện/Thành phố", "District"),
                        AttributeDef.of("created_at", DATETIME, "Thời điểm tiếp nhận", "Received"),
                        AttributeDef.of("deadline_at", DATETIME, "Hạn xử lý", "Deadline"),
                        AttributeDef.of("resolved_at", DATETIME, "Thời điểm hoàn thành", "Resolved"));
            case ENV_STATION ->
                List.of(
                        AttributeDef.of("code", STRING, "Mã trạm", "Station code"),
                        AttributeDef.of("name", STRING, "Tên trạm", "Name"),
                        AttributeDef.of("station_type", STRING, "Loại trạm", "Station type")
                                .withValues(
                                        "air",
                                        "Không khí",
                                        "Air",
                                        "water",
                                        "Nước",
                                        "Water",
                                        "noise",
                                        "Tiếng ồn",
                                        "Noise"),
                        AttributeDef.of("district", STRING, "Huyện/Thành phố", "District"),
                        AttributeDef.of("last_reading_at", DATETIME, "Lần đo gần nhất", "Latest reading"),
                        AttributeDef.of("last_parameter", STRING, "Thông số", "Parameter"),
                        AttributeDef.of("last_value", NUMBER, "Giá trị", "Value"),
                        AttributeDef.of("last_unit", STRING, "Đơn vị", "Unit"),
                        AttributeDef.of("last_aqi", INTEGER, "Chỉ số VN_AQI", "VN_AQI"));
            case VESSEL ->
                List.of(
                        AttributeDef.of("mmsi", STRING, "MMSI", "MMSI"),
                        AttributeDef.of("name", STRING, "Tên tàu", "Name"),
                        AttributeDef.of("call_sign", STRING, "Hô hiệu", "Call sign"),
                        AttributeDef.of("registration_no", STRING, "Số đăng ký", "Registration number"),
                        AttributeDef.of("ship_type", STRING, "Loại tàu", "Ship type")
                                .withValues(
                                        "fishing",
                                        "Tàu cá",
                                        "Fishing vessel",
                                        "passenger",
                                        "Tàu khách",
                                        "Passenger ship",
                                        "cargo",
                                        "Tàu hàng",
                                        "Cargo ship",
                                        "tanker",
                                        "Tàu dầu",
                                        "Tanker",
                                        "tug",
                                        "Tàu kéo",
                                        "Tug",
                                        "other",
                                        "Tàu khác",
                                        "Other vessel"),
                        AttributeDef.of("length_m", NUMBER, "Chiều dài", "Length")
                                .withUnit("m"),
                        AttributeDef.of("home_port", STRING, "Cảng cá", "Home port"),
                        AttributeDef.of("flag", STRING, "Quốc tịch", "Flag"),
                        AttributeDef.of("last_fix_at", DATETIME, "Vị trí lúc", "Position time"),
                        AttributeDef.of("speed_kn", NUMBER, "Tốc độ", "Speed").withUnit("kn"),
                        AttributeDef.of("course_deg", NUMBER, "Hướng đi", "Course")
                                .withUnit("deg"),
                        AttributeDef.of("heading_deg", NUMBER, "Hướng mũi tàu", "Heading")
                                .withUnit("deg"));
            case LAND_USE_PLAN ->
                List.of(
                        AttributeDef.of("code", STRING, "Mã khu", "Zone code"),
                        AttributeDef.of("land_use_code", STRING, "Mã loại đất", "Land-use code"),
                        AttributeDef.of("land_use_name", STRING, "Loại đất", "Land use"),
                        AttributeDef.of("plan_period", STRING, "Kỳ quy hoạch", "Plan period"),
                        AttributeDef.of("district", STRING, "Huyện/Thành phố", "District"),
                        AttributeDef.of("area_m2", NUMBER, "Diện tích", "Area").withUnit("m2"),
                        AttributeDef.of("approved_at", DATETIME, "Ngày phê duyệt", "Approved"));
            case FIRE_ALARM ->
                List.of(
                        AttributeDef.of("code", STRING, "Mã thiết bị", "Device code"),
                        AttributeDef.of("building", STRING, "Công trình", "Building"),
                        AttributeDef.of("address", STRING, "Địa chỉ", "Address"),
                        AttributeDef.of("floor", INTEGER, "Tầng", "Floor"),
                        AttributeDef.of("device_type", STRING, "Loại thiết bị", "Device type")
                                .withValues(
                                        "smoke_detector",
                                        "Đầu báo khói",
                                        "Smoke detector",
                                        "heat_detector",
                                        "Đầu báo nhiệt",
                                        "Heat detector",
                                        "manual_call_point",
                                        "Nút ấn báo cháy",
                                        "Manual call point",
                                        "control_panel",
                                        "Tủ trung tâm báo cháy",
                                        "Control panel"),
                        AttributeDef.of("status", STRING, "Trạng thái", "Status")
                                .withValues(
                                        "normal",
                                        "Bình thường",
                                        "Normal",
                                        "alarm",
                                        "Đang báo cháy",
                                        "Fire alarm",
                                        "fault",
                                        "Lỗi thiết bị",
                                        "Device fault",
                                        "offline",
                                        "Mất kết nối",
                                        "Offline"),
                        AttributeDef.of("last_event", STRING, "Sự kiện gần nhất", "Latest event")
                                .withValues(
                                        "ALARM",
                                        "Báo cháy",
                                        "Alarm",
                                        "FAULT",
                                        "Lỗi",
                                        "Fault",
                                        "RESTORE",
                                        "Khôi phục",
                                        "Restored",
                                        "OFFLINE",
                                        "Mất tín hiệu",
                                        "Went offline",
                                        "ONLINE",
                                        "Có tín hiệu trở lại",
                                        "Back online"),
                        AttributeDef.of("district", STRING, "Huyện/Thành phố", "District"),
                        AttributeDef.of("heartbeat_interval_s", INTEGER, "Chu kỳ tín hiệu", "Heartbeat interval")
                                .withUnit("s"),
                        AttributeDef.of("last_event_at", DATETIME, "Thời điểm sự kiện", "Event time"),
                        AttributeDef.of("last_heartbeat_at", DATETIME, "Tín hiệu gần nhất", "Last heard"));
            case GENERIC -> throw new IllegalArgumentException("generic layers carry their own schema");
        };
    }
}
