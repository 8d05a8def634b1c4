package org.iocmap.service.geofence;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Says when a vessel counts as dark: silent for longer than its <i>expected interval</i>. That interval is, first
 * found first used:
 *
 * <ol>
 *   <li>the vessel's own, from {@link VesselDirectory#findExpectedInterval(int)} (a VMS unit's configured period);
 *   <li>its class's, from {@code intervalByClass};
 *   <li>learnt from its reports, once {@code samplesToLearn} gaps have been seen: {@code learntFactor} times the
 *       median of its last 9 gaps between fixes, kept within [{@code learntMinimum}, {@code learntMaximum}]. The
 *       median follows a vessel whose rate changes for good (a VMS unit every 4 hours, AIS every few seconds under
 *       way and every few minutes at anchor) within a few reports, while one long silence does not move it;
 *   <li>{@code defaultInterval}.
 * </ol>
 *
 * The interval is fixed at each fix and applies to the silence that follows it, so the clock and the next fix agree on
 * when the vessel went dark.
 *
 * @param defaultInterval the interval of a vessel about which nothing else is known
 * @param intervalByClass intervals set per class
 * @param learntFactor how many typical gaps make a silence
 * @param learntMinimum the least learnt interval: AIS class A reports every few seconds under way, but a few missed
 *     receptions are not a vessel going dark
 * @param learntMaximum the greatest learnt interval
 * @param samplesToLearn how many gaps must be seen before the learnt interval is used
 * @param vesselClasses the classes watched for going dark; other vessels never do
 */
public record DarkSettings(
        Duration defaultInterval,
        Map<VesselClass, Duration> intervalByClass,
        double learntFactor,
        Duration learntMinimum,
        Duration learntMaximum,
        int samplesToLearn,
        Set<VesselClass> vesselClasses) {

    /**
     * Checks and copies the arguments.
     *
     * @throws IllegalArgumentException for a duration that is not positive, a factor under 1, learnt bounds in the
     *     wrong order or a negative sample count
     */
    public DarkSettings {
        requirePositive(defaultInterval, "defaultInterval");
        requirePositive(learntMinimum, "learntMinimum");
        requirePositive(learntMaximum, "learntMaximum");
        intervalByClass = intervalByClass.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(intervalByClass));
        intervalByClass.forEach((c, d) -> requirePositive(d, "intervalByClass[" + c + "]"));
        if (!(learntFactor >= 1 && learntFactor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learntFactor must be a finite number >= 1, was " + learntFactor);
        }
        if (learntMaximum.compareTo(learntMinimum) < 0) {
            throw new IllegalArgumentException(
                    "learntMaximum " + learntMaximum + " must not be less than learntMinimum " + learntMinimum);
        }
        if (samplesToLearn < 0) {
            throw new IllegalArgumentException("samplesToLearn must be >= 0, was " + samplesToLearn);
        }
        vesselClasses = vesselClasses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(vesselClasses));
    }

    /**
     * Returns the defaults: 30 minutes until learnt; learnt as three median gaps, within 10 minutes and 24 hours,
     * after 3 gaps; every class watched, none with its own interval.
     */
    public static DarkSettings defaults() {
        return new DarkSettings(
                Duration.ofMinutes(30),
                Map.of(),
                3,
                Duration.ofMinutes(10),
                Duration.ofHours(24),
                3,
                VesselClass.any());
    }

    /** Returns these settings with {@code interval} as the expected interval of every vessel of {@code vesselClass}. */
    public DarkSettings withClassInterval(VesselClass vesselClass, Duration interval) {
        Map<VesselClass, Duration> map = new EnumMap<>(VesselClass.class);
        map.putAll(intervalByClass);
        map.put(vesselClass, interval);
        return new DarkSettings(
                defaultInterval, map, learntFactor, learntMinimum, learntMaximum, samplesToLearn, vesselClasses);
    }

    /** Returns these settings with another default interval. */
    public DarkSettings withDefaultInterval(Duration interval) {
        return new DarkSettings(
                interval, intervalByClass, learntFactor, learntMinimum, learntMaximum, samplesToLearn, vesselClasses);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
