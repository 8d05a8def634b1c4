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
import org.locationtech.jts.geom.MultiPolygon;

/** Stores one zone of a land-use plan with its national land-use code and plan period. */
@Entity
@Table(name = "land_use_plan")
public class LandUsePlan implements FeatureRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    private String code;

    @Column(name = "land_use_code")
    private String landUseCode;

    @Column(name = "land_use_name")
    private String landUseName;

    @Column(name = "plan_period")
    private String planPeriod;

    private String district;

    @Column(name = "area_m2")
    private Double areaM2;

    @Column(name = "approved_at")
    private Instant approvedAt;

    private MultiPolygon geom;

    protected LandUsePlan() {}

    public LandUsePlan(
            String code,
            String landUseCode,
            String landUseName,
            String planPeriod,
            String district,
            Double areaM2,
            Instant approvedAt,
            MultiPolygon geom) {
        this.code = code;
        this.landUseCode = landUseCode;
        this.landUseName = landUseName;
        this.planPeriod = planPeriod;
        this.district = district;
        this.areaM2 = areaM2;
        this.approvedAt = approvedAt;
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

    public String getLandUseCode() {
        return landUseCode;
    }

    public void setLandUseCode(String landUseCode) {
        this.landUseCode = landUseCode;
    }

    public String getLandUseName() {
        return landUseName;
    }

    public void setLandUseName(String landUseName) {
        this.landUseName = landUseName;
    }

    public String getPlanPeriod() {
        return planPeriod;
    }

    public void setPlanPeriod(String planPeriod) {
        this.planPeriod = planPeriod;
    }

    public String getDistrict() {
        return district;
    }

    public void setDistrict(String district) {
        this.district = district;
    }

    public Double getAreaM2() {
        return areaM2;
    }

    public void setAreaM2(Double areaM2) {
        this.areaM2 = areaM2;
    }

    public Instant getApprovedAt() {
        return approvedAt;
    }

    public void setApprovedAt(Instant approvedAt) {
        this.approvedAt = approvedAt;
    }

    public MultiPolygon getGeom() {
        return geom;
    }

    @Override
    public Geometry geometry() {
        return geom;
    }

    @Override
    public Instant time() {
        return approvedAt;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("land_use_code", landUseCode);
        p.put("land_use_name", landUseName);
        p.put("plan_period", planPeriod);
        p.put("district", district);
        p.put("area_m2", areaM2);
        p.put("approved_at", approvedAt);
        return p;
    }
}
