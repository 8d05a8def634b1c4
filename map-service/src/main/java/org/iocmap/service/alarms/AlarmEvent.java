package org.iocmap.service.alarms;

import java.time.Instant;

/**
 * Holds one event as a device or panel sent it, checked for form but not yet against the registry.
 *
 * @param index the item's position in its request or message, from 0
 * @param device the device code
 * @param at when it happened; the receipt time when the sender gave none
 * @param sourceId the sender's own event id; null when it gave none
 */
public record AlarmEvent(int index, String device, EventType type, Instant at, String sourceId) {}
