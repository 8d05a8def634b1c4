package org.iocmap.layers.query.cql2;

/**
 * Names the spatial predicates supported so far, with the meaning of the JTS (and PostGIS geometry) predicate of the
 * same name, evaluated in the lon/lat plane. The other CQL2 spatial predicates (S_EQUALS, S_TOUCHES, S_OVERLAPS,
 * S_CROSSES) are recognised by the parser and rejected as not supported yet.
 */
public enum SpatialOp {
    /** The geometries share at least one point, boundaries included. */
    S_INTERSECTS,
    /** Every point of the left geometry lies in the right one and their interiors meet; a boundary point alone is not within. */
    S_WITHIN,
    /** The right geometry is within the left one. */
    S_CONTAINS,
    /** The geometries share no point. */
    S_DISJOINT
}
