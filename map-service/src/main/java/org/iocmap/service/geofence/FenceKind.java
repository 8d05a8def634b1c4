package org.iocmap.service.geofence;

/** Names what a fence stands for; alerts choose their severity and wording by it. */
public enum FenceKind {
    /** Vietnam's territorial sea (12 nautical miles from the baseline) or its outer limit. */
    TERRITORIAL_SEA,
    /** Waters under another state's jurisdiction, where Vietnamese fishing vessels must not fish. */
    FOREIGN_WATERS,
    /** A zone closed to fishing, often for a season. */
    NO_FISHING_ZONE,
    /** A port or anchorage. */
    PORT,
    /** A marine protected area. */
    PROTECTED_AREA,
    /** Any other fence drawn by an officer. */
    CUSTOM
}
