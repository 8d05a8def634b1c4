package org.iocmap.service.geofence;

/**
 * Counts what an engine did with the fixes handed to it since it was created or restored.
 *
 * @param accepted fixes processed
 * @param duplicates fixes ignored because the vessel already had a fix at that time
 * @param outOfOrder fixes ignored because the vessel already had a later fix
 */
public record EngineStats(long accepted, long duplicates, long outOfOrder) {}
