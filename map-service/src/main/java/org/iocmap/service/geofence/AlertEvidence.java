package org.iocmap.service.geofence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link GeofenceEvent} into the properties of an alert feature: what happened, to which vessel, at which
 * version of which fence, a one-line summary, and the evidence (the fixes it was derived from and what its type adds)
 * as JSON text.
 */
final class AlertEvidence {
    private AlertEvidence() {}

    static Map<String, Object> properties(
            GeofenceEvent e, String vesselName, GeofenceCatalog fences, Instant raisedAt) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", e.type().name());
        p.put("mmsi", (long) e.mmsi());
        p.put("vessel", vesselName);
        if (e.fence() != null) {
            p.put("fence_id", e.fence().id());
            p.put("fence_version", (long) e.fence().version());
            fences.index()
                    .findFence(e.fence().id())
                    .flatMap(f -> f.versions().stream()
                            .filter(v -> v.version() == e.fence().version())
                            .findFirst())
                    .ifPresent(v -> {
                        p.put("fence_name", v.name());
                        p.put("fence_kind", v.kind().name());
                    });
        }
        p.put("summary", summary(e));
        p.put("interpolated", e.interpolated());
        p.put("status", "NEW");
        p.put("raised_at", raisedAt.toString());
        p.put("evidence", evidence(e).encode());
        return p;
    }

    /** Returns what the event's type adds, in a few words. */
    static String summary(GeofenceEvent e) {
        return switch (e.detail()) {
            case EventDetail.Transition t -> t.cause().name();
            case EventDetail.Crossing c -> c.direction().name();
            case EventDetail.Approach a ->
                "arrives " + a.arrivalTime() + " in " + Math.round(a.distanceMetres()) + " m";
            case EventDetail.Dwell d -> "inside since " + d.enteredAt();
            case EventDetail.Loiter l -> "slow since " + l.slowSince() + " at " + l.sogKnots() + " kn";
            case EventDetail.DarkStarted d -> "silent since " + d.lastSeen();
            case EventDetail.DarkEnded d -> "back after " + d.gap();
        };
    }

    /** Returns the evidence: the track the event was derived from, and the detail of its type. */
    static JsonObject evidence(GeofenceEvent e) {
        JsonArray track = new JsonArray();
        for (PositionFix f : e.track()) {
            track.add(new JsonObject()
                    .put("time", f.time().toString())
                    .put("lon", f.lon())
                    .put("lat", f.lat())
                    .put("sogKnots", f.sogKnots())
                    .put("cogDegrees", f.cogDegrees()));
        }
        JsonObject evidence = new JsonObject()
                .put("time", e.time().toString())
                .put("lon", e.lon())
                .put("lat", e.lat())
                .put("interpolated", e.interpolated())
                .put("track", track);
        if (e.fence() != null) {
            evidence.put(
                    "fence",
                    new JsonObject()
                            .put("id", e.fence().id())
                            .put("version", e.fence().version()));
        }
        evidence.put("detail", JsonObject.mapFrom(detailMap(e.detail())));
        return evidence;
    }

    private static Map<String, Object> detailMap(EventDetail detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", detail.getClass().getSimpleName());
        for (var component : detail.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(detail);
                m.put(
                        component.getName(),
                        value instanceof Number || value instanceof Boolean ? value : String.valueOf(value));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return m;
    }
}
