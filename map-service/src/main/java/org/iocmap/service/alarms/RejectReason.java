package org.iocmap.service.alarms;

/** Names why an incoming alarm event was not stored. */
public enum RejectReason {
    /** The payload is not JSON at all (MQTT; over HTTP the whole request is a 400). */
    BAD_JSON,
    /** An item is not a JSON object, or names no device. */
    BAD_EVENT,
    /** No device is registered with the code. */
    UNKNOWN_DEVICE,
    /** The type is not ALARM, FAULT, RESTORE or HEARTBEAT. */
    BAD_TYPE,
    /** The time is not an ISO-8601 instant, or lies more than five minutes in the future. */
    BAD_TIME,
    /** The same event (same device, type and time, or the same event id) is already stored. */
    DUPLICATE,
    /** Storing failed for another reason than the store being down, several times over (MQTT only). */
    STORE_ERROR
}
