package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.hibernate.Session;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Geometry;

/**
 * Creates, replaces and deletes the features of generic layers. Each call is one transaction that changes the feature
 * and records the change in the {@link ChangeLog}, so the change reaches live streams exactly when it commits, and
 * returns only after the commit.
 *
 * <p>Checks only what the database needs: the layer exists and is generic, the geometry has SRID 4326. Validate input
 * against the layer schema first with {@link FeatureValidator}. Thread-safe; every method blocks on the store.
 */
public final class GenericFeatures {
    private final Store store;
    private final ChangeLog changes;

    public GenericFeatures(Store store, ChangeLog changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /**
     * Stores a new feature and returns its id.
     *
     * @param geometry in EPSG:4326, x = longitude
     * @param time the feature's time; null when it has none
     * @throws IllegalArgumentException when there is no such layer or it is not generic
     */
    public long create(String layerId, Geometry geometry, Map<String, Object> properties, Instant time) {
        return store.inTransaction(session -> create(session, layerId, geometry, properties, time));
    }

    /**
     * Stores a new feature in the caller's transaction (with what else it writes there) and returns its id.
     *
     * @throws IllegalArgumentException as {@link #create(String, Geometry, Map, Instant)}
     */
    public long create(
            org.hibernate.Session session,
            String layerId,
            Geometry geometry,
            Map<String, Object> properties,
            Instant time) {
        check(geometry, properties);
        requireGeneric(session, layerId);
        GenericFeature feature = new GenericFeature(layerId, properties, time, geometry);
        session.persist(feature);
        long id = feature.getId();
        changes.record(session, layerId, id, ChangeOp.ADDED); // last: it flushes the insert first
        return id;
    }

    /**
     * Replaces the geometry, properties and time of a feature. Returns false, changing nothing, when the layer has no
     * feature with this id.
     *
     * @throws IllegalArgumentException when there is no such layer or it is not generic
     */
    public boolean replace(String layerId, long id, Geometry geometry, Map<String, Object> properties, Instant time) {
        check(geometry, properties);
        return store.inTransaction(session -> {
            requireGeneric(session, layerId);
            GenericFeature feature = find(session, layerId, id);
            if (feature == null) {
                return false;
            }
            feature.replace(properties, time, geometry);
            changes.record(session, layerId, id, ChangeOp.CHANGED);
            return true;
        });
    }

    /**
     * Replaces a feature in the caller's transaction (with what else it writes there). Returns false, changing nothing,
     * when the layer has no feature with this id.
     *
     * @throws IllegalArgumentException as {@link #replace(String, long, Geometry, Map, Instant)}
     */
    public boolean replace(
            Session session, String layerId, long id, Geometry geometry, Map<String, Object> properties, Instant time) {
        check(geometry, properties);
        requireGeneric(session, layerId);
        GenericFeature feature = find(session, layerId, id);
        if (feature == null) {
            return false;
        }
        feature.replace(properties, time, geometry);
        changes.record(session, layerId, id, ChangeOp.CHANGED);
        return true;
    }

    /**
     * Deletes a feature. Returns false when the layer has no feature with this id.
     *
     * @throws IllegalArgumentException when there is no such layer or it is not generic
     */
    public boolean delete(String layerId, long id) {
        return store.inTransaction(session -> {
            requireGeneric(session, layerId);
            GenericFeature feature = find(session, layerId, id);
            if (feature == null) {
                return false;
            }
            session.remove(feature);
            changes.record(session, layerId, id, ChangeOp.REMOVED);
            return true;
        });
    }

    private static void check(Geometry geometry, Map<String, Object> properties) {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(properties, "properties");
        if (geometry.getSRID() != 4326) {
            throw new IllegalArgumentException("geometry must have SRID 4326, had " + geometry.getSRID());
        }
    }

    private static void requireGeneric(Session session, String layerId) {
        LayerDefinition definition = session.find(LayerDefinition.class, layerId);
        if (definition == null) {
            throw new IllegalArgumentException("no layer with id '" + layerId + "'");
        }
        if (!LayerKind.GENERIC.id().equals(definition.getKind())) {
            throw new IllegalArgumentException("layer '" + layerId + "' is of kind " + definition.getKind()
                    + "; only generic layers are written feature by feature");
        }
    }

    private static GenericFeature find(Session session, String layerId, long id) {
        GenericFeature feature = session.find(GenericFeature.class, id);
        return feature != null && layerId.equals(feature.getLayerId()) ? feature : null;
    }
}
