package org.iocmap.service.geofence;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Says which events a fence reports and with which parameters. Membership of an area fence (and so dwell and loiter
 * timing) is tracked whether or not {@code ENTER} and {@code EXIT} are reported.
 *
 * <p><b>Hysteresis</b> (no flapping). Entering counts at the boundary: an area fence is a legal line, and a vessel one
 * metre inside a closed zone is inside. Leaving, and crossing a line fence, count only once confirmed: the vessel is
 * seen more than {@code hysteresisMetres} beyond the boundary, or still on the new side {@code hysteresisTime} after
 * the crossing. A crossing back before that cancels the unconfirmed one, so a vessel jittering ±20 m across a boundary
 * with a 50 m band gives one ENTER and nothing else. The confirmation is checked at each fix, and also on the track
 * between two fixes when it crosses the boundary again (at the midpoint between the two crossings, and by the time
 * between them), so one long segment across a bay is still an exit and a re-entry. A confirmed event keeps the time
 * and point of its crossing: the hysteresis delays when an event is raised, never what it says.
 *
 * @param events the event types reported: any of {@code ENTER, EXIT, CROSS, APPROACH, DWELL, LOITER} for an area
 *     fence, {@code CROSS} and {@code APPROACH} for a line fence
 * @param approachLookahead how far ahead a vessel's position is projected along its course for {@code APPROACH}
 * @param approachMinimumKnots the speed under which a vessel is not projected (its course is not meaningful)
 * @param dwellMinimum how long a vessel must have been inside for {@code DWELL}
 * @param loiterMaximumKnots the speed under which a vessel inside counts as loitering (fishing, drifting)
 * @param loiterMinimum how long a vessel must have been slow inside for {@code LOITER}
 * @param hysteresisMetres the band beyond the boundary that a vessel must leave to confirm an exit or line crossing
 * @param hysteresisTime how long a vessel must stay on the new side to confirm an exit or line crossing without
 *     leaving the band
 */
public record FenceRules(
        Set<EventType> events,
        Duration approachLookahead,
        double approachMinimumKnots,
        Duration dwellMinimum,
        double loiterMaximumKnots,
        Duration loiterMinimum,
        double hysteresisMetres,
        Duration hysteresisTime) {

    /** Default lookahead of {@code APPROACH}: 30 minutes. */
    public static final Duration DEFAULT_APPROACH_LOOKAHEAD = Duration.ofMinutes(30);

    /** Default speed under which a vessel is not projected: 1 knot. */
    public static final double DEFAULT_APPROACH_MINIMUM_KNOTS = 1;

    /** Default time inside before {@code DWELL}: 1 hour. */
    public static final Duration DEFAULT_DWELL_MINIMUM = Duration.ofHours(1);

    /** Default speed under which a vessel loiters: 3 knots, above drifting and below transit speed. */
    public static final double DEFAULT_LOITER_MAXIMUM_KNOTS = 3;

    /** Default time slow inside before {@code LOITER}: 1 hour. */
    public static final Duration DEFAULT_LOITER_MINIMUM = Duration.ofHours(1);

    /** Default hysteresis band: 50 m, several times the error of a GNSS fix. */
    public static final double DEFAULT_HYSTERESIS_METRES = 50;

    /** Default hysteresis time: 10 minutes. */
    public static final Duration DEFAULT_HYSTERESIS_TIME = Duration.ofMinutes(10);

    /**
     * Checks and copies the arguments.
     *
     * @throws IllegalArgumentException for a dark event type, a negative or zero duration where one is needed, or a
     *     negative speed or band
     */
    public FenceRules {
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
        for (EventType type : events) {
            if (!type.isFenceEvent()) {
                throw new IllegalArgumentException(type + " is reported per vessel, not enabled per fence");
            }
        }
        requirePositive(approachLookahead, "approachLookahead");
        requirePositive(dwellMinimum, "dwellMinimum");
        requirePositive(loiterMinimum, "loiterMinimum");
        Objects.requireNonNull(hysteresisTime, "hysteresisTime");
        if (hysteresisTime.isNegative()) {
            throw new IllegalArgumentException("hysteresisTime must be >= 0, was " + hysteresisTime);
        }
        requireNonNegative(approachMinimumKnots, "approachMinimumKnots");
        requireNonNegative(loiterMaximumKnots, "loiterMaximumKnots");
        requireNonNegative(hysteresisMetres, "hysteresisMetres");
    }

    /** Creates rules that report {@code events} with the default parameters. */
    public static FenceRules of(EventType... events) {
        return new FenceRules(
                events.length == 0 ? Set.of() : EnumSet.of(events[0], events),
                DEFAULT_APPROACH_LOOKAHEAD,
                DEFAULT_APPROACH_MINIMUM_KNOTS,
                DEFAULT_DWELL_MINIMUM,
                DEFAULT_LOITER_MAXIMUM_KNOTS,
                DEFAULT_LOITER_MINIMUM,
                DEFAULT_HYSTERESIS_METRES,
                DEFAULT_HYSTERESIS_TIME);
    }

    /** Creates rules that report every event an area fence can report, with the default parameters. */
    public static FenceRules allForArea() {
        return of(
                EventType.ENTER,
                EventType.EXIT,
                EventType.CROSS,
                EventType.APPROACH,
                EventType.DWELL,
                EventType.LOITER);
    }

    /** Creates rules that report every event a line fence can report, with the default parameters. */
    public static FenceRules allForLine() {
        return of(EventType.CROSS, EventType.APPROACH);
    }

    /** Tests whether events of {@code type} are reported. */
    public boolean isEnabled(EventType type) {
        return events.contains(type);
    }

    /** Returns these rules with another approach lookahead and minimum speed. */
    public FenceRules withApproach(Duration lookahead, double minimumKnots) {
        return new FenceRules(
                events,
                lookahead,
                minimumKnots,
                dwellMinimum,
                loiterMaximumKnots,
                loiterMinimum,
                hysteresisMetres,
                hysteresisTime);
    }

    /** Returns these rules with another dwell minimum. */
    public FenceRules withDwell(Duration minimum) {
        return new FenceRules(
                events,
                approachLookahead,
                approachMinimumKnots,
                minimum,
                loiterMaximumKnots,
                loiterMinimum,
                hysteresisMetres,
                hysteresisTime);
    }

    /** Returns these rules with another loiter speed and minimum. */
    public FenceRules withLoiter(double maximumKnots, Duration minimum) {
        return new FenceRules(
                events,
                approachLookahead,
                approachMinimumKnots,
                dwellMinimum,
                maximumKnots,
                minimum,
                hysteresisMetres,
                hysteresisTime);
    }

    /** Returns these rules with another hysteresis band and time. */
    public FenceRules withHysteresis(double metres, Duration time) {
        return new FenceRules(
                events,
                approachLookahead,
                approachMinimumKnots,
                dwellMinimum,
                loiterMaximumKnots,
                loiterMinimum,
                metres,
                time);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void requireNonNegative(double value, String name) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) { // the negation also rejects NaN
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
    }
}
