package org.iocmap.layers.reports;

/** Holds a report that may describe the same problem as another, with the geodesic distance between them in metres. */
public record Duplicate(Report report, double distanceMetres) {}
