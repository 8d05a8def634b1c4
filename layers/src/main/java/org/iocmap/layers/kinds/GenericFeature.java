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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.locationtech.jts.geom.Geometry;

/** Stores a feature of a generic (imported) layer: any geometry, free properties kept as JSON. */
@Entity
@Table(name = "generic_feature")
public class GenericFeature implements FeatureRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "layer_id")
    private String layerId;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> props;

    @Column(name = "feature_time")
    private Instant featureTime;

    private Geometry geom;

    protected GenericFeature() {}

    public GenericFeature(String layerId, Map<String, Object> props, Instant featureTime, Geometry geom) {
        this.layerId = layerId;
        this.props = new LinkedHashMap<>(props);
        this.featureTime = featureTime;
        this.geom = geom;
    }

    /** Replaces the properties, time and geometry: every part of the feature but its id and layer. */
    void replace(Map<String, Object> newProps, Instant newFeatureTime, Geometry newGeom) {
        this.props = new LinkedHashMap<>(newProps);
        this.featureTime = newFeatureTime;
        this.geom = newGeom;
    }

    @Override
    public Long getId() {
        return id;
    }

    public String getLayerId() {
        return layerId;
    }

    @Override
    public Geometry geometry() {
        return geom;
    }

    @Override
    public Instant time() {
        return featureTime;
    }

    @Override
    public Map<String, Object> properties() {
        return props == null ? Map.of() : new LinkedHashMap<>(props);
    }
}
