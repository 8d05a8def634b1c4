package org.iocmap.layers.reports;

/** Tells when a photo came: with the report ({@link #SUBMITTED}) or with its resolution ({@link #RESOLUTION}). */
public enum PhotoKind {
    SUBMITTED,
    RESOLUTION
}
