package org.iocmap.service.geofence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.iocmap.service.http.GeoJson;
import org.iocmap.service.http.InvalidInputException;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads and writes a fence version as JSON, the shape of {@code /api/geofences} and of the stored versions:
 *
 * <pre>{@code
 * {"name": "Vùng cấm khai thác", "kind": "NO_FISHING_ZONE", "geometry": {GeoJSON Polygon…},
 *  "effectiveFrom": "2026-04-01T00:00:00Z",
 *  "schedule": {"zone": "Asia/Ho_Chi_Minh", "windows": [{"from": "04-01", "to": "06-30",
 *               "dailyStart": "22:00", "dailyEnd": "04:00"}]},
 *  "vesselClasses": ["FISHING"],
 *  "rules": {"events": ["ENTER", "EXIT", "LOITER"], "approachMinutes": 30, "approachMinimumKnots": 1,
 *            "dwellMinutes": 60, "loiterMaximumKnots": 3, "loiterMinutes": 60, "hysteresisMetres": 50,
 *            "hysteresisMinutes": 10},
 *  "source": "where the geometry comes from"}
 * }</pre>
 *
 * Only name, kind and geometry are required: the schedule defaults to always, the classes to every vessel, the rules to
 * every event the geometry can report with the default parameters, {@code effectiveFrom} to now. Every failure names
 * the member and what was expected.
 */
public final class GeofenceJson {
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

    private GeofenceJson() {}

    /** Reads a version numbered {@code version}; {@code now} when the body gives no {@code effectiveFrom}. */
    public static GeofenceVersion read(JsonObject json, int version, Instant now) {
        String name = text(json, "name", true);
        FenceKind kind = enumValue(FenceKind.class, json.getValue("kind"), "kind");
        Geometry geometry = GeoJson.toGeometry(json.getValue("geometry"));
        Instant effectiveFrom =
                json.getValue("effectiveFrom") == null ? now : instant(json.getValue("effectiveFrom"), "effectiveFrom");
        Schedule schedule = schedule(json.getValue("schedule"));
        Set<VesselClass> classes = classes(json.getValue("vesselClasses"));
        FenceRules rules = rules(json.getValue("rules"), geometry);
        try {
            return new GeofenceVersion(version, effectiveFrom, name, kind, geometry, schedule, classes, rules);
        } catch (IllegalArgumentException e) {
            String member = e.getMessage().contains("line fence") ? "rules" : "geometry";
            throw new InvalidInputException(member, null, "a fence the engine can watch; " + e.getMessage());
        }
    }

    /** Writes a version in the shape {@link #read} reads, with its number. */
    public static JsonObject write(GeofenceVersion v) {
        JsonArray windows = new JsonArray();
        for (Schedule.Window w : v.schedule().windows()) {
            JsonObject window = new JsonObject()
                    .put("from", MONTH_DAY.format(w.firstDay()))
                    .put("to", MONTH_DAY.format(w.lastDay()));
            if (w.dailyStart() != null) {
                window.put("dailyStart", w.dailyStart().toString())
                        .put("dailyEnd", w.dailyEnd().toString());
            }
            windows.add(window);
        }
        FenceRules r = v.rules();
        JsonArray events = new JsonArray();
        r.events().stream().sorted().forEach(e -> events.add(e.name()));
        JsonArray classes = new JsonArray();
        v.vesselClasses().stream().sorted().forEach(c -> classes.add(c.name()));
        return new JsonObject()
                .put("version", v.version())
                .put("effectiveFrom", v.effectiveFrom().toString())
                .put("name", v.name())
                .put("kind", v.kind().name())
                .put("geometry", GeoJson.geometry(v.geometry()))
                .put(
                        "schedule",
                        new JsonObject()
                                .put("zone", v.schedule().zone().getId())
                                .put("windows", windows))
                .put("vesselClasses", classes)
                .put(
                        "rules",
                        new JsonObject()
                                .put("events", events)
                                .put("approachMinutes", r.approachLookahead().toMinutes())
                                .put("approachMinimumKnots", r.approachMinimumKnots())
                                .put("dwellMinutes", r.dwellMinimum().toMinutes())
                                .put("loiterMaximumKnots", r.loiterMaximumKnots())
                                .put("loiterMinutes", r.loiterMinimum().toMinutes())
                                .put("hysteresisMetres", r.hysteresisMetres())
                                .put("hysteresisMinutes", r.hysteresisTime().toMinutes()));
    }

    private static String text(JsonObject json, String member, boolean required) {
        Object value = json.getValue(member);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new InvalidInputException(member, value == null ? null : String.valueOf(value), "a non-empty text");
        }
        if (s.length() > 200) {
            throw new InvalidInputException(member, s.substring(0, 40) + "…", "at most 200 characters");
        }
        return s.strip();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Object value, String member) {
        String expected = "one of " + Arrays.toString(type.getEnumConstants());
        if (!(value instanceof String s)) {
            throw new InvalidInputException(member, value == null ? null : String.valueOf(value), expected);
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(member, s, expected);
        }
    }

    private static Instant instant(Object value, String member) {
        try {
            return Instant.parse(String.valueOf(value));
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    member, String.valueOf(value), "an ISO-8601 UTC time such as 2026-04-01T00:00:00Z");
        }
    }

    private static Schedule schedule(Object value) {
        if (value == null) {
            return Schedule.always();
        }
        if (!(value instanceof JsonObject json)) {
            throw new InvalidInputException("schedule", String.valueOf(value), "an object {\"zone\", \"windows\"}");
        }
        ZoneId zone = Schedule.DEFAULT_ZONE;
        if (json.getValue("zone") != null) {
            try {
                zone = ZoneId.of(String.valueOf(json.getValue("zone")));
            } catch (DateTimeException e) {
                throw new InvalidInputException(
                        "schedule.zone", String.valueOf(json.getValue("zone")), "a time zone such as Asia/Ho_Chi_Minh");
            }
        }
        List<Schedule.Window> windows = new ArrayList<>();
        Object list = json.getValue("windows");
        if (list != null && !(list instanceof JsonArray)) {
            throw new InvalidInputException("schedule.windows", String.valueOf(list), "a list of windows");
        }
        for (Object item : list == null ? new JsonArray() : (JsonArray) list) {
            if (!(item instanceof JsonObject w)) {
                throw new InvalidInputException(
                        "schedule.windows", String.valueOf(item), "windows {\"from\": \"MM-dd\", \"to\": \"MM-dd\"}");
            }
            try {
                MonthDay from = MonthDay.parse("--" + w.getString("from"));
                MonthDay to = MonthDay.parse("--" + w.getString("to"));
                LocalTime start = w.getString("dailyStart") == null ? null : LocalTime.parse(w.getString("dailyStart"));
                LocalTime end = w.getString("dailyEnd") == null ? null : LocalTime.parse(w.getString("dailyEnd"));
                windows.add(new Schedule.Window(from, to, start, end));
            } catch (DateTimeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException(
                        "schedule.windows",
                        w.encode(),
                        "{\"from\": \"MM-dd\", \"to\": \"MM-dd\"} with optional \"dailyStart\" and \"dailyEnd\""
                                + " (HH:mm, both or neither, different)");
            }
        }
        return new Schedule(zone, windows);
    }

    private static Set<VesselClass> classes(Object value) {
        if (value == null) {
            return VesselClass.any();
        }
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidInputException(
                    "vesselClasses",
                    String.valueOf(value),
                    "a non-empty list of " + Arrays.toString(VesselClass.values()) + "; leave it out for every vessel");
        }
        Set<VesselClass> classes = EnumSet.noneOf(VesselClass.class);
        for (Object item : array) {
            classes.add(enumValue(VesselClass.class, item, "vesselClasses"));
        }
        return classes;
    }

    private static FenceRules rules(Object value, Geometry geometry) {
        boolean area = geometry instanceof org.locationtech.jts.geom.Polygonal;
        FenceRules defaults = area ? FenceRules.allForArea() : FenceRules.allForLine();
        if (value == null) {
            return defaults;
        }
        if (!(value instanceof JsonObject json)) {
            throw new InvalidInputException("rules", String.valueOf(value), "an object {\"events\": […], …}");
        }
        Set<EventType> events = defaults.events();
        if (json.getValue("events") != null) {
            if (!(json.getValue("events") instanceof JsonArray array)) {
                throw new InvalidInputException(
                        "rules.events", String.valueOf(json.getValue("events")), "a list of event types");
            }
            Set<EventType> chosen = EnumSet.noneOf(EventType.class);
            for (Object item : array) {
                EventType type = enumValue(EventType.class, item, "rules.events");
                if (!type.isFenceEvent()) {
                    throw new InvalidInputException(
                            "rules.events", type.name(), "fence events; DARK is watched for every vessel");
                }
                chosen.add(type);
            }
            events = chosen;
        }
        try {
            return new FenceRules(
                    events,
                    minutes(json, "approachMinutes", defaults.approachLookahead()),
                    number(json, "approachMinimumKnots", defaults.approachMinimumKnots()),
                    minutes(json, "dwellMinutes", defaults.dwellMinimum()),
                    number(json, "loiterMaximumKnots", defaults.loiterMaximumKnots()),
                    minutes(json, "loiterMinutes", defaults.loiterMinimum()),
                    number(json, "hysteresisMetres", defaults.hysteresisMetres()),
                    minutes(json, "hysteresisMinutes", defaults.hysteresisTime()));
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException("rules", json.encode(), "valid rules; " + e.getMessage());
        }
    }

    private static Duration minutes(JsonObject json, String member, Duration fallback) {
        Object value = json.getValue(member);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 525_600) {
            throw new InvalidInputException("rules." + member, String.valueOf(value), "minutes, 0 to 525600");
        }
        return Duration.ofSeconds(Math.round(n.doubleValue() * 60));
    }

    private static double number(JsonObject json, String member, double fallback) {
        Object value = json.getValue(member);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
            throw new InvalidInputException("rules." + member, String.valueOf(value), "a number 0 or more");
        }
        return n.doubleValue();
    }
}
