package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.iocmap.layers.index.GeometryTable;
import org.iocmap.layers.index.PointTable;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.AttributeType;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.Store;

/**
 * Lists every layer of the store: the six built-in kind layers and the generic layers, in display order. Built from
 * the {@code layer_def} table; {@link #reload()} picks up new or changed definitions.
 *
 * <p>Thread-safe: readers see either the old or the new list, never a mix.
 */
public final class LayerCatalog {
    private final Store store;
    private volatile Map<String, Layer> layers = Map.of();
    /** The in-memory caches of point layers, kept across reloads while the layer's schema stays the same. */
    private final Map<String, LayerMemory<?, ?>> memories = new java.util.concurrent.ConcurrentHashMap<>();

    private LayerCatalog(Store store) {
        this.store = store;
    }

    /** Creates the catalogue and loads the layer definitions. Blocks on the store. */
    public static LayerCatalog load(Store store) {
        LayerCatalog catalog = new LayerCatalog(store);
        catalog.reload();
        return catalog;
    }

    /** Reads the layer definitions again. Blocks on the store. */
    public synchronized void reload() {
        List<LayerDefinition> definitions = store.inTransaction(session -> session.createSelectionQuery(
                        "from LayerDefinition d order by d.sortOrder, d.id", LayerDefinition.class)
                .getResultList());
        Map<String, Layer> loaded = new LinkedHashMap<>();
        for (LayerDefinition definition : definitions) {
            loaded.put(definition.getId(), toLayer(definition));
        }
        layers = loaded;
        memories.keySet().retainAll(loaded.keySet());
    }

    /**
     * Loads into memory every layer that is served from memory, so that the first question does not wait for it.
     * Blocks on the store; a failure is logged and leaves the loading to the first question.
     */
    public void preload() {
        for (Layer layer : all()) {
            if (layer instanceof MemoryLayer indexed) {
                try {
                    indexed.loadIntoMemory();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(LayerCatalog.class)
                            .warn("layer '{}' not loaded into memory yet: {}", layer.id(), e.getMessage());
                }
            }
        }
    }

    /** Returns every layer in display order. */
    public List<Layer> all() {
        return List.copyOf(layers.values());
    }

    /** Returns the layer with this id; empty when there is none. */
    public Optional<Layer> find(String id) {
        return Optional.ofNullable(layers.get(id));
    }

    /**
     * Creates a generic layer and stores its definition; features are added with {@link GenericFeature}.
     *
     * @param attributes the schema: each entry has {@code name}, {@code type} (an {@link AttributeType} id),
     *     {@code vi} and {@code en}
     */
    public Layer createGenericLayer(
            String id,
            Title title,
            String geometryType,
            boolean publicAccess,
            Set<String> readRoles,
            List<Map<String, String>> attributes,
            int sortOrder) {
        LayerDefinition definition = new LayerDefinition(
                id,
                LayerKind.GENERIC.id(),
                title.vi(),
                title.en(),
                geometryType,
                publicAccess,
                readRoles,
                attributes,
                sortOrder,
                Instant.now());
        store.inTransaction(session -> {
            session.persist(definition);
            return null;
        });
        reload();
        return layers.get(id);
    }

    private Layer toLayer(LayerDefinition d) {
        LayerKind kind = LayerKind.fromId(d.getKind()).orElse(LayerKind.GENERIC);
        return switch (kind) {
            case CAMERA -> builtIn(d, "camera", kind, "installed_at");
            case CITIZEN_REPORT -> builtIn(d, "citizen_report", kind, "created_at");
            case ENV_STATION -> builtIn(d, "env_station", kind, "last_reading_at");
            case VESSEL -> builtIn(d, "vessel", kind, "last_fix_at");
            case LAND_USE_PLAN -> builtIn(d, "land_use_plan", kind, "approved_at");
            case FIRE_ALARM -> builtIn(d, "fire_alarm_device", kind, "last_event_at");
            case GENERIC -> generic(d);
        };
    }

    /**
     * Returns a generic layer, served from memory (every write to a generic layer records its change, which keeps the
     * memory current): points from a k-d tree, other geometries from an R-tree.
     */
    @SuppressWarnings("unchecked")
    private Layer generic(LayerDefinition d) {
        SqlLayer layer = new SqlLayer(store, d, "generic_feature", genericSchema(d), "time", true);
        boolean points = "Point".equals(d.getGeometryType());
        LayerMemory<?, ?> memory = memories.compute(
                d.getId(),
                (id, old) -> old != null && old.schema().equals(layer.attributes()) && old.holdsPoints() == points
                        ? old
                        : points
                                ? LayerMemory.ofPoints(store, layer.attributes())
                                : LayerMemory.ofGeometries(store, layer.attributes()));
        return points
                ? new IndexedPointLayer(layer, (LayerMemory<PointTable.Entry, PointTable>) memory)
                : new IndexedGeometryLayer(layer, (LayerMemory<GeometryTable.Entry, GeometryTable>) memory);
    }

    private Layer builtIn(LayerDefinition d, String table, LayerKind kind, String timeAttribute) {
        return new SqlLayer(store, d, table, KindSchemas.of(kind), timeAttribute, false);
    }

    private static List<AttributeDef> genericSchema(LayerDefinition d) {
        List<AttributeDef> schema = new ArrayList<>();
        if (d.getAttributes() != null) {
            for (Map<String, String> a : d.getAttributes()) {
                AttributeType type = AttributeType.STRING;
                for (AttributeType t : AttributeType.values()) {
                    if (t.id().equals(a.get("type"))) {
                        type = t;
                    }
                }
                String name = a.get("name");
                schema.add(AttributeDef.of(name, type, a.getOrDefault("vi", name), a.getOrDefault("en", name)));
            }
        }
        return schema;
    }
}
