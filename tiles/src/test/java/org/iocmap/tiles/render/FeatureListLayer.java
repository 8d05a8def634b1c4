package org.iocmap.tiles.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.TimeExtent;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

/** A layer over a list of features that answers box queries the way a store does, and records the boxes asked. */
final class FeatureListLayer implements Layer {
    private final List<Feature> features;
    private final List<BoundingBox> boxesAsked = new ArrayList<>();

    FeatureListLayer(List<Feature> features) {
        this.features =
                features.stream().sorted(Comparator.comparingLong(Feature::id)).toList();
    }

    List<BoundingBox> boxesAsked() {
        return boxesAsked;
    }

    @Override
    public String id() {
        return "test_layer";
    }

    @Override
    public Title title() {
        return Title.of("Lớp thử", "Test layer");
    }

    @Override
    public LayerKind kind() {
        return LayerKind.GENERIC;
    }

    @Override
    public String geometryType() {
        return "Geometry";
    }

    @Override
    public List<AttributeDef> attributes() {
        return List.of();
    }

    @Override
    public boolean isPublic() {
        return true;
    }

    @Override
    public Set<String> readRoles() {
        return Set.of();
    }

    @Override
    public Optional<String> timeAttribute() {
        return Optional.empty();
    }

    @Override
    public Optional<TimeExtent> computeTimeExtent() {
        return Optional.empty();
    }

    @Override
    public FeaturePage query(FeatureQuery query) {
        BoundingBox box = query.bbox();
        boxesAsked.add(box);
        // the renderer never asks across the antimeridian, so a plain envelope will do
        Envelope area = new Envelope(box.minLon(), box.maxLon(), box.minLat(), box.maxLat());
        List<Feature> matching = features.stream()
                .filter(f -> area.intersects(f.geometry().getEnvelopeInternal()))
                .toList();
        int from = (int) Math.min(matching.size(), query.offset());
        int to = Math.min(matching.size(), from + query.limit());
        return new FeaturePage(matching.subList(from, to), matching.size());
    }

    @Override
    public List<NearFeature> nearest(Point origin, int k, FeatureQuery constraints) {
        throw new UnsupportedOperationException("not used by tile rendering");
    }

    @Override
    public void checkFilter(Cql2Expr filter) {
        throw new UnsupportedOperationException("not used by tile rendering");
    }

    @Override
    public Optional<Feature> findFeature(long id) {
        return features.stream().filter(f -> f.id() == id).findFirst();
    }
}
