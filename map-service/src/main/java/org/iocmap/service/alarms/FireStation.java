package org.iocmap.service.alarms;

/** Describes a fire station as the API shows it; {@code lon}/{@code lat} are EPSG:4326. */
public record FireStation(
        long id, String code, String name, String address, String phone, String district, double lon, double lat) {}
