package org.iocmap.service.alarms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.iocmap.service.cameras.CameraView;

/** Renders the alarm records as the API's JSON: camelCase names, times as ISO-8601 UTC, positions as lon/lat. */
public final class AlarmJson {
    private AlarmJson() {}

    public static JsonObject device(AlarmDevice d) {
        return new JsonObject()
                .put("code", d.code())
                .put("building", d.building())
                .put("address", d.address())
                .put("floor", d.floor())
                .put("deviceType", d.deviceType())
                .put("status", d.status())
                .put("district", d.district())
                .put("heartbeatIntervalS", d.heartbeatIntervalS())
                .put("lastEvent", d.lastEvent())
                .put("lastEventAt", time(d.lastEventAt()))
                .put("lastHeartbeatAt", time(d.lastHeartbeatAt()))
                .put("offlineAfter", time(d.offlineAfter()))
                .put("lon", d.lon())
                .put("lat", d.lat());
    }

    public static JsonObject event(DeviceEvent e) {
        return new JsonObject()
                .put("id", e.id())
                .put("device", e.device())
                .put("type", e.type().name())
                .put("at", time(e.at()))
                .put("receivedAt", time(e.receivedAt()))
                .put("sourceId", e.sourceId())
                .put("incident", e.incident());
    }

    public static JsonObject station(FireStation s) {
        return new JsonObject()
                .put("code", s.code())
                .put("name", s.name())
                .put("address", s.address())
                .put("phone", s.phone())
                .put("district", s.district())
                .put("lon", s.lon())
                .put("lat", s.lat());
    }

    public static JsonObject camera(CameraView c) {
        return new JsonObject()
                .put("code", c.code())
                .put("name", c.name())
                .put("cameraType", c.cameraType())
                .put("headingDeg", c.headingDeg())
                .put("fovDeg", c.fovDeg())
                .put("rangeM", c.rangeM())
                .put("status", c.status())
                .put("district", c.district())
                .put("streamUrl", c.streamUrl())
                .put("snapshotUrl", c.snapshotUrl())
                .put("lon", c.lon())
                .put("lat", c.lat());
    }

    /** Renders an incident with the actions allowed now. */
    public static JsonObject incident(FireIncidents.Incident i) {
        JsonArray actions = new JsonArray();
        i.status().allowedActions().forEach(a -> actions.add(a.path()));
        return new JsonObject()
                .put("code", i.code())
                .put("status", i.status().name())
                .put("actions", actions)
                .put("falseAlarmOnly", i.status().resolvesOnlyAsFalseAlarm())
                .put("device", i.device())
                .put("building", i.building())
                .put("address", i.address())
                .put("floor", i.floor())
                .put("district", i.district())
                .put("lon", i.lon())
                .put("lat", i.lat())
                .put("openedAt", time(i.openedAt()))
                .put("lastAlarmAt", time(i.lastAlarmAt()))
                .put("alarmCount", i.alarmCount())
                .put("acknowledgedAt", time(i.acknowledgedAt()))
                .put("acknowledgedBy", i.acknowledgedBy())
                .put("dispatchedAt", time(i.dispatchedAt()))
                .put("dispatchedBy", i.dispatchedBy())
                .put("dispatchedStation", i.dispatchedStation())
                .put("resolvedAt", time(i.resolvedAt()))
                .put("resolvedBy", i.resolvedBy())
                .put("falseAlarm", i.falseAlarm())
                .put("resolutionNote", i.resolutionNote())
                .put("updatedAt", time(i.updatedAt()));
    }

    /** Renders an incident with its history, stations, cameras and events. */
    public static JsonObject detail(FireIncidents.Detail d) {
        JsonArray history = new JsonArray();
        d.history()
                .forEach(h -> history.add(new JsonObject()
                        .put("at", time(h.at()))
                        .put("actor", h.actor())
                        .put("action", h.action())
                        .put("from", h.from() == null ? null : h.from().name())
                        .put("to", h.to().name())
                        .put("station", h.station())
                        .put("note", h.note())));
        JsonArray stations = new JsonArray();
        d.stations()
                .forEach(s -> stations.add(
                        station(s.station()).put("rank", s.rank()).put("distanceM", round(s.distanceMetres()))));
        JsonArray cameras = new JsonArray();
        d.cameras()
                .forEach(c -> cameras.add(camera(c.camera())
                        .put("rank", c.rank())
                        .put("distanceM", round(c.distanceMetres()))
                        .put("bearingDeg", round(c.bearingDegrees()))));
        JsonArray events = new JsonArray();
        d.events().forEach(e -> events.add(event(e)));
        return incident(d.incident())
                .put("history", history)
                .put("stations", stations)
                .put("cameras", cameras)
                .put("events", events);
    }

    /** Rounds metres and degrees to centimetres and hundredths: what a person reads, stable in tests. */
    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
