package org.iocmap.layers.model;

import java.util.List;

/** Holds one page of features and how many features match the query in all. */
public record FeaturePage(List<Feature> features, long numberMatched) {
    public FeaturePage {
        features = List.copyOf(features);
    }
}
