package org.iocmap.styles;

import java.util.List;

/**
 * Returns the style a layer gets when nobody has configured one, for each built-in layer kind.
 *
 * <p>Each kind has its own hue so that layers can be told apart when several are on: cameras blue, citizen reports
 * orange, environmental stations green, vessels teal, fire alarms red, land-use plans the national land-use colours
 * ({@link LandUseColours}), anything else grey. Where a kind has a status, rules on {@code status} override the hue
 * with a status colour; the same meaning gets the same colour across kinds (grey for offline or closed, green for
 * normal or resolved, amber for a fault or a handed-over task).
 *
 * <p>Styles are immutable; every call returns the same instance for a kind.
 */
public final class DefaultStyles {
    /** Names the icon of layers of unknown kind. */
    public static final String GENERIC = "generic";

    private static final String WHITE = "#ffffff";
    private static final String OFFLINE_GREY = "#9e9e9e";

    private static final Style CAMERA = Style.byProperty(
            "camera",
            Symbol.point("#1565c0", WHITE, 7),
            "status",
            List.of(
                    rule("online", "Trực tuyến", "Online", Symbol.point("#1565c0", WHITE, 7)),
                    rule("offline", "Mất kết nối", "Offline", Symbol.point(OFFLINE_GREY, WHITE, 6))));

    private static final Style CITIZEN_REPORT = Style.byProperty(
            "report",
            Symbol.point("#ef6c00", WHITE, 7),
            "status",
            List.of(
                    // New reports are the ones an operator must act on, so they get the strongest colour and size.
                    rule("NEW", "Mới", "New", Symbol.point("#e65100", WHITE, 8)),
                    rule("ASSIGNED", "Đã phân công", "Assigned", Symbol.point("#f9a825", WHITE, 7)),
                    rule("IN_PROGRESS", "Đang xử lý", "In progress", Symbol.point("#8e24aa", WHITE, 7)),
                    rule("RESOLVED", "Đã giải quyết", "Resolved", Symbol.point("#2e7d32", WHITE, 6)),
                    rule("REJECTED", "Từ chối", "Rejected", Symbol.point("#757575", WHITE, 6))));

    private static final Style ENV_STATION = Style.of("station", Symbol.point("#2e7d32", WHITE, 7));

    private static final Style VESSEL = Style.of("vessel", Symbol.point("#00838f", WHITE, 6));

    private static final Style FIRE_ALARM = Style.byProperty(
            "fire",
            Symbol.point("#d32f2f", WHITE, 7),
            "status",
            List.of(
                    rule("normal", "Bình thường", "Normal", Symbol.point("#43a047", WHITE, 6)),
                    // An alarm is the one thing an operator must never miss: the brightest red and the largest marker.
                    rule("alarm", "Đang báo cháy", "Fire alarm", Symbol.point("#d50000", WHITE, 10)),
                    rule("fault", "Lỗi thiết bị", "Device fault", Symbol.point("#ffa000", WHITE, 7)),
                    rule("offline", "Mất kết nối", "Offline", Symbol.point(OFFLINE_GREY, WHITE, 6))));

    private static final Style LAND_USE_PLAN = Style.byProperty(
            "plan",
            // Zones with an unknown or missing code stay visible but neutral, so they do not pass for a real category.
            Symbol.polygon("#e0e0e0", LandUseColours.FILL_OPACITY, "#616161", LandUseColours.STROKE_WIDTH),
            "land_use_code",
            LandUseColours.all().stream()
                    .map(entry -> new Rule(entry.code(), entry.name(), entry.symbol()))
                    .toList());

    private static final Style GENERIC_STYLE = Style.of(GENERIC, Symbol.point("#757575", WHITE, 6));

    private DefaultStyles() {}

    /**
     * Returns the default style of the layer kind {@code kindId}, such as {@code citizen_report}; an unknown or null id
     * gets the generic style, so a layer of a kind added later is still drawn.
     */
    public static Style forKind(String kindId) {
        if (kindId == null) {
            return GENERIC_STYLE;
        }
        return switch (kindId) {
            case "camera" -> CAMERA;
            case "citizen_report" -> CITIZEN_REPORT;
            case "env_station" -> ENV_STATION;
            case "vessel" -> VESSEL;
            case "land_use_plan" -> LAND_USE_PLAN;
            case "fire_alarm" -> FIRE_ALARM;
            default -> GENERIC_STYLE;
        };
    }

    private static Rule rule(String value, String vi, String en, Symbol symbol) {
        return new Rule(value, Label.of(vi, en), symbol);
    }
}
