package org.iocmap.service.alarms;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads alarm events from JSON, the same for an HTTP body and an MQTT payload: one event object, an array of them, or
 * {@code {"events": [...]}}. Each event is {@code {"device": "<code>", "type": "ALARM", "at": "2026-…Z", "id": "…"}}:
 * {@code type} is ALARM, FAULT, RESTORE or HEARTBEAT (any case); {@code at} is an ISO-8601 instant with {@code Z} or an
 * offset and defaults to the receipt time; {@code id} is the sender's optional event id. A bad item is rejected with
 * its index and reason and never stops the others.
 */
public final class AlarmEventParser {
    /** How far in the future an event time may lie: device clocks drift, but not by this much. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    static final int MAX_DEVICE_CHARS = 32;
    static final int MAX_ID_CHARS = 128;

    private AlarmEventParser() {}

    /** Holds what a payload held: the events that passed, the items that did not, each with its index. */
    public record Parsed(List<AlarmEvent> events, List<AlarmReject> rejects) {
        /** Returns the number of items the payload held. */
        public int items() {
            return events.size() + rejects.size();
        }
    }

    /** Signals a payload that is not JSON, or JSON that is neither an object nor an array. */
    public static final class NotJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        NotJsonException(String message) {
            super(message);
        }
    }

    /**
     * Reads a payload.
     *
     * @param defaultDevice the device of items that name none (the last level of an MQTT topic); null for none
     * @param now the receipt time: the default {@code at}, and what "in the future" is measured against
     * @throws NotJsonException when the payload as a whole cannot be read
     */
    public static Parsed parse(String payload, String defaultDevice, Instant now) throws NotJsonException {
        Object json;
        try {
            json = payload == null || payload.isBlank() ? null : Json.decodeValue(payload);
        } catch (DecodeException e) {
            throw new NotJsonException("not JSON: " + e.getMessage());
        }
        List<Object> items;
        if (json instanceof JsonArray array) {
            items = array.getList();
        } else if (json instanceof JsonObject object && object.getValue("events") instanceof JsonArray array) {
            items = array.getList();
        } else if (json instanceof JsonObject object) {
            items = List.of(object);
        } else {
            throw new NotJsonException("expected an event object, an array of them, or {\"events\": [...]}");
        }
        List<AlarmEvent> events = new ArrayList<>();
        List<AlarmReject> rejects = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof java.util.Map<?, ?> map) {
                item = new JsonObject(cast(map));
            }
            if (!(item instanceof JsonObject event)) {
                rejects.add(new AlarmReject(i, RejectReason.BAD_EVENT, "item " + i + " is not a JSON object", null));
                continue;
            }
            read(i, event, defaultDevice, now, events, rejects);
        }
        return new Parsed(events, rejects);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> cast(java.util.Map<?, ?> map) {
        return (java.util.Map<String, Object>) map;
    }

    private static void read(
            int index,
            JsonObject item,
            String defaultDevice,
            Instant now,
            List<AlarmEvent> events,
            List<AlarmReject> rejects) {
        Object rawDevice = item.getValue("device");
        String device =
                rawDevice == null ? defaultDevice : String.valueOf(rawDevice).strip();
        if (device == null || device.isEmpty()) {
            rejects.add(
                    new AlarmReject(index, RejectReason.BAD_EVENT, "names no device (\"device\": \"<code>\")", null));
            return;
        }
        if (device.length() > MAX_DEVICE_CHARS) {
            rejects.add(new AlarmReject(
                    index,
                    RejectReason.UNKNOWN_DEVICE,
                    "no device code is longer than " + MAX_DEVICE_CHARS + " characters",
                    device.substring(0, MAX_DEVICE_CHARS) + "…"));
            return;
        }
        Object rawType = item.getValue("type");
        EventType type = rawType instanceof String s ? EventType.sent(s).orElse(null) : null;
        if (type == null) {
            rejects.add(new AlarmReject(
                    index,
                    RejectReason.BAD_TYPE,
                    "type=" + rawType + " is not one of ALARM, FAULT, RESTORE, HEARTBEAT",
                    device));
            return;
        }
        Object rawAt = item.getValue("at");
        Instant at;
        if (rawAt == null) {
            at = now;
        } else {
            at = rawAt instanceof String s ? instant(s) : null;
            if (at == null) {
                rejects.add(new AlarmReject(
                        index,
                        RejectReason.BAD_TIME,
                        "at=" + rawAt + " is not an ISO-8601 time such as 2026-01-31T08:00:00Z",
                        device));
                return;
            }
            if (at.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
                rejects.add(new AlarmReject(
                        index,
                        RejectReason.BAD_TIME,
                        "at=" + rawAt + " lies more than " + MAX_CLOCK_AHEAD.toMinutes() + " minutes after the receipt"
                                + " time " + now + "; check the device's clock",
                        device));
                return;
            }
        }
        Object rawId = item.getValue("id");
        String sourceId = null;
        if (rawId != null) {
            sourceId = String.valueOf(rawId).strip();
            if (sourceId.isEmpty()
                    || sourceId.length() > MAX_ID_CHARS
                    || rawId instanceof JsonObject
                    || rawId instanceof JsonArray) {
                rejects.add(new AlarmReject(
                        index,
                        RejectReason.BAD_EVENT,
                        "id must be a text or number of 1 to " + MAX_ID_CHARS + " characters",
                        device));
                return;
            }
        }
        events.add(new AlarmEvent(index, device, type, at, sourceId));
    }

    /** Reads an ISO-8601 instant ({@code Z} or an offset); null when it is not one. */
    private static Instant instant(String raw) {
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
