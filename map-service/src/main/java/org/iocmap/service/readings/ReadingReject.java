package org.iocmap.service.readings;

/**
 * Describes an incoming reading that was not stored.
 *
 * @param index the item's position in its request, from 0
 * @param detail what was wrong, for the sender
 * @param station the station code it named; null when it named none
 */
public record ReadingReject(int index, RejectReason reason, String detail, String station) {}
