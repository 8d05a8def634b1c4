package org.iocmap.service.geofence;

/** Names which way a vessel crossed a fence's boundary. */
public enum Direction {
    /** Into an area fence. */
    INBOUND,
    /** Out of an area fence. */
    OUTBOUND,
    /** Across a line fence from its left to its right, looking along the direction the line is drawn in. */
    LEFT_TO_RIGHT,
    /** Across a line fence from its right to its left, looking along the direction the line is drawn in. */
    RIGHT_TO_LEFT
}
