package org.iocmap.service.readings;

import java.time.Instant;
import org.iocmap.layers.readings.ReadingParameter;

/**
 * Holds an incoming reading that passed the checks that need no store.
 *
 * @param index the item's position in its request, from 0
 * @param station the station code
 */
public record Reading(int index, String station, ReadingParameter parameter, double value, Instant at) {}
