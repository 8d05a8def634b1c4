package org.iocmap.service.alarms;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.iocmap.service.http.InvalidInputException;

/**
 * Holds what an administrator gives to register or update a device: {@code {"code", "building", "address", "floor",
 * "deviceType", "district", "heartbeatIntervalS", "lon", "lat"}}. Checked in full when read; the first bad field is
 * named.
 */
public record DeviceInput(
        String code,
        String building,
        String address,
        Integer floor,
        String deviceType,
        String district,
        int heartbeatIntervalS,
        double lon,
        double lat) {

    /** The device types the fire_alarms layer names. */
    public static final List<String> DEVICE_TYPES =
            List.of("smoke_detector", "heat_detector", "manual_call_point", "control_panel");

    public static final int DEFAULT_HEARTBEAT_S = 300;
    static final int MIN_HEARTBEAT_S = 10;
    static final int MAX_HEARTBEAT_S = 86_400;

    private static final Set<String> FIELDS = Set.of(
            "code", "building", "address", "floor", "deviceType", "district", "heartbeatIntervalS", "lon", "lat");

    /**
     * Reads a device from a request body.
     *
     * @param pathCode the code in the path of a PUT; null for a POST, whose body carries the code
     * @throws InvalidInputException naming the first bad field
     */
    public static DeviceInput from(JsonObject body, String pathCode) {
        for (String key : body.fieldNames()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidInputException(
                        key,
                        String.valueOf(body.getValue(key)),
                        "no such field; the fields are "
                                + FIELDS.stream().sorted().toList());
            }
        }
        String code = pathCode != null ? pathCode : text(body, "code", 32, true);
        if (body.containsKey("code") && pathCode != null && !pathCode.equals(body.getValue("code"))) {
            throw new InvalidInputException(
                    "code",
                    String.valueOf(body.getValue("code")),
                    "the code in the path, " + pathCode + " (a device's code does not change)");
        }
        if (!code.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,31}")) {
            throw new InvalidInputException("code", code, "1 to 32 letters, digits, '.', '_', ':' and '-'");
        }
        String building = text(body, "building", 255, true);
        String address = text(body, "address", 255, false);
        String district = text(body, "district", 128, false);
        Integer floor = null;
        if (body.getValue("floor") != null) {
            floor = whole(body, "floor", -10, 200);
        }
        String type = text(body, "deviceType", 32, false);
        if (type == null) {
            type = "smoke_detector";
        } else if (!DEVICE_TYPES.contains(type)) {
            throw new InvalidInputException("deviceType", type, "one of " + DEVICE_TYPES);
        }
        int heartbeat = body.getValue("heartbeatIntervalS") == null
                ? DEFAULT_HEARTBEAT_S
                : whole(body, "heartbeatIntervalS", MIN_HEARTBEAT_S, MAX_HEARTBEAT_S);
        double lon = number(body, "lon", -180, 180);
        double lat = number(body, "lat", -90, 90);
        return new DeviceInput(code, building, address, floor, type, district, heartbeat, lon, lat);
    }

    private static String text(JsonObject body, String name, int max, boolean required) {
        Object value = body.getValue(name);
        if (value == null) {
            if (required) {
                throw new InvalidInputException(name, null, "a text of 1 to " + max + " characters");
            }
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > max) {
            throw new InvalidInputException(name, String.valueOf(value), "a text of 1 to " + max + " characters");
        }
        return s.strip();
    }

    private static int whole(JsonObject body, String name, int min, int max) {
        Object value = body.getValue(name);
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            long v = n.longValue();
            if (v >= min && v <= max) {
                return (int) v;
            }
        }
        throw new InvalidInputException(name, String.valueOf(value), "a whole number from " + min + " to " + max);
    }

    private static double number(JsonObject body, String name, double min, double max) {
        Object value = body.getValue(name);
        if (value instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) {
            return n.doubleValue();
        }
        throw new InvalidInputException(
                name, String.valueOf(value), "a number from " + min + " to " + max + " (degrees, EPSG:4326)");
    }
}
