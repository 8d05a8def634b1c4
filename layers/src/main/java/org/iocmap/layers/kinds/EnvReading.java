package org.iocmap.layers.kinds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** Stores one reading of one parameter at one station. */
@Entity
@Table(name = "env_reading")
public class EnvReading {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "station_id")
    private Long stationId;

    @Column(name = "measured_at")
    private Instant measuredAt;

    private String parameter;

    @Column(name = "reading_value")
    private double readingValue;

    private String unit;

    protected EnvReading() {}

    public EnvReading(Long stationId, Instant measuredAt, String parameter, double readingValue, String unit) {
        this.stationId = stationId;
        this.measuredAt = measuredAt;
        this.parameter = parameter;
        this.readingValue = readingValue;
        this.unit = unit;
    }

    public Long getId() {
        return id;
    }

    public Long getStationId() {
        return stationId;
    }

    public void setStationId(Long stationId) {
        this.stationId = stationId;
    }

    public Instant getMeasuredAt() {
        return measuredAt;
    }

    public void setMeasuredAt(Instant measuredAt) {
        this.measuredAt = measuredAt;
    }

    public String getParameter() {
        return parameter;
    }

    public void setParameter(String parameter) {
        this.parameter = parameter;
    }

    public double getReadingValue() {
        return readingValue;
    }

    public void setReadingValue(double readingValue) {
        this.readingValue = readingValue;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }
}
