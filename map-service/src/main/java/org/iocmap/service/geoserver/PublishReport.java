package org.iocmap.service.geoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Tells what one publication did to GeoServer, resource by resource, in the order the calls were made.
 *
 * @param geoserver GeoServer's base URL
 * @param reachedGeoServer false when the workspace could not even be read or created (GeoServer down, not ready yet,
 *     or refusing the credentials): then nothing else was tried
 */
public record PublishReport(
        String geoserver,
        String workspace,
        String datastore,
        Instant finishedAt,
        boolean reachedGeoServer,
        List<Item> resources) {

    /** Names what happened to one resource. */
    public enum Action {
        CREATED,
        UPDATED,
        UNCHANGED,
        FAILED,
        SKIPPED;

        /** Returns the lower-case name used in the JSON form. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Tells what happened to one resource.
     *
     * @param type {@code workspace}, {@code datastore}, {@code featuretype}, {@code style} or {@code layer}
     * @param detail why it failed or was skipped (the call, GeoServer's status and the start of its answer); empty
     *     otherwise
     */
    public record Item(String type, String name, Action action, String detail) {
        /** Tests whether this resource failed. */
        public boolean failed() {
            return action == Action.FAILED;
        }
    }

    public PublishReport {
        resources = List.copyOf(resources);
    }

    /** Counts the resources that ended with {@code action}. */
    public long count(Action action) {
        return resources.stream().filter(i -> i.action() == action).count();
    }

    /** Tests whether every resource is as the service wants it. */
    public boolean isComplete() {
        return reachedGeoServer && count(Action.FAILED) == 0 && count(Action.SKIPPED) == 0;
    }

    /** Returns the JSON form {@code POST /api/admin/geoserver/publish} answers. */
    public JsonObject toJson() {
        JsonArray items = new JsonArray();
        for (Item item : resources) {
            JsonObject json = new JsonObject()
                    .put("type", item.type())
                    .put("name", item.name())
                    .put("action", item.action().id());
            if (!item.detail().isEmpty()) {
                json.put("detail", item.detail());
            }
            items.add(json);
        }
        JsonObject counts = new JsonObject();
        for (Action action : Action.values()) {
            counts.put(action.id(), count(action));
        }
        return new JsonObject()
                .put("geoserver", geoserver)
                .put("workspace", workspace)
                .put("datastore", datastore)
                .put("finishedAt", finishedAt.toString())
                .put("complete", isComplete())
                .put("counts", counts)
                .put("resources", items);
    }
}
