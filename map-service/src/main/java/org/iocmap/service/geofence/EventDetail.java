package org.iocmap.service.geofence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Holds what one type of event says beyond the fields every {@link GeofenceEvent} has. */
public sealed interface EventDetail {
    /**
     * Details an {@link EventType#ENTER} or {@link EventType#EXIT}.
     *
     * @param cause why the membership changed
     */
    record Transition(Cause cause) implements EventDetail {}

    /**
     * Details a {@link EventType#CROSS}.
     *
     * @param direction left-to-right or right-to-left across a line fence; inbound or outbound across an area fence
     */
    record Crossing(Direction direction) implements EventDetail {}

    /**
     * Details an {@link EventType#APPROACH}: where and when the vessel reaches the fence if it holds its speed and
     * course.
     *
     * @param arrivalTime when the vessel reaches the boundary
     * @param arrivalLon longitude of the point where it reaches the boundary, degrees
     * @param arrivalLat latitude of that point, degrees
     * @param distanceMetres geodesic distance from the fix to that point
     * @param sogKnots the speed the projection used
     * @param cogDegrees the course the projection used
     */
    record Approach(
            Instant arrivalTime,
            double arrivalLon,
            double arrivalLat,
            double distanceMetres,
            double sogKnots,
            double cogDegrees)
            implements EventDetail {}

    /**
     * Details a {@link EventType#DWELL}; the event's time is {@code enteredAt + minimum}.
     *
     * @param enteredAt when the vessel came inside
     * @param minimum the rule's minimum time inside
     */
    record Dwell(Instant enteredAt, Duration minimum) implements EventDetail {}

    /**
     * Details a {@link EventType#LOITER}; the event's time is {@code slowSince + minimum}.
     *
     * @param slowSince the first fix of the slow run inside the fence
     * @param minimum the rule's minimum slow time
     * @param maximumKnots the rule's speed under which the vessel counts as slow
     * @param sogKnots the vessel's speed at the fix that confirmed the event: its reported speed, or its mean speed
     *     since the previous fix when it reports none
     */
    record Loiter(Instant slowSince, Duration minimum, double maximumKnots, double sogKnots) implements EventDetail {}

    /**
     * Details a {@link EventType#DARK_STARTED}; the event's time is {@code lastSeen + expectedInterval}, the moment
     * the silence became longer than expected, whether it was noticed by the clock or by the next fix.
     *
     * @param lastSeen the time of the last fix
     * @param expectedInterval the longest silence expected of this vessel at its last fix
     * @param insideFences the area fences the vessel was inside at its last fix, in id order
     */
    record DarkStarted(Instant lastSeen, Duration expectedInterval, List<FenceRef> insideFences)
            implements EventDetail {
        /** Copies the list. */
        public DarkStarted {
            insideFences = List.copyOf(insideFences);
        }
    }

    /**
     * Details a {@link EventType#DARK_ENDED}, reported at the first fix after the silence.
     *
     * @param lastSeen the time of the last fix before the silence
     * @param gap the silence's length, from the last fix before to the first fix after
     * @param distanceMetres the geodesic distance between those two fixes
     * @param expectedInterval the longest silence that was expected
     */
    record DarkEnded(Instant lastSeen, Duration gap, double distanceMetres, Duration expectedInterval)
            implements EventDetail {}
}
