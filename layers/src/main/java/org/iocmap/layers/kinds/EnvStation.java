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

/** Stores an environmental monitoring station (air, water or noise) with its latest reading. */
@Entity
@Table(name = "env_station")
public class EnvStation implements FeatureRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    private String code;

    private String name;

    @Column(name = "station_type")
    private String stationType;

    private String district;

    @Column(name = "last_reading_at")
    private Instant lastReadingAt;

    @Column(name = "last_parameter")
    private String lastParameter;

    @Column(name = "last_value")
    private Double lastValue;

    @Column(name = "last_unit")
    private String lastUnit;

    @Column(name = "last_aqi")
    private Integer lastAqi;

    private Point geom;

    protected EnvStation() {}

    public EnvStation(
            String code,
            String name,
            String stationType,
            String district,
            Instant lastReadingAt,
            String lastParameter,
            Double lastValue,
            String lastUnit,
            Integer lastAqi,
            Point geom) {
        this.code = code;
        this.name = name;
        this.stationType = stationType;
        this.district = district;
        this.lastReadingAt = lastReadingAt;
        this.lastParameter = lastParameter;
        this.lastValue = lastValue;
        this.lastUnit = lastUnit;
        this.lastAqi = lastAqi;
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

    public String getStationType() {
        return stationType;
    }

    public void setStationType(String stationType) {
        this.stationType = stationType;
    }

    public String getDistrict() {
        return district;
    }

    public void setDistrict(String district) {
        this.district = district;
    }

    public Instant getLastReadingAt() {
        return lastReadingAt;
    }

    public void setLastReadingAt(Instant lastReadingAt) {
        this.lastReadingAt = lastReadingAt;
    }

    public String getLastParameter() {
        return lastParameter;
    }

    public void setLastParameter(String lastParameter) {
        this.lastParameter = lastParameter;
    }

    public Double getLastValue() {
        return lastValue;
    }

    public void setLastValue(Double lastValue) {
        this.lastValue = lastValue;
    }

    public String getLastUnit() {
        return lastUnit;
    }

    public void setLastUnit(String lastUnit) {
        this.lastUnit = lastUnit;
    }

    public Integer getLastAqi() {
        return lastAqi;
    }

    public void setLastAqi(Integer lastAqi) {
        this.lastAqi = lastAqi;
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
        return lastReadingAt;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("name", name);
        p.put("station_type", stationType);
        p.put("district", district);
        p.put("last_reading_at", lastReadingAt);
        p.put("last_parameter", lastParameter);
        p.put("last_value", lastValue);
        p.put("last_unit", lastUnit);
        p.put("last_aqi", lastAqi);
        return p;
    }
}
