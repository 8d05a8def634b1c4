package org.iocmap.layers.kinds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.locationtech.jts.geom.Point;

/** Stores one position fix of a vessel. */
@Entity
@Table(name = "vessel_position")
public class VesselPosition {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "vessel_id")
    private Long vesselId;

    private String mmsi;

    @Column(name = "fix_at")
    private Instant fixAt;

    @Column(name = "speed_kn")
    private Double speedKn;

    @Column(name = "course_deg")
    private Double courseDeg;

    private Point geom;

    protected VesselPosition() {}

    public VesselPosition(Long vesselId, String mmsi, Instant fixAt, Double speedKn, Double courseDeg, Point geom) {
        this.vesselId = vesselId;
        this.mmsi = mmsi;
        this.fixAt = fixAt;
        this.speedKn = speedKn;
        this.courseDeg = courseDeg;
        this.geom = geom;
    }

    public Long getId() {
        return id;
    }

    public Long getVesselId() {
        return vesselId;
    }

    public void setVesselId(Long vesselId) {
        this.vesselId = vesselId;
    }

    public String getMmsi() {
        return mmsi;
    }

    public void setMmsi(String mmsi) {
        this.mmsi = mmsi;
    }

    public Instant getFixAt() {
        return fixAt;
    }

    public void setFixAt(Instant fixAt) {
        this.fixAt = fixAt;
    }

    public Double getSpeedKn() {
        return speedKn;
    }

    public void setSpeedKn(Double speedKn) {
        this.speedKn = speedKn;
    }

    public Double getCourseDeg() {
        return courseDeg;
    }

    public void setCourseDeg(Double courseDeg) {
        this.courseDeg = courseDeg;
    }

    public Point getGeom() {
        return geom;
    }
}
