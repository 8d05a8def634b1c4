package org.iocmap.layers.kinds;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.TimeExtent;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.query.cql2.Cql2Expr;

/** A layer answered in part from memory: what it is (id, titles, schema, access) comes from the store's layer. */
abstract class StoreBackedLayer implements Layer, MemoryLayer {
    /** The layer as the store serves it; everything memory cannot answer goes to it. */
    protected final SqlLayer source;

    StoreBackedLayer(SqlLayer source) {
        this.source = source;
    }

    /** Returns the layer as the store serves it. */
    SqlLayer source() {
        return source;
    }

    @Override
    public String id() {
        return source.id();
    }

    @Override
    public Title title() {
        return source.title();
    }

    @Override
    public LayerKind kind() {
        return source.kind();
    }

    @Override
    public String geometryType() {
        return source.geometryType();
    }

    @Override
    public List<AttributeDef> attributes() {
        return source.attributes();
    }

    @Override
    public boolean isPublic() {
        return source.isPublic();
    }

    @Override
    public Set<String> readRoles() {
        return source.readRoles();
    }

    @Override
    public Optional<String> timeAttribute() {
        return source.timeAttribute();
    }

    @Override
    public Optional<TimeExtent> computeTimeExtent() {
        return source.computeTimeExtent();
    }

    @Override
    public void checkFilter(Cql2Expr filter) {
        source.checkFilter(filter);
    }
}
