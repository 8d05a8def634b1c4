package org.iocmap.service.geofence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.iocmap.layers.query.geo.Geodesic;
import org.iocmap.service.geofence.GeofenceIndex.CompiledFence;
import org.iocmap.service.geofence.internal.Arc;
import org.iocmap.service.geofence.internal.FenceShape;
import org.locationtech.jts.geom.Envelope;

/**
 * Turns position fixes of vessels into {@link GeofenceEvent}s against the fences of a {@link GeofenceCatalog}, and
 * reports vessels that go dark.
 *
 * <h2>Input</h2>
 *
 * {@link #accept(PositionFix)} takes each fix once it is stored; {@link #advanceTo(Instant)} moves the clock, which
 * is the only way a silence is noticed while it lasts. Fixes of one vessel must come in time order: a fix at the same
 * time as the vessel's last one is a duplicate, an earlier one is out of order; both are counted in {@link #stats()}
 * and ignored, and never produce an event. Different vessels may interleave freely.
 *
 * <h2>The track between fixes</h2>
 *
 * Between two fixes the vessel is taken to sail the great-circle arc at constant speed, so an event between fixes
 * (an ENTER, EXIT or CROSS, a DWELL threshold) is placed on that arc and timed linearly by the distance along it: the
 * crossing at 40 % of the arc's great-circle length happens at 40 % of the time between the fixes. Fence edges are
 * great-circle arcs too, as in {@link Geodesic} and PostGIS {@code geography}, so a boundary is the same line here as
 * in a query. Distances reported (a dark gap, an approach, the hysteresis band) are WGS84 geodesics measured with
 * {@link Geodesic}. Sparse fixes, hours apart, are the normal case: every crossing on the arc is found, so a vessel
 * that enters and leaves a zone between two VMS reports gives ENTER, EXIT and two CROSS events (inbound and outbound)
 * with their interpolated times and points.
 *
 * <h2>Rules per fence</h2>
 *
 * Each fence's {@link FenceRules} say which events it reports and when an exit or a line crossing is confirmed
 * (hysteresis: entering counts at the boundary, leaving only beyond a band or after a time; see {@link FenceRules}).
 * APPROACH projects the fix along its course at its speed for the rule's lookahead (along the great circle with the
 * initial bearing of the course) and is reported once per approach: the approach ends when the vessel reaches the
 * fence, or when the projection has missed the fence at every fix for a whole lookahead; only then can another be
 * reported. DWELL is reported once per visit, when the vessel has been inside for the rule's minimum. LOITER is
 * reported once per slow run: from the first fix inside slower than the rule's speed (its reported speed, or the mean
 * speed since the previous fix when it reports none) until a faster fix or the end of the visit.
 *
 * <h2>Fences that change</h2>
 *
 * A fence applies to a vessel at an instant when a version is in effect, its schedule is active and it lists the
 * vessel's class. The engine splits each segment where a version takes effect or a schedule opens or closes, and
 * evaluates each piece with the version in effect; every event names the version in effect at its own time. When a
 * fence starts applying while the vessel is inside (a closed season opens, a larger version takes effect, the fence
 * is added), ENTER is reported with {@link Cause#FENCE_CHANGED} at that instant; when it stops applying, EXIT with
 * the same cause, at once, without hysteresis. A fence removed from the catalog is forgotten silently at the
 * vessel's next fix: there is no version left to name.
 *
 * <h2>Dark vessels</h2>
 *
 * A vessel is dark when it has been silent for longer than its expected interval ({@link DarkSettings}).
 * DARK_STARTED carries the instant the silence passed the interval, whether the clock or the next fix noticed it, so
 * the events do not depend on how often the clock ticks; DARK_ENDED comes with the first fix after, with the gap's
 * length and geodesic distance.
 *
 * <h2>Restart</h2>
 *
 * {@link #snapshot()} exports every vessel's state; {@link #restore(EngineSnapshot)} loads it into a new engine.
 * Handing that engine every fix after the snapshot (and, harmlessly, some before: they are recognised as already
 * seen) gives exactly the events that an engine that never stopped would have given.
 *
 * <h2>Threads</h2>
 *
 * Not thread-safe: one thread drives an engine. To use several cores, partition vessels by MMSI over several
 * engines that share one catalog.
 */
public final class GeofenceEngine {
    private static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600;

    /** Orders the events of one call: by time, then fence (dark events first), then type. */
    private static final Comparator<GeofenceEvent> ORDER = Comparator.comparing(GeofenceEvent::time)
            .thenComparing(GeofenceEvent::fenceId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(GeofenceEvent::type);

    private final GeofenceCatalog catalog;
    private final VesselDirectory directory;
    private final DarkSettings darkSettings;
    private final Map<Integer, VesselState> vessels = new HashMap<>();
    private Long clock;
    private long accepted;
    private long duplicates;
    private long outOfOrder;

    /**
     * Creates an engine with no vessel state.
     *
     * @param catalog the fences, read afresh at every fix
     * @param directory the vessels' classes and known reporting intervals
     * @param darkSettings when a vessel counts as dark
     */
    public GeofenceEngine(GeofenceCatalog catalog, VesselDirectory directory, DarkSettings darkSettings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.darkSettings = Objects.requireNonNull(darkSettings, "darkSettings");
    }

    /**
     * Processes one fix and returns the events it reveals, in time order; empty for a duplicate or out-of-order fix.
     * Events may lie before the fix: a crossing interpolated since the previous fix, or an exit confirmed now whose
     * crossing happened earlier.
     */
    public List<GeofenceEvent> accept(PositionFix fix) {
        VesselState vessel = vessels.get(fix.mmsi());
        if (vessel != null) {
            long last = vessel.lastMillis;
            if (fix.millis() == last) {
                duplicates++;
                return List.of();
            }
            if (fix.millis() < last) {
                outOfOrder++;
                return List.of();
            }
        }
        accepted++;
        VesselClass vesselClass = Objects.requireNonNullElse(directory.classOf(fix.mmsi()), VesselClass.UNKNOWN);
        GeofenceIndex index = catalog.index();
        List<GeofenceEvent> events = new ArrayList<>(0);
        Segment segment;
        if (vessel == null) {
            vessel = new VesselState(fix.mmsi());
            vessels.put(fix.mmsi(), vessel);
            segment = new Segment(null, fix, index.maxLookaheadMillis());
        } else {
            segment = new Segment(vessel.last, fix, index.maxLookaheadMillis());
            checkDarkAtFix(vessel, index, segment, events);
        }
        for (CompiledFence fence : candidates(vessel, index, segment)) {
            FenceState state = vessel.fences.get(fence.id());
            if (state == null) {
                state = new FenceState();
            }
            new FenceTrack(vessel.mmsi, fence, state, segment, vesselClass, events).run();
            if (state.isIdle()) {
                vessel.fences.remove(fence.id());
            } else {
                vessel.fences.put(fence.id(), state);
            }
        }
        vessel.setLast(fix);
        vessel.expectedIntervalMillis = expectedIntervalMillis(vessel, vesselClass);
        if (events.size() > 1) {
            events.sort(ORDER);
        }
        return events;
    }

    /**
     * Moves the clock to {@code now} and returns a DARK_STARTED for every vessel that has been silent for longer than
     * its expected interval and was not dark yet, in time order. Each event's time is the instant the silence passed
     * the interval, not {@code now}. A clock that goes back does nothing.
     */
    public List<GeofenceEvent> advanceTo(Instant now) {
        long t = now.toEpochMilli();
        clock = clock == null ? t : Math.max(clock, t);
        GeofenceIndex index = catalog.index();
        List<GeofenceEvent> events = new ArrayList<>(0);
        for (VesselState vessel : vessels.values()) {
            if (!vessel.dark && t - vessel.lastMillis > vessel.expectedIntervalMillis) {
                events.add(darkStarted(vessel, index));
                vessel.dark = true;
            }
        }
        events.sort(Comparator.comparing(GeofenceEvent::time).thenComparingInt(GeofenceEvent::mmsi));
        return events;
    }

    /** Returns how many fixes were processed and ignored since the engine was created or restored. */
    public EngineStats stats() {
        return new EngineStats(accepted, duplicates, outOfOrder);
    }

    /** Returns the time of the last fix processed for the vessel; empty when it was never seen. */
    public Optional<Instant> findLastFixTime(int mmsi) {
        VesselState vessel = vessels.get(mmsi);
        return vessel == null ? Optional.empty() : Optional.of(vessel.last.time());
    }

    /** Returns the number of vessels seen. */
    public int vesselCount() {
        return vessels.size();
    }

    /** Exports every vessel's state; see {@link EngineSnapshot} for what it holds and how it serialises. */
    public EngineSnapshot snapshot() {
        List<EngineSnapshot.VesselSnapshot> list = new ArrayList<>(vessels.size());
        vessels.values().stream().sorted(Comparator.comparingInt(v -> v.mmsi)).forEach(v -> {
            List<EngineSnapshot.FenceSnapshot> fences = new ArrayList<>(v.fences.size());
            v.fences.forEach((id, f) -> fences.add(new EngineSnapshot.FenceSnapshot(
                    id,
                    f.version,
                    f.inside,
                    f.enteredAt,
                    f.dwellReported,
                    f.slowSince == FenceState.NONE ? null : f.slowSince,
                    f.loiterReported,
                    f.approachOpen,
                    f.approachMissSince == FenceState.NONE ? null : f.approachMissSince,
                    toSnapshot(f.pending))));
            list.add(new EngineSnapshot.VesselSnapshot(
                    v.mmsi, EngineSnapshot.Fix.of(v.last), v.expectedIntervalMillis, v.recentGaps(), v.dark, fences));
        });
        return new EngineSnapshot(EngineSnapshot.FORMAT, clock, list);
    }

    /**
     * Replaces every vessel's state with the snapshot's and resets the counters.
     *
     * @throws IllegalArgumentException when the snapshot has another format
     */
    public void restore(EngineSnapshot snapshot) {
        if (snapshot.format() != EngineSnapshot.FORMAT) {
            throw new IllegalArgumentException(
                    "snapshot format " + snapshot.format() + " cannot be read; expected " + EngineSnapshot.FORMAT);
        }
        vessels.clear();
        clock = snapshot.clockMillis();
        accepted = 0;
        duplicates = 0;
        outOfOrder = 0;
        for (EngineSnapshot.VesselSnapshot v : snapshot.vessels()) {
            VesselState vessel = new VesselState(v.mmsi());
            vessel.setLast(v.lastFix().toFix());
            vessel.expectedIntervalMillis = v.expectedIntervalMillis();
            v.recentGapsMillis().forEach(vessel::addGap);
            vessel.dark = v.dark();
            for (EngineSnapshot.FenceSnapshot f : v.fences()) {
                FenceState state = new FenceState();
                state.version = f.version();
                state.inside = f.inside();
                state.enteredAt = f.enteredAtMillis();
                state.dwellReported = f.dwellReported();
                state.slowSince = f.slowSinceMillis() == null ? FenceState.NONE : f.slowSinceMillis();
                state.loiterReported = f.loiterReported();
                state.approachOpen = f.approachOpen();
                state.approachMissSince =
                        f.approachMissSinceMillis() == null ? FenceState.NONE : f.approachMissSinceMillis();
                state.pending = fromSnapshot(f.pending());
                vessel.fences.put(f.fenceId(), state);
            }
            vessels.put(v.mmsi(), vessel);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Dark vessels

    private void checkDarkAtFix(VesselState vessel, GeofenceIndex index, Segment segment, List<GeofenceEvent> events) {
        long gap = segment.t1 - segment.t0;
        boolean silent = gap > vessel.expectedIntervalMillis;
        if (!vessel.dark && silent) {
            events.add(darkStarted(vessel, index)); // the clock did not notice in time; the same event, only later
            vessel.dark = true;
        }
        if (vessel.dark) {
            events.add(new GeofenceEvent(
                    EventType.DARK_ENDED,
                    vessel.mmsi,
                    segment.fix.time(),
                    segment.fix.lon(),
                    segment.fix.lat(),
                    false,
                    null,
                    segment.track,
                    new EventDetail.DarkEnded(
                            segment.prev.time(),
                            Duration.ofMillis(gap),
                            segment.lengthMetres(),
                            Duration.ofMillis(vessel.expectedIntervalMillis))));
            vessel.dark = false;
        }
        vessel.addGap(gap); // a dark gap too: the median ignores a rare one, and learns a VMS unit's long ones
    }

    private static GeofenceEvent darkStarted(VesselState vessel, GeofenceIndex index) {
        List<FenceRef> inside = new ArrayList<>();
        vessel.fences.forEach((id, state) -> {
            if (state.inside) {
                CompiledFence fence = index.compiled(id);
                GeofenceVersion v = fence == null ? null : versionAt(fence.fence, vessel.last.millis(), state.version);
                if (v != null) {
                    inside.add(FenceRef.of(id, v));
                }
            }
        });
        long at = vessel.last.millis() + vessel.expectedIntervalMillis;
        return new GeofenceEvent(
                EventType.DARK_STARTED,
                vessel.mmsi,
                Instant.ofEpochMilli(at),
                vessel.last.lon(),
                vessel.last.lat(),
                false,
                null,
                List.of(vessel.last),
                new EventDetail.DarkStarted(
                        vessel.last.time(), Duration.ofMillis(vessel.expectedIntervalMillis), inside));
    }

    private long expectedIntervalMillis(VesselState vessel, VesselClass vesselClass) {
        if (!darkSettings.vesselClasses().contains(vesselClass)) {
            return Long.MAX_VALUE;
        }
        Optional<Duration> own = directory.findExpectedInterval(vessel.mmsi);
        if (own.isPresent()) {
            return own.get().toMillis();
        }
        Duration byClass = darkSettings.intervalByClass().get(vesselClass);
        if (byClass != null) {
            return byClass.toMillis();
        }
        int samples = vessel.gapCount();
        if (samples >= darkSettings.samplesToLearn() && samples > 0) {
            long learnt = Math.round(darkSettings.learntFactor() * vessel.medianGapMillis());
            return Math.max(
                    darkSettings.learntMinimum().toMillis(),
                    Math.min(darkSettings.learntMaximum().toMillis(), learnt));
        }
        return darkSettings.defaultInterval().toMillis();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Candidate fences

    /**
     * Returns, in id order, the fences to evaluate: those whose box meets the segment or the projected course, and
     * those the vessel has state for. The state of a fence no longer in the catalog is dropped.
     */
    private static List<CompiledFence> candidates(VesselState vessel, GeofenceIndex index, Segment segment) {
        List<CompiledFence> found = new ArrayList<>();
        for (Iterator<String> it = vessel.fences.keySet().iterator(); it.hasNext(); ) {
            CompiledFence fence = index.compiled(it.next());
            if (fence == null) {
                it.remove(); // removed from the catalog: nothing left to name in an event
            } else {
                found.add(fence);
            }
        }
        int known = found.size();
        index.visitCandidates(segment.candidateBox(), fence -> {
            if (!vessel.fences.containsKey(fence.id())) {
                found.add(fence);
            }
        });
        if (found.size() > 1 && found.size() > known) {
            found.sort(Comparator.comparing(CompiledFence::id));
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Snapshot conversion

    private static EngineSnapshot.PendingSnapshot toSnapshot(PendingCrossing p) {
        if (p == null) {
            return null;
        }
        PendingCrossing.Entry e = p.entry();
        return new EngineSnapshot.PendingSnapshot(
                p.time(),
                p.lon(),
                p.lat(),
                p.interpolated(),
                p.direction(),
                p.version(),
                p.fenceChanged(),
                EngineSnapshot.Fix.of(p.before()),
                EngineSnapshot.Fix.of(p.after()),
                e == null ? null : e.time(),
                e == null ? null : e.lon(),
                e == null ? null : e.lat(),
                e == null ? null : e.version());
    }

    private static PendingCrossing fromSnapshot(EngineSnapshot.PendingSnapshot p) {
        if (p == null) {
            return null;
        }
        PendingCrossing.Entry entry = p.entryTimeMillis() == null
                ? null
                : new PendingCrossing.Entry(p.entryTimeMillis(), p.entryLon(), p.entryLat(), p.entryVersion());
        return new PendingCrossing(
                p.timeMillis(),
                p.lon(),
                p.lat(),
                p.interpolated(),
                p.direction(),
                p.version(),
                p.fenceChanged(),
                p.before() == null ? null : p.before().toFix(),
                p.after() == null ? null : p.after().toFix(),
                entry);
    }

    /**
     * Returns the version of {@code fence} in effect at {@code millis}; failing that the version numbered
     * {@code fallbackNumber}; failing that null.
     */
    private static GeofenceVersion versionAt(Geofence fence, long millis, int fallbackNumber) {
        int i = fence.versionIndexAt(millis);
        if (i >= 0) {
            return fence.versions().get(i);
        }
        for (GeofenceVersion v : fence.versions()) {
            if (v.version() == fallbackNumber) {
                return v;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One segment of a vessel's track

    /** Holds the step from the previous fix to this one, and the course projected ahead of this one. */
    private static final class Segment {
        final PositionFix prev;
        final PositionFix fix;
        final long t0;
        final long t1;
        /** The great-circle arc from the previous fix; null for a vessel's first fix. */
        final Arc arc;
        /** How far ahead the course is projected, ms: the longest lookahead of any fence; 0 when not moving. */
        final long projectionMillis;

        final List<PositionFix> track;
        private final double projectionMetres;
        private Arc projection;
        private double lengthMetres = Double.NaN;

        Segment(PositionFix prev, PositionFix fix, long lookaheadMillis) {
            this.prev = prev;
            this.fix = fix;
            this.t1 = fix.millis();
            this.t0 = prev == null ? t1 : prev.millis();
            this.arc = prev == null ? null : Arc.between(prev.lon(), prev.lat(), fix.lon(), fix.lat());
            this.track = prev == null ? List.of(fix) : List.of(prev, fix);
            Double sog = fix.sogKnots();
            if (lookaheadMillis > 0 && sog != null && sog > 0 && fix.cogDegrees() != null) {
                this.projectionMetres = sog * METRES_PER_SECOND_PER_KNOT * lookaheadMillis / 1000.0;
                this.projectionMillis = lookaheadMillis;
            } else {
                this.projectionMetres = 0;
                this.projectionMillis = 0;
            }
        }

        /** Returns the course projected ahead; null when the vessel is not moving or reports no course. */
        Arc projection() {
            if (projection == null && projectionMillis > 0) {
                projection = Arc.along(fix.lon(), fix.lat(), fix.cogDegrees(), projectionMetres);
            }
            return projection;
        }

        /**
         * Returns a box holding the step and every point the projection can reach. The reach is bounded generously
         * (a metre of latitude is never less than 1/111,000 degree; 110,500 leaves a margin), so that no fence is
         * missed while the projection itself is computed only when a fence near it reports approaches.
         */
        Envelope candidateBox() {
            Envelope box = arc == null ? new Envelope(fix.lon(), fix.lon(), fix.lat(), fix.lat()) : arc.envelope();
            if (projectionMillis > 0) {
                double dLat = projectionMetres / 110_500 + 1e-6;
                double cos = Math.cos(Math.toRadians(Math.min(89, Math.abs(fix.lat()) + dLat)));
                double dLon = Math.min(180, dLat / cos);
                box.expandToInclude(
                        new Envelope(fix.lon() - dLon, fix.lon() + dLon, fix.lat() - dLat, fix.lat() + dLat));
            }
            return box;
        }

        /** Returns the geodesic length of the step, metres. */
        double lengthMetres() {
            if (Double.isNaN(lengthMetres)) {
                lengthMetres = prev == null ? 0 : Geodesic.distanceMetres(prev.lon(), prev.lat(), fix.lon(), fix.lat());
            }
            return lengthMetres;
        }

        /** Returns the mean speed of the step in knots; null for a first fix. */
        Double meanKnots() {
            return prev == null ? null : lengthMetres() / ((t1 - t0) / 1000.0) / METRES_PER_SECOND_PER_KNOT;
        }

        /** Returns {lon, lat} on the track at {@code t}: a fix at or beyond the ends, interpolated between. */
        double[] positionAt(long t) {
            if (prev == null || t >= t1) {
                return new double[] {fix.lon(), fix.lat()};
            }
            if (t <= t0) {
                return new double[] {prev.lon(), prev.lat()};
            }
            return arc.pointAt((double) (t - t0) / (t1 - t0));
        }

        boolean isBetweenFixes(long t) {
            return prev != null && t > t0 && t < t1;
        }

        long timeAt(long from, long to, double fraction) {
            return from + Math.round(fraction * (to - from));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One vessel, one fence, one segment

    /** Evaluates one fence for one step of one vessel, updating its state and adding the events found. */
    private static final class FenceTrack {
        private final int mmsi;
        private final CompiledFence compiled;
        private final Geofence fence;
        private final FenceState state;
        private final Segment seg;
        private final VesselClass vesselClass;
        private final List<GeofenceEvent> events;

        /** Whether the vessel's position on the track is inside the area, as the walk along the pieces has it. */
        private boolean rawInside;
        /** The entry of this step, when the vessel was outside at its start: a later exit makes it a transit. */
        private PendingCrossing.Entry entryThisStep;

        FenceTrack(
                int mmsi,
                CompiledFence compiled,
                FenceState state,
                Segment seg,
                VesselClass vesselClass,
                List<GeofenceEvent> events) {
            this.mmsi = mmsi;
            this.compiled = compiled;
            this.fence = compiled.fence;
            this.state = state;
            this.seg = seg;
            this.vesselClass = vesselClass;
            this.events = events;
        }

        void run() {
            int current;
            if (seg.prev == null) {
                current = reconcile(seg.t1, Cause.FIRST_POSITION);
            } else {
                long[] breaks = breakpoints();
                boolean changesAtEnd = false;
                for (int k = 0; k < breaks.length; k++) {
                    long a = breaks[k];
                    if (a == seg.t1) {
                        changesAtEnd = true;
                        break;
                    }
                    long b = k + 1 < breaks.length ? breaks[k + 1] : seg.t1;
                    int vi = reconcile(a, Cause.FENCE_CHANGED);
                    if (vi >= 0) {
                        walk(vi, a, b);
                    }
                }
                current = reconcile(seg.t1, changesAtEnd ? Cause.FENCE_CHANGED : Cause.BOUNDARY_CROSSED);
            }
            if (current < 0) {
                return;
            }
            GeofenceVersion v = fence.versions().get(current);
            state.version = v.version();
            FenceRules rules = v.rules();
            if (state.pending != null && isConfirmedAtFix(state.pending, v)) {
                confirm(state.pending, seg.fix);
            }
            if (v.isArea()) {
                if (state.inside) {
                    checkDwell(v, state.pending != null ? state.pending.time() : seg.t1);
                }
                checkLoiter(rules);
            }
            checkApproach(v, compiled.shapes[current]);
        }

        /**
         * Returns, sorted, the start of the step and every instant within it at which a version takes effect or a
         * schedule opens or closes; the end of the step is included when something changes exactly then.
         */
        private long[] breakpoints() {
            List<GeofenceVersion> versions = fence.versions();
            long t0 = seg.t0;
            long t1 = seg.t1;
            int first = fence.versionIndexAt(t0);
            boolean versionTakesEffect = first + 1 < versions.size()
                    && versions.get(first + 1).effectiveFrom().toEpochMilli() <= t1;
            if (!versionTakesEffect
                    && (first < 0 || versions.get(first).schedule().isAlways())) {
                return new long[] {t0}; // the common case: one version, always active, throughout the step
            }
            List<Long> points = new ArrayList<>();
            points.add(t0);
            for (GeofenceVersion v : versions) {
                long from = v.effectiveFrom().toEpochMilli();
                if (from > t0 && from <= t1) {
                    points.add(from);
                }
            }
            int versionPoints = points.size();
            for (int k = 0; k < versionPoints; k++) {
                long from = points.get(k);
                long to = k + 1 < versionPoints ? points.get(k + 1) : t1;
                int vi = fence.versionIndexAt(from);
                if (vi >= 0) {
                    points.addAll(versions.get(vi).schedule().findChangesBetween(from, to));
                }
            }
            return points.stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .distinct()
                    .toArray();
        }

        /**
         * Brings the membership in line with the fence at instant {@code t} of the step, where the fence may have
         * started or stopped applying, and sets {@link #rawInside}. Returns the index of the version in effect, or -1
         * when the fence does not apply at {@code t}.
         */
        private int reconcile(long t, Cause cause) {
            int vi = fence.versionIndexAt(t);
            GeofenceVersion v = vi < 0 ? null : fence.versions().get(vi);
            boolean applies =
                    v != null && v.appliesTo(vesselClass) && v.schedule().isActiveAt(t);
            double[] at = seg.positionAt(t);
            if (!applies) {
                if (state.inside) {
                    GeofenceVersion named = v != null ? v : versionAt(fence, t, state.version);
                    endVisit(t, at, named, Cause.FENCE_CHANGED);
                }
                state.pending = null;
                state.endApproach();
                rawInside = false;
                return -1;
            }
            FenceShape shape = compiled.shapes[vi];
            if (shape.isArea()) {
                boolean in = shape.covers(at[0], at[1]);
                if (in && !state.inside) {
                    startVisit(t, at, v, cause);
                } else if (in) {
                    state.pending = null; // back inside: an unconfirmed exit is cancelled
                } else if (state.inside && state.pending == null) {
                    state.pending = new PendingCrossing(
                            t,
                            at[0],
                            at[1],
                            seg.isBetweenFixes(t),
                            Direction.OUTBOUND,
                            v.version(),
                            cause == Cause.FENCE_CHANGED,
                            seg.prev,
                            seg.fix,
                            null);
                }
                rawInside = in;
            }
            return vi;
        }

        /** Walks the piece of the step from {@code a} to {@code b}, in which version {@code vi} applies throughout. */
        private void walk(int vi, long a, long b) {
            if (seg.arc.isDegenerate() || b <= a) {
                return;
            }
            GeofenceVersion v = fence.versions().get(vi);
            FenceShape shape = compiled.shapes[vi];
            Arc piece;
            if (a == seg.t0 && b == seg.t1) {
                piece = seg.arc;
            } else {
                double[] from = seg.positionAt(a);
                double[] to = seg.positionAt(b);
                piece = Arc.between(from[0], from[1], to[0], to[1]);
            }
            for (FenceShape.Crossing c : shape.crossings(piece)) {
                long t = seg.timeAt(a, b, c.fraction());
                double[] at = {c.lon(), c.lat()};
                if (shape.isArea()) {
                    crossArea(c.direction(), t, at, v);
                } else {
                    crossLine(c.direction(), t, at, v);
                }
            }
        }

        private void crossArea(Direction direction, long t, double[] at, GeofenceVersion v) {
            if (direction == Direction.INBOUND) {
                if (rawInside) {
                    return; // a second edge at the same vertex, or rounding: already inside
                }
                rawInside = true;
                if (state.inside && state.pending != null) {
                    if (!isConfirmedOnTrack(state.pending, t, v)) {
                        state.pending = null; // back across before the exit was confirmed: no exit, no new entry
                        return;
                    }
                    confirm(state.pending, null);
                }
                if (!state.inside) {
                    startVisit(t, at, v, Cause.BOUNDARY_CROSSED);
                    entryThisStep = new PendingCrossing.Entry(t, at[0], at[1], v.version());
                }
            } else {
                if (!rawInside) {
                    return;
                }
                rawInside = false;
                if (state.inside && state.pending == null) {
                    state.pending = new PendingCrossing(
                            t,
                            at[0],
                            at[1],
                            true,
                            Direction.OUTBOUND,
                            v.version(),
                            false,
                            seg.prev,
                            seg.fix,
                            entryThisStep);
                }
            }
        }

        private void crossLine(Direction direction, long t, double[] at, GeofenceVersion v) {
            state.endApproach(); // the vessel reached the line
            PendingCrossing pending = state.pending;
            PendingCrossing next =
                    new PendingCrossing(t, at[0], at[1], true, direction, v.version(), false, seg.prev, seg.fix, null);
            if (pending == null) {
                state.pending = next;
            } else if (isConfirmedOnTrack(pending, t, v)) {
                confirm(pending, null);
                state.pending = next;
            } else if (pending.direction() != direction) {
                state.pending = null; // back across before the crossing was confirmed
            } else {
                state.pending = next; // around the line's end and across again: the latest crossing counts
            }
        }

        /**
         * Tests whether the track itself, between the unconfirmed crossing and a crossing back at {@code t}, confirms
         * it: by the time on the far side, or by reaching beyond the band at the midpoint in between.
         */
        private boolean isConfirmedOnTrack(PendingCrossing pending, long t, GeofenceVersion v) {
            FenceRules rules = v.rules();
            if (t - pending.time() >= rules.hysteresisTime().toMillis()) {
                return true;
            }
            long mid = (Math.max(pending.time(), seg.t0) + t) / 2;
            double[] at = seg.positionAt(mid);
            return !Geodesic.isWithinDistance(at[0], at[1], v.geometry(), rules.hysteresisMetres());
        }

        /** Tests whether the fix confirms the unconfirmed crossing: far enough from the boundary, or long enough. */
        private boolean isConfirmedAtFix(PendingCrossing pending, GeofenceVersion v) {
            FenceRules rules = v.rules();
            return seg.t1 - pending.time() >= rules.hysteresisTime().toMillis()
                    || !Geodesic.isWithinDistance(seg.fix.lon(), seg.fix.lat(), v.geometry(), rules.hysteresisMetres());
        }

        /** Reports a confirmed exit (with its transit, if any) or line crossing; {@code confirmedBy} may be null. */
        private void confirm(PendingCrossing pending, PositionFix confirmedBy) {
            state.pending = null;
            GeofenceVersion v = versionAt(fence, pending.time(), pending.version());
            List<PositionFix> track = new ArrayList<>(3);
            if (pending.before() != null) {
                track.add(pending.before());
            }
            track.add(pending.after());
            if (confirmedBy != null && !confirmedBy.equals(pending.after())) {
                track.add(confirmedBy);
            }
            if (pending.direction() == Direction.OUTBOUND) {
                checkDwell(v, pending.time());
                Cause cause = pending.fenceChanged() ? Cause.FENCE_CHANGED : Cause.BOUNDARY_CROSSED;
                emit(
                        EventType.EXIT,
                        pending.time(),
                        pending.lon(),
                        pending.lat(),
                        pending.interpolated(),
                        v,
                        track,
                        new EventDetail.Transition(cause));
                PendingCrossing.Entry entry = pending.entry();
                if (entry != null) {
                    emit(
                            EventType.CROSS,
                            entry.time(),
                            entry.lon(),
                            entry.lat(),
                            true,
                            versionAt(fence, entry.time(), entry.version()),
                            track,
                            new EventDetail.Crossing(Direction.INBOUND));
                    emit(
                            EventType.CROSS,
                            pending.time(),
                            pending.lon(),
                            pending.lat(),
                            true,
                            v,
                            track,
                            new EventDetail.Crossing(Direction.OUTBOUND));
                }
                state.endVisit();
            } else {
                emit(
                        EventType.CROSS,
                        pending.time(),
                        pending.lon(),
                        pending.lat(),
                        pending.interpolated(),
                        v,
                        track,
                        new EventDetail.Crossing(pending.direction()));
            }
        }

        private void startVisit(long t, double[] at, GeofenceVersion v, Cause cause) {
            state.endVisit();
            state.inside = true;
            state.enteredAt = t;
            state.endApproach(); // the vessel reached the fence
            emit(
                    EventType.ENTER,
                    t,
                    at[0],
                    at[1],
                    seg.isBetweenFixes(t),
                    v,
                    seg.track,
                    new EventDetail.Transition(cause));
        }

        /** Ends the visit at once, with no hysteresis: the fence stopped applying. */
        private void endVisit(long t, double[] at, GeofenceVersion v, Cause cause) {
            if (v != null) {
                checkDwell(v, t);
                emit(
                        EventType.EXIT,
                        t,
                        at[0],
                        at[1],
                        seg.isBetweenFixes(t),
                        v,
                        seg.track,
                        new EventDetail.Transition(cause));
            }
            state.endVisit();
        }

        /** Reports DWELL when the visit, lasting at least until {@code until}, has reached the minimum. */
        private void checkDwell(GeofenceVersion v, long until) {
            if (!state.inside || state.dwellReported || state.enteredAt == FenceState.NONE) {
                return;
            }
            Duration minimum = v.rules().dwellMinimum();
            long t = state.enteredAt + minimum.toMillis();
            if (t > until) {
                return;
            }
            state.dwellReported = true;
            GeofenceVersion named = versionAt(fence, t, v.version());
            double[] at = seg.positionAt(t);
            emit(
                    EventType.DWELL,
                    t,
                    at[0],
                    at[1],
                    seg.isBetweenFixes(t),
                    named,
                    seg.track,
                    new EventDetail.Dwell(Instant.ofEpochMilli(state.enteredAt), minimum));
        }

        private void checkLoiter(FenceRules rules) {
            if (!state.inside) {
                state.slowSince = FenceState.NONE;
                state.loiterReported = false;
                return;
            }
            if (state.pending != null || !rules.isEnabled(EventType.LOITER)) {
                return; // in the band outside, or not watched: the slow run neither grows nor ends
            }
            Double sog = seg.fix.sogKnots() != null ? seg.fix.sogKnots() : seg.meanKnots();
            if (sog == null || sog >= rules.loiterMaximumKnots()) {
                state.slowSince = FenceState.NONE;
                state.loiterReported = false;
                return;
            }
            if (state.slowSince == FenceState.NONE) {
                state.slowSince = seg.t1;
            }
            long t = state.slowSince + rules.loiterMinimum().toMillis();
            if (!state.loiterReported && t <= seg.t1) {
                state.loiterReported = true;
                GeofenceVersion named = versionAt(fence, t, state.version);
                double[] at = seg.positionAt(t);
                emit(
                        EventType.LOITER,
                        t,
                        at[0],
                        at[1],
                        seg.isBetweenFixes(t),
                        named,
                        seg.track,
                        new EventDetail.Loiter(
                                Instant.ofEpochMilli(state.slowSince),
                                rules.loiterMinimum(),
                                rules.loiterMaximumKnots(),
                                sog));
            }
        }

        private void checkApproach(GeofenceVersion v, FenceShape shape) {
            FenceRules rules = v.rules();
            if (!rules.isEnabled(EventType.APPROACH) || (shape.isArea() && state.inside)) {
                state.endApproach();
                return;
            }
            FenceShape.Crossing hit = null;
            long arrival = 0;
            Double sog = seg.fix.sogKnots();
            if (seg.projectionMillis > 0 && sog >= rules.approachMinimumKnots()) {
                for (FenceShape.Crossing c : shape.crossings(seg.projection())) {
                    if (!shape.isArea() || c.direction() == Direction.INBOUND) {
                        long t = seg.timeAt(seg.t1, seg.t1 + seg.projectionMillis, c.fraction());
                        if (t - seg.t1 <= rules.approachLookahead().toMillis()) {
                            hit = c;
                            arrival = t;
                        }
                        break;
                    }
                }
            }
            if (hit != null) {
                state.approachMissSince = FenceState.NONE;
                if (!state.approachOpen) {
                    state.approachOpen = true;
                    double metres = Geodesic.distanceMetres(seg.fix.lon(), seg.fix.lat(), hit.lon(), hit.lat());
                    emit(
                            EventType.APPROACH,
                            seg.t1,
                            seg.fix.lon(),
                            seg.fix.lat(),
                            false,
                            v,
                            seg.track,
                            new EventDetail.Approach(
                                    Instant.ofEpochMilli(arrival),
                                    hit.lon(),
                                    hit.lat(),
                                    metres,
                                    sog,
                                    seg.fix.cogDegrees()));
                }
            } else if (state.approachOpen) {
                if (state.approachMissSince == FenceState.NONE) {
                    state.approachMissSince = seg.t1;
                }
                if (seg.t1 - state.approachMissSince
                        >= rules.approachLookahead().toMillis()) {
                    state.endApproach(); // turned away for a whole lookahead: a new approach may be reported
                }
            }
        }

        private void emit(
                EventType type,
                long t,
                double lon,
                double lat,
                boolean interpolated,
                GeofenceVersion v,
                List<PositionFix> track,
                EventDetail detail) {
            if (v == null || !v.rules().isEnabled(type)) {
                return;
            }
            events.add(new GeofenceEvent(
                    type,
                    mmsi,
                    Instant.ofEpochMilli(t),
                    lon,
                    lat,
                    interpolated,
                    FenceRef.of(fence.id(), v),
                    track,
                    detail));
        }
    }
}
