package org.iocmap.layers.model;

import java.time.Instant;

/** Holds the earliest and latest time of a layer's features; both are null for an empty layer. */
public record TimeExtent(String attribute, Instant start, Instant end) {}
