package org.iocmap.service.alarms;

import java.time.Instant;

/**
 * Describes a stored event of a device.
 *
 * @param receivedAt when the platform received it; null for events older than the receipt log (demo history)
 * @param sourceId the sender's event id; null when it gave none
 * @param incident the code of the fire incident the event opened or joined; null for none
 */
public record DeviceEvent(
        long id, String device, EventType type, Instant at, Instant receivedAt, String sourceId, String incident) {}
