package org.iocmap.service.stream;

import java.util.Optional;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.model.Feature;

/**
 * Holds one change handed to subscriptions, with the feature's state read once for all of them.
 *
 * @param state the feature as it is now, empty when it no longer exists; null when it was not read (no subscriber
 *     of its layer when the batch was read), so the subscription reads it itself
 */
record Delivery(Change change, Optional<Feature> state) {}
