package org.iocmap.service.cameras;

/**
 * Describes a camera as the API shows it: where it stands (EPSG:4326), where it looks, its status and where to watch
 * it.
 *
 * @param headingDeg where the camera looks, degrees clockwise from north
 * @param fovDeg the width of its view, degrees
 * @param rangeM how far it sees, metres
 * @param status {@code online} or {@code offline}
 * @param streamUrl the live video; null when unknown
 * @param snapshotUrl a still image; null when unknown
 */
public record CameraView(
        long id,
        String code,
        String name,
        String cameraType,
        double headingDeg,
        double fovDeg,
        double rangeM,
        String status,
        String district,
        String streamUrl,
        String snapshotUrl,
        double lon,
        double lat) {}
