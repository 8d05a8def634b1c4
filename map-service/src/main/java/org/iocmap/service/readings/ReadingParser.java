package org.iocmap.service.readings;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.iocmap.layers.readings.ReadingParameter;

/**
 * Reads readings from JSON: one object {@code {"station", "parameter", "value", "unit", "at"}}, an array of them, or
 * {@code {"readings": [...]}}. {@code unit} may be left out; when given it must be the parameter's. Each item that
 * fails a check is a reject with its index and reason; the others are returned for the store.
 */
public final class ReadingParser {
    /** How far in the future a reading's time may lie (clocks of stations drift). */
    static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

    private ReadingParser() {}

    /** Holds the readings that passed, the rejects and how many items there were. */
    public record Parsed(int items, List<Reading> readings, List<ReadingReject> rejects) {}

    /** Signals that the payload as a whole is not a reading, an array of them or {@code {"readings": [...]}}. */
    public static final class NotJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        NotJsonException(String message) {
            super(message);
        }
    }

    /**
     * Parses a payload received at {@code now}.
     *
     * @throws NotJsonException when the payload as a whole cannot be read
     */
    public static Parsed parse(String payload, Instant now) throws NotJsonException {
        return parse(payload, null, now);
    }

    /**
     * Parses a payload received at {@code now}; items that name no station take {@code defaultStation} (the last level
     * of an MQTT topic), when not null.
     *
     * @throws NotJsonException when the payload as a whole cannot be read
     */
    public static Parsed parse(String payload, String defaultStation, Instant now) throws NotJsonException {
        Object json;
        try {
            json = payload == null || payload.isBlank() ? null : Json.decodeValue(payload);
        } catch (DecodeException e) {
            throw new NotJsonException("not JSON: " + e.getMessage());
        }
        List<Object> items;
        if (json instanceof JsonArray array) {
            items = array.getList();
        } else if (json instanceof JsonObject object && object.getValue("readings") instanceof JsonArray array) {
            items = array.getList();
        } else if (json instanceof JsonObject object) {
            items = List.of(object);
        } else {
            throw new NotJsonException("expected a reading object, an array of them, or {\"readings\": [...]}");
        }
        List<Reading> readings = new ArrayList<>();
        List<ReadingReject> rejects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Map<?, ?> map) {
                item = new JsonObject(cast(map));
            }
            if (!(item instanceof JsonObject object)) {
                rejects.add(
                        new ReadingReject(i, RejectReason.BAD_READING, "item " + i + " is not a JSON object", null));
                continue;
            }
            JsonObject reading = defaultStation != null && !object.containsKey("station")
                    ? object.copy().put("station", defaultStation)
                    : object;
            ReadingReject reject = reject(i, reading, now);
            if (reject == null) {
                readings.add(read(i, reading));
            } else {
                rejects.add(reject);
            }
        }
        return new Parsed(items.size(), readings, rejects);
    }

    private static Reading read(int index, JsonObject item) {
        return new Reading(
                index,
                item.getString("station").strip(),
                ReadingParameter.find(item.getString("parameter")).orElseThrow(),
                ((Number) item.getValue("value")).doubleValue(),
                Instant.parse(item.getString("at").strip()));
    }

    /** Returns why the item cannot be stored; null when it passes. */
    private static ReadingReject reject(int i, JsonObject item, Instant now) {
        Object stationValue = item.getValue("station");
        if (!(stationValue instanceof String station) || station.isBlank()) {
            return new ReadingReject(
                    i, RejectReason.BAD_READING, "item " + i + " names no station (\"station\")", null);
        }
        String code = station.strip();
        Object parameterValue = item.getValue("parameter");
        Optional<ReadingParameter> parameter =
                parameterValue instanceof String name ? ReadingParameter.find(name) : Optional.empty();
        if (parameter.isEmpty()) {
            return new ReadingReject(
                    i,
                    RejectReason.UNKNOWN_PARAMETER,
                    "parameter " + parameterValue + " is not one of " + names(),
                    code);
        }
        ReadingParameter p = parameter.get();
        if (!(item.getValue("value") instanceof Number number)) {
            return new ReadingReject(
                    i, RejectReason.NOT_A_NUMBER, "value " + item.getValue("value") + " is not a JSON number", code);
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value) || value < p.min() || value > p.max()) {
            return new ReadingReject(
                    i,
                    RejectReason.IMPOSSIBLE_VALUE,
                    p.stored() + " " + value + " lies outside " + p.min() + " to " + p.max() + " " + p.unit(),
                    code);
        }
        Object unit = item.getValue("unit");
        if (unit != null && !(unit instanceof String u && p.acceptsUnit(u))) {
            return new ReadingReject(
                    i, RejectReason.BAD_UNIT, p.stored() + " is measured in " + p.unit() + ", not " + unit, code);
        }
        Object at = item.getValue("at");
        Instant time;
        try {
            time = at instanceof String s ? Instant.parse(s.strip()) : null;
        } catch (DateTimeParseException e) {
            time = null;
        }
        if (time == null) {
            return new ReadingReject(
                    i,
                    RejectReason.BAD_TIME,
                    "at " + at + " is not an ISO-8601 UTC time such as 2026-01-31T08:00:00Z",
                    code);
        }
        if (time.isAfter(now.plus(FUTURE_SLACK))) {
            return new ReadingReject(
                    i,
                    RejectReason.BAD_TIME,
                    "at " + time + " lies more than 5 minutes after the receipt " + now,
                    code);
        }
        return null;
    }

    private static List<String> names() {
        return java.util.Arrays.stream(ReadingParameter.values())
                .map(ReadingParameter::stored)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
