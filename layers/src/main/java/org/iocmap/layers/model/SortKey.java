package org.iocmap.layers.model;

import java.util.Objects;

/** Orders query results by one attribute; missing values sort last in both directions. */
public record SortKey(String attribute, boolean descending) {
    public SortKey {
        Objects.requireNonNull(attribute, "attribute");
    }
}
