package org.iocmap.layers.kinds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** Stores a camera: security, traffic or plate-reading, with where it looks (heading, field of view, range). */
@Entity
@Table(name = "camera")
public class Camera implements FeatureRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    private String code;

    private String name;

    @Column(name = "camera_type")
    private String cameraType;

    @Column(name = "heading_deg")
    private double headingDeg;

    @Column(name = "fov_deg")
    private double fovDeg;

    @Column(name = "range_m")
    private double rangeM;

    private String status;

    private String district;

    @Column(name = "installed_at")
    private Instant installedAt;

    @Column(name = "stream_url")
    private String streamUrl;

    @Column(name = "snapshot_url")
    private String snapshotUrl;

    private Point geom;

    protected Camera() {}

    public Camera(
            String code,
            String name,
            String cameraType,
            double headingDeg,
            double fovDeg,
            double rangeM,
            String status,
            String district,
            Instant installedAt,
            Point geom) {
        this.code = code;
        this.name = name;
        this.cameraType = cameraType;
        this.headingDeg = headingDeg;
        this.fovDeg = fovDeg;
        this.rangeM = rangeM;
        this.status = status;
        this.district = district;
        this.installedAt = installedAt;
        this.geom = geom;
    }

    @Override
    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCameraType() {
        return cameraType;
    }

    public void setCameraType(String cameraType) {
        this.cameraType = cameraType;
    }

    public double getHeadingDeg() {
        return headingDeg;
    }

    public void setHeadingDeg(double headingDeg) {
        this.headingDeg = headingDeg;
    }

    public double getFovDeg() {
        return fovDeg;
    }

    public void setFovDeg(double fovDeg) {
        this.fovDeg = fovDeg;
    }

    public double getRangeM() {
        return rangeM;
    }

    public void setRangeM(double rangeM) {
        this.rangeM = rangeM;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getDistrict() {
        return district;
    }

    public void setDistrict(String district) {
        this.district = district;
    }

    public Instant getInstalledAt() {
        return installedAt;
    }

    public void setInstalledAt(Instant installedAt) {
        this.installedAt = installedAt;
    }

    /** Returns where the live video is watched (rtsp://, http(s)://, or a path on this server); null when unknown. */
    public String getStreamUrl() {
        return streamUrl;
    }

    public void setStreamUrl(String streamUrl) {
        this.streamUrl = streamUrl;
    }

    /** Returns where a still image is fetched (http(s):// or a path on this server); null when unknown. */
    public String getSnapshotUrl() {
        return snapshotUrl;
    }

    public void setSnapshotUrl(String snapshotUrl) {
        this.snapshotUrl = snapshotUrl;
    }

    public Point getGeom() {
        return geom;
    }

    @Override
    public Geometry geometry() {
        return geom;
    }

    @Override
    public Instant time() {
        return installedAt;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("name", name);
        p.put("camera_type", cameraType);
        p.put("heading_deg", headingDeg);
        p.put("fov_deg", fovDeg);
        p.put("range_m", rangeM);
        p.put("status", status);
        p.put("district", district);
        p.put("installed_at", installedAt);
        p.put("stream_url", streamUrl);
        p.put("snapshot_url", snapshotUrl);
        return p;
    }
}
