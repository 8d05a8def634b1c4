package org.iocmap.service.stream;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.query.cql2.Cql2Evaluator;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.iocmap.layers.query.cql2.FeatureView;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.GeoJson;
import org.iocmap.service.http.InvalidInputException;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Decides whether a feature belongs to one subscription and renders it for its viewer: the feature intersects the box
 * (boundary included, as the OGC {@code bbox} parameter) and the CQL2 filter is true for the properties the viewer may
 * read. A filter can name only those properties, so it cannot probe a field the viewer does not see.
 *
 * <p>Immutable; safe to use from any thread.
 */
final class StreamFilter {
    /** Names a filter may use besides the attributes: the feature's geometry and its time (see {@link FeatureView}). */
    private static final Set<String> RESERVED = Set.of("geom", "geometry", "datetime");

    private final Layer layer;
    private final BoundingBox bbox;
    private final PreparedGeometry area;
    private final Cql2Evaluator filter;
    private final Cql2Expr expression;
    private final List<AttributeDef> visible;

    private StreamFilter(Layer layer, BoundingBox bbox, Cql2Expr filter, List<AttributeDef> visible) {
        this.layer = layer;
        this.bbox = bbox;
        this.area = bbox == null ? null : PreparedGeometryFactory.prepare(bbox.toGeometry(SqlDialect.WGS84));
        this.filter = filter == null ? null : Cql2Evaluator.of(filter); // prepares geometry literals once
        this.expression = filter;
        this.visible = visible;
    }

    /**
     * Creates the filter of a request for a viewer who may read {@code layer}.
     *
     * @throws InvalidInputException when the filter names a property the viewer cannot read or the layer lacks
     */
    static StreamFilter of(Layer layer, Viewer viewer, StreamRequest request) {
        List<AttributeDef> visible = LayerAccess.visibleAttributes(viewer, layer);
        if (request.filter() != null && !layer.attributes().isEmpty()) {
            // A layer without a declared schema (an import kept as is) passes its properties through unchecked.
            List<String> names = visible.stream().map(AttributeDef::name).toList();
            for (String name : Cql2Expr.propertyNames(request.filter())) {
                if (!names.contains(name) && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new InvalidInputException(
                            "filter",
                            request.filterText(),
                            "properties of layer '" + layer.id() + "' " + names
                                    + " or geometry, datetime; there is no property '" + name + "'");
                }
            }
        }
        // A viewer limited to an area gets the incidents inside it only, in the snapshot and in every delta.
        return new StreamFilter(
                layer,
                request.bbox(),
                org.iocmap.service.auth.Jurisdictions.limit(viewer, layer, request.filter()),
                visible);
    }

    Layer layer() {
        return layer;
    }

    BoundingBox bbox() {
        return bbox;
    }

    /** Returns the CQL2 expression; null when the request has none. */
    Cql2Expr expression() {
        return expression;
    }

    /** Tests whether the feature intersects the box and satisfies the filter (unknown counts as false). */
    boolean matches(Feature feature) {
        if (area != null && !area.intersects(feature.geometry())) {
            return false;
        }
        if (filter == null) {
            return true;
        }
        Map<String, Object> properties = LayerAccess.visibleProperties(visible, feature.properties());
        try {
            return filter.test(new FeatureView(properties, feature.geometry(), feature.time()));
        } catch (RuntimeException e) {
            // JTS throws for some spatial predicates on an invalid stored geometry: such a feature does not match.
            return false;
        }
    }

    /** Returns the feature as GeoJSON with the properties the viewer may read. */
    JsonObject toJson(Feature feature) {
        return GeoJson.feature(feature, LayerAccess.visibleProperties(visible, feature.properties()));
    }
}
