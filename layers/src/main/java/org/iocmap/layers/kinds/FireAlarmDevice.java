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

/** Stores a fire-alarm device in a building with its latest event. */
@Entity
@Table(name = "fire_alarm_device")
public class FireAlarmDevice implements FeatureRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    private String code;

    private String building;

    private String address;

    private Integer floor;

    @Column(name = "device_type")
    private String deviceType;

    private String status;

    @Column(name = "last_event")
    private String lastEvent;

    private String district;

    @Column(name = "heartbeat_interval_s")
    private Integer heartbeatIntervalS;

    @Column(name = "last_event_at")
    private Instant lastEventAt;

    @Column(name = "last_heartbeat_at")
    private Instant lastHeartbeatAt;

    private Point geom;

    protected FireAlarmDevice() {}

    public FireAlarmDevice(
            String code,
            String building,
            String address,
            Integer floor,
            String deviceType,
            String status,
            String lastEvent,
            String district,
            Integer heartbeatIntervalS,
            Instant lastEventAt,
            Point geom) {
        this.code = code;
        this.building = building;
        this.address = address;
        this.floor = floor;
        this.deviceType = deviceType;
        this.status = status;
        this.lastEvent = lastEvent;
        this.district = district;
        this.heartbeatIntervalS = heartbeatIntervalS;
        this.lastEventAt = lastEventAt;
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

    public String getBuilding() {
        return building;
    }

    public void setBuilding(String building) {
        this.building = building;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public Integer getFloor() {
        return floor;
    }

    public void setFloor(Integer floor) {
        this.floor = floor;
    }

    public String getDeviceType() {
        return deviceType;
    }

    public void setDeviceType(String deviceType) {
        this.deviceType = deviceType;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getLastEvent() {
        return lastEvent;
    }

    public void setLastEvent(String lastEvent) {
        this.lastEvent = lastEvent;
    }

    public String getDistrict() {
        return district;
    }

    public void setDistrict(String district) {
        this.district = district;
    }

    public Integer getHeartbeatIntervalS() {
        return heartbeatIntervalS;
    }

    public void setHeartbeatIntervalS(Integer heartbeatIntervalS) {
        this.heartbeatIntervalS = heartbeatIntervalS;
    }

    public Instant getLastEventAt() {
        return lastEventAt;
    }

    public void setLastEventAt(Instant lastEventAt) {
        this.lastEventAt = lastEventAt;
    }

    /**
     * Returns when the platform last heard from the device (any message, at its receipt); null until its first
     * message. A device is watched for silence from then on.
     */
    public Instant getLastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    public void setLastHeartbeatAt(Instant lastHeartbeatAt) {
        this.lastHeartbeatAt = lastHeartbeatAt;
    }

    public Point getGeom() {
        return geom;
    }

    public void setGeom(Point geom) {
        this.geom = geom;
    }

    @Override
    public Geometry geometry() {
        return geom;
    }

    @Override
    public Instant time() {
        return lastEventAt;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("building", building);
        p.put("address", address);
        p.put("floor", floor);
        p.put("device_type", deviceType);
        p.put("status", status);
        p.put("last_event", lastEvent);
        p.put("district", district);
        p.put("heartbeat_interval_s", heartbeatIntervalS);
        p.put("last_event_at", lastEventAt);
        p.put("last_heartbeat_at", lastHeartbeatAt);
        return p;
    }
}
