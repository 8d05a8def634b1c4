package org.iocmap.layers.changes;

import java.time.Instant;
import java.util.Objects;

/**
 * Holds one row of the change log.
 *
 * @param id the position in the log, unique and increasing in insertion order (not always in commit order)
 * @param layerId the layer of the feature
 * @param featureId the feature's id within its layer
 * @param op what happened to the feature
 * @param at when the change was written, by the writer's clock
 */
public record Change(long id, String layerId, long featureId, ChangeOp op, Instant at) {
    public Change {
        Objects.requireNonNull(layerId, "layerId");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(at, "at");
    }
}
