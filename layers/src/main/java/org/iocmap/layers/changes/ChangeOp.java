package org.iocmap.layers.changes;

/** Names what happened to a feature: it was added, its geometry, time or properties changed, or it was removed. */
public enum ChangeOp {
    ADDED,
    CHANGED,
    REMOVED
}
