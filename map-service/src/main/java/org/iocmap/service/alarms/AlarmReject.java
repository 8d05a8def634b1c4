package org.iocmap.service.alarms;

/**
 * Describes an incoming item that was not stored.
 *
 * @param index the item's position in its request or message, from 0
 * @param device the device code it named; null when it named none
 * @param detail what was wrong, for the sender
 */
public record AlarmReject(int index, RejectReason reason, String detail, String device) {}
