package org.iocmap.service.stream;

import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.model.Feature;
import org.iocmap.tiles.grid.TileCoord;

/**
 * Holds one change handed to subscriptions, with the feature's state read once for all of them.
 *
 * @param state the feature as it is now, empty when it no longer exists; null when it was not read (no subscriber
 *     of its layer when the batch was read), so the subscription reads it itself
 * @param tiles the kept tiles of the layer the change made stale: pages showing them fetch them again
 */
record Delivery(Change change, Optional<Feature> state, Set<TileCoord> tiles) {
    /** A delivery that made no kept tile stale (or whose tiles are not told, as in a replay). */
    Delivery(Change change, Optional<Feature> state) {
        this(change, state, Set.of());
    }
}
