package org.iocmap.layers.model;

/** Holds a feature found by a nearest-neighbour query and its geodesic distance in metres. */
public record NearFeature(Feature feature, double distanceMetres) {}
