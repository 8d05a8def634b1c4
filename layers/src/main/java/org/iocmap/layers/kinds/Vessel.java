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

/** Stores a vessel of the registry with its latest known position. */
@Entity
@Table(name = "vessel")
public class Vessel implements FeatureRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    private String mmsi;

    private String name;

    @Column(name = "call_sign")
    private String callSign;

    @Column(name = "registration_no")
    private String registrationNo;

    @Column(name = "ship_type")
    private String shipType;

    @Column(name = "length_m")
    private Double lengthM;

    @Column(name = "home_port")
    private String homePort;

    private String flag;

    @Column(name = "last_fix_at")
    private Instant lastFixAt;

    @Column(name = "speed_kn")
    private Double speedKn;

    @Column(name = "course_deg")
    private Double courseDeg;

    @Column(name = "heading_deg")
    private Double headingDeg;

    private Point geom;

    protected Vessel() {}

    public Vessel(
            String mmsi,
            String name,
            String callSign,
            String registrationNo,
            String shipType,
            Double lengthM,
            String homePort,
            String flag,
            Instant lastFixAt,
            Double speedKn,
            Double courseDeg,
            Double headingDeg,
            Point geom) {
        this.mmsi = mmsi;
        this.name = name;
        this.callSign = callSign;
        this.registrationNo = registrationNo;
        this.shipType = shipType;
        this.lengthM = lengthM;
        this.homePort = homePort;
        this.flag = flag;
        this.lastFixAt = lastFixAt;
        this.speedKn = speedKn;
        this.courseDeg = courseDeg;
        this.headingDeg = headingDeg;
        this.geom = geom;
    }

    @Override
    public Long getId() {
        return id;
    }

    public String getMmsi() {
        return mmsi;
    }

    public void setMmsi(String mmsi) {
        this.mmsi = mmsi;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCallSign() {
        return callSign;
    }

    public void setCallSign(String callSign) {
        this.callSign = callSign;
    }

    public String getRegistrationNo() {
        return registrationNo;
    }

    public void setRegistrationNo(String registrationNo) {
        this.registrationNo = registrationNo;
    }

    public String getShipType() {
        return shipType;
    }

    public void setShipType(String shipType) {
        this.shipType = shipType;
    }

    public Double getLengthM() {
        return lengthM;
    }

    public void setLengthM(Double lengthM) {
        this.lengthM = lengthM;
    }

    public String getHomePort() {
        return homePort;
    }

    public void setHomePort(String homePort) {
        this.homePort = homePort;
    }

    public String getFlag() {
        return flag;
    }

    public void setFlag(String flag) {
        this.flag = flag;
    }

    public Instant getLastFixAt() {
        return lastFixAt;
    }

    public void setLastFixAt(Instant lastFixAt) {
        this.lastFixAt = lastFixAt;
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

    public Double getHeadingDeg() {
        return headingDeg;
    }

    public void setHeadingDeg(Double headingDeg) {
        this.headingDeg = headingDeg;
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
        return lastFixAt;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mmsi", mmsi);
        p.put("name", name);
        p.put("call_sign", callSign);
        p.put("registration_no", registrationNo);
        p.put("ship_type", shipType);
        p.put("length_m", lengthM);
        p.put("home_port", homePort);
        p.put("flag", flag);
        p.put("last_fix_at", lastFixAt);
        p.put("speed_kn", speedKn);
        p.put("course_deg", courseDeg);
        p.put("heading_deg", headingDeg);
        return p;
    }
}
