package org.iocmap.layers.query.cql2;

/**
 * Names the CQL2 temporal predicates. Both sides are closed intervals [start, end]; an instant is an interval whose
 * start equals its end, and a missing bound ({@code '..'}) is minus or plus infinity. Each constant's Javadoc gives its
 * definition for a = left and b = right, as in OGC 21-065.
 */
public enum TemporalOp {
    /** a.start &gt; b.end */
    T_AFTER,
    /** a.end &lt; b.start */
    T_BEFORE,
    /** a.start &lt; b.start and a.end &gt; b.end */
    T_CONTAINS,
    /** not T_INTERSECTS */
    T_DISJOINT,
    /** a.start &gt; b.start and a.end &lt; b.end */
    T_DURING,
    /** a.start = b.start and a.end = b.end */
    T_EQUALS,
    /** a.start &lt; b.start and a.end = b.end */
    T_FINISHEDBY,
    /** a.start &gt; b.start and a.end = b.end */
    T_FINISHES,
    /** a.start &lt;= b.end and a.end &gt;= b.start: the closed intervals share at least one instant */
    T_INTERSECTS,
    /** a.end = b.start */
    T_MEETS,
    /** a.start = b.end */
    T_METBY,
    /** a.start &gt; b.start and a.start &lt; b.end and a.end &gt; b.end */
    T_OVERLAPPEDBY,
    /** a.start &lt; b.start and a.end &gt; b.start and a.end &lt; b.end */
    T_OVERLAPS,
    /** a.start = b.start and a.end &gt; b.end */
    T_STARTEDBY,
    /** a.start = b.start and a.end &lt; b.end */
    T_STARTS
}
