package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.query.SelectionQuery;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.TimeExtent;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Serves a layer from one entity table: any entity with a {@code geom} property and, optionally, a time property.
 * Generic layers share one table and are told apart by {@code layerId}.
 *
 * <p>Queries are HQL with Hibernate Spatial's {@code st_intersects}, so the same code runs on PostGIS and H2GIS.
 */
final class EntityLayer<E extends FeatureRecord> implements Layer {
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final Store store;
    private final LayerDefinition definition;
    private final Class<E> entity;
    private final List<AttributeDef> attributes;
    private final String timeProperty;
    private final String timeAttribute;
    private final boolean scopedByLayerId;

    /**
     * @param timeProperty the entity's Java property carrying the layer time; null when the layer has no time
     * @param timeAttribute the name of that property in the API schema
     * @param scopedByLayerId whether rows are shared with other layers and filtered by {@code layerId}
     */
    EntityLayer(
            Store store,
            LayerDefinition definition,
            Class<E> entity,
            List<AttributeDef> attributes,
            String timeProperty,
            String timeAttribute,
            boolean scopedByLayerId) {
        this.store = store;
        this.definition = definition;
        this.entity = entity;
        this.attributes = List.copyOf(attributes);
        this.timeProperty = timeProperty;
        this.timeAttribute = timeAttribute;
        this.scopedByLayerId = scopedByLayerId;
    }

    @Override
    public String id() {
        return definition.getId();
    }

    @Override
    public Title title() {
        return Title.of(definition.getTitleVi(), definition.getTitleEn());
    }

    @Override
    public LayerKind kind() {
        return LayerKind.fromId(definition.getKind()).orElse(LayerKind.GENERIC);
    }

    @Override
    public String geometryType() {
        return definition.getGeometryType();
    }

    @Override
    public List<AttributeDef> attributes() {
        return attributes;
    }

    @Override
    public boolean isPublic() {
        return definition.isPublicAccess();
    }

    @Override
    public Set<String> readRoles() {
        return definition.readRoleSet();
    }

    @Override
    public Optional<String> timeAttribute() {
        return Optional.ofNullable(timeProperty).map(p -> timeAttribute);
    }

    @Override
    public Optional<TimeExtent> computeTimeExtent() {
        if (timeProperty == null) {
            return Optional.empty();
        }
        String hql = "select min(e." + timeProperty + "), max(e." + timeProperty + ") from " + entity.getSimpleName()
                + " e" + (scopedByLayerId ? " where e.layerId = :layer" : "");
        Object[] row = store.inTransaction(session -> {
            SelectionQuery<Object[]> q = session.createSelectionQuery(hql, Object[].class);
            if (scopedByLayerId) {
                q.setParameter("layer", id());
            }
            return q.getSingleResult();
        });
        return Optional.of(new TimeExtent(timeAttribute, (Instant) row[0], (Instant) row[1]));
    }

    @Override
    public FeaturePage query(FeatureQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (scopedByLayerId) {
            where.append(" and e.layerId = :layer");
        }
        if (query.bbox() != null) {
            where.append(" and st_intersects(e.geom, :bbox)");
        }
        if (query.time() != null) {
            if (timeProperty == null) {
                return new FeaturePage(List.of(), 0); // a layer without time has nothing in any time window
            }
            if (query.time().start() != null) {
                where.append(" and e.").append(timeProperty).append(" >= :from");
            }
            if (query.time().end() != null) {
                where.append(" and e.").append(timeProperty).append(" <= :to");
            }
        }
        String from = " from " + entity.getSimpleName() + " e" + where;
        Geometry bbox = query.bbox() == null ? null : query.bbox().toGeometry(WGS84);
        return store.inTransaction(session -> {
            SelectionQuery<Long> count = session.createSelectionQuery("select count(e)" + from, Long.class);
            SelectionQuery<E> page = session.createSelectionQuery("select e" + from + " order by e.id", entity);
            for (SelectionQuery<?> q : List.of(count, page)) {
                if (scopedByLayerId) {
                    q.setParameter("layer", id());
                }
                if (bbox != null) {
                    q.setParameter("bbox", bbox, Geometry.class);
                }
                if (query.time() != null && query.time().start() != null) {
                    q.setParameter("from", query.time().start());
                }
                if (query.time() != null && query.time().end() != null) {
                    q.setParameter("to", query.time().end());
                }
            }
            long matched = count.getSingleResult();
            List<Feature> features = page
                    .setFirstResult((int) Math.min(query.offset(), Integer.MAX_VALUE))
                    .setMaxResults(query.limit())
                    .getResultList()
                    .stream()
                    .map(EntityLayer::toFeature)
                    .toList();
            return new FeaturePage(features, matched);
        });
    }

    @Override
    public Optional<Feature> findFeature(long id) {
        return store.inTransaction(session -> {
            E found = session.find(entity, id);
            if (found == null || (scopedByLayerId && !id().equals(((GenericFeature) found).getLayerId()))) {
                return Optional.empty();
            }
            return Optional.of(toFeature(found));
        });
    }

    private static Feature toFeature(FeatureRecord record) {
        return new Feature(record.getId(), record.geometry(), record.time(), record.properties());
    }
}
