package org.iocmap.service.alarms;

import java.time.Instant;

/**
 * Describes a registered fire-alarm device as the API shows it.
 *
 * @param status {@code normal}, {@code alarm}, {@code fault} or {@code offline}
 * @param lastEvent the type of the latest stored event by its time (not HEARTBEAT, which is not stored)
 * @param lastHeartbeatAt when the platform last heard from the device (any message, at its receipt); null until then
 * @param offlineAfter when the device is marked offline unless heard before; null while it is not watched
 * @param lon the position, EPSG:4326
 */
public record AlarmDevice(
        long id,
        String code,
        String building,
        String address,
        Integer floor,
        String deviceType,
        String status,
        String district,
        int heartbeatIntervalS,
        String lastEvent,
        Instant lastEventAt,
        Instant lastHeartbeatAt,
        Instant offlineAfter,
        double lon,
        double lat) {}
