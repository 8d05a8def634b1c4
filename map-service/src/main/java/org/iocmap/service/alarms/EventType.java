package org.iocmap.service.alarms;

import java.util.Locale;
import java.util.Optional;

/**
 * Names the events of a fire-alarm device: the four a device sends, and the two the platform records when it notices a
 * device fall silent or speak again.
 */
public enum EventType {
    /** Fire detected: the device's status becomes {@code alarm} and a fire incident opens. */
    ALARM("alarm"),
    /** The device or its wiring failed: status {@code fault}. */
    FAULT("fault"),
    /** Back to normal after an alarm or a fault: status {@code normal}. */
    RESTORE("normal"),
    /** "Still here": keeps the status, marks the device heard. Not stored as an event row. */
    HEARTBEAT(null),
    /** Recorded by the platform: nothing heard for twice the heartbeat interval. */
    OFFLINE("offline"),
    /** Recorded by the platform: the first message from a device that was offline. */
    ONLINE(null);

    private final String deviceStatus;

    EventType(String deviceStatus) {
        this.deviceStatus = deviceStatus;
    }

    /**
     * Returns the type a device sent, read case-insensitively; empty for anything else, OFFLINE and ONLINE included
     * (only the platform records those).
     */
    public static Optional<EventType> sent(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.strip().toUpperCase(Locale.ROOT)) {
            case "ALARM" -> Optional.of(ALARM);
            case "FAULT" -> Optional.of(FAULT);
            case "RESTORE" -> Optional.of(RESTORE);
            case "HEARTBEAT" -> Optional.of(HEARTBEAT);
            default -> Optional.empty();
        };
    }

    /** Tests whether the event says what state the device is in (ALARM, FAULT, RESTORE). */
    public boolean isCondition() {
        return this == ALARM || this == FAULT || this == RESTORE;
    }

    /** Returns the device status this event leads to; null for HEARTBEAT and ONLINE, which keep or restore it. */
    public String deviceStatus() {
        return deviceStatus;
    }
}
