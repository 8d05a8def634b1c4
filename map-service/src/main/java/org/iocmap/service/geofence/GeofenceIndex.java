package org.iocmap.service.geofence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.iocmap.service.geofence.internal.FenceShape;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Holds a set of fences prepared for the engine: each version's geometry compiled into a {@link FenceShape}, and an
 * STR-tree over the fences' boxes (every version's box together) that narrows a fix to the few fences near it.
 *
 * <p>Immutable and thread-safe: {@link #with(Geofence)} and {@link #without(String)} return a new index that reuses
 * the compiled shapes of every fence that did not change, so a change costs the new fence's compilation and a
 * rebuild of the tree (about a millisecond for hundreds of fences). {@link GeofenceCatalog} holds the current one.
 */
public final class GeofenceIndex {
    private static final GeofenceIndex EMPTY = new GeofenceIndex(Map.of());

    private final Map<String, CompiledFence> byId;
    private final STRtree tree;
    private final long maxLookaheadMillis;

    private GeofenceIndex(Map<String, CompiledFence> byId) {
        this.byId = byId;
        STRtree t = new STRtree();
        long lookahead = 0;
        for (CompiledFence f : byId.values()) {
            t.insert(f.envelope, f);
            for (GeofenceVersion v : f.fence.versions()) {
                if (v.rules().isEnabled(EventType.APPROACH)) {
                    lookahead =
                            Math.max(lookahead, v.rules().approachLookahead().toMillis());
                }
            }
        }
        t.build(); // build now, so that queries from several engines never trigger it
        this.tree = t;
        this.maxLookaheadMillis = lookahead;
    }

    /** Returns an index without fences. */
    public static GeofenceIndex empty() {
        return EMPTY;
    }

    /**
     * Creates an index of {@code fences}.
     *
     * @throws IllegalArgumentException when two fences share an id
     */
    public static GeofenceIndex of(Collection<Geofence> fences) {
        Map<String, CompiledFence> map = new HashMap<>();
        for (Geofence fence : fences) {
            if (map.put(fence.id(), new CompiledFence(fence)) != null) {
                throw new IllegalArgumentException("two fences have the id " + fence.id());
            }
        }
        return new GeofenceIndex(map);
    }

    /** Returns an index with {@code fence} added, or replacing the fence with the same id. */
    public GeofenceIndex with(Geofence fence) {
        Map<String, CompiledFence> map = new HashMap<>(byId);
        CompiledFence old = byId.get(fence.id());
        map.put(fence.id(), old == null ? new CompiledFence(fence) : old.with(fence));
        return new GeofenceIndex(map);
    }

    /** Returns an index without the fence {@code id}; this index when there is no such fence. */
    public GeofenceIndex without(String id) {
        if (!byId.containsKey(id)) {
            return this;
        }
        Map<String, CompiledFence> map = new HashMap<>(byId);
        map.remove(id);
        return new GeofenceIndex(map);
    }

    /** Returns the fence {@code id}; empty when there is none. */
    public Optional<Geofence> findFence(String id) {
        CompiledFence f = byId.get(id);
        return f == null ? Optional.empty() : Optional.of(f.fence);
    }

    /** Returns every fence, in no particular order. */
    public List<Geofence> fences() {
        List<Geofence> all = new ArrayList<>(byId.size());
        for (CompiledFence f : byId.values()) {
            all.add(f.fence);
        }
        return Collections.unmodifiableList(all);
    }

    /** Returns the number of fences. */
    public int size() {
        return byId.size();
    }

    CompiledFence compiled(String id) {
        return byId.get(id);
    }

    /** Returns the longest approach lookahead of any version, in milliseconds; 0 when none reports approaches. */
    long maxLookaheadMillis() {
        return maxLookaheadMillis;
    }

    /** Hands every fence whose box meets {@code box} to {@code sink}; the box only narrows the candidates. */
    void visitCandidates(Envelope box, Consumer<CompiledFence> sink) {
        tree.query(box, item -> sink.accept((CompiledFence) item));
    }

    /** Holds a fence with each version's compiled shape and the box of all of them. */
    static final class CompiledFence {
        final Geofence fence;
        final FenceShape[] shapes;
        final Envelope envelope;

        CompiledFence(Geofence fence) {
            this(fence, null);
        }

        private CompiledFence(Geofence fence, CompiledFence previous) {
            this.fence = fence;
            List<GeofenceVersion> versions = fence.versions();
            this.shapes = new FenceShape[versions.size()];
            Envelope all = new Envelope();
            for (int i = 0; i < shapes.length; i++) {
                shapes[i] = previous == null ? null : previous.findShape(versions.get(i));
                if (shapes[i] == null) {
                    shapes[i] = FenceShape.of(versions.get(i).geometry());
                }
                all.expandToInclude(shapes[i].envelope());
            }
            this.envelope = all;
        }

        CompiledFence with(Geofence next) {
            return new CompiledFence(next, this);
        }

        private FenceShape findShape(GeofenceVersion version) {
            List<GeofenceVersion> versions = fence.versions();
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).geometry() == version.geometry()) { // the same object: nothing to recompile
                    return shapes[i];
                }
            }
            return null;
        }

        String id() {
            return fence.id();
        }
    }
}
