package org.iocmap.service.geofence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Says when a fence is active: always, or within yearly windows such as a closed fishing season, optionally only at
 * certain hours. Outside its schedule a fence is treated as absent (see {@link GeofenceEngine} for what that does to a
 * vessel inside it).
 *
 * <p>Dates and hours are local to {@link #zone()}, {@link #DEFAULT_ZONE} unless given. A window's days are
 * inclusive and may run over the new year (15 December to 15 January); its hours are a half-open range
 * [{@code dailyStart}, {@code dailyEnd}) that may run past midnight (22:00 to 04:00), in which case the hours after
 * midnight belong to the calendar day they fall on, which must itself lie within the window's days. The fence is active
 * when any window is.
 *
 * @param zone the time zone of the windows' dates and hours
 * @param windows the windows; empty means always active
 */
public record Schedule(ZoneId zone, List<Window> windows) {
    /** The time zone of Vietnam, ICT (UTC+7), in which schedules are written unless they say otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Schedule ALWAYS = new Schedule(DEFAULT_ZONE, List.of());

    /** Checks the arguments and copies the list. */
    public Schedule {
        Objects.requireNonNull(zone, "zone");
        windows = List.copyOf(windows);
    }

    /** Returns the schedule of a fence that is always active. */
    public static Schedule always() {
        return ALWAYS;
    }

    /** Creates a schedule active within any of {@code windows}, in Vietnam's time zone. */
    public static Schedule yearly(Window... windows) {
        return new Schedule(DEFAULT_ZONE, List.of(windows));
    }

    /** Creates a schedule active within any of {@code windows}, in {@code zone}. */
    public static Schedule yearly(ZoneId zone, Window... windows) {
        return new Schedule(zone, List.of(windows));
    }

    /** Tests whether this schedule is always active. */
    public boolean isAlways() {
        return windows.isEmpty();
    }

    /** Tests whether the fence is active at {@code time}. */
    public boolean isActiveAt(Instant time) {
        return isActiveAt(time.toEpochMilli());
    }

    boolean isActiveAt(long millis) {
        if (windows.isEmpty()) {
            return true;
        }
        LocalDateTime local = toLocal(millis);
        MonthDay day = MonthDay.of(local.getMonth(), local.getDayOfMonth());
        LocalTime time = local.toLocalTime();
        for (Window w : windows) {
            if (w.covers(day, time)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns, in order, every instant after {@code fromMillis} and up to {@code toMillis} (epoch milliseconds) at
     * which the schedule turns on or off. Each is the first millisecond of the new state.
     */
    List<Long> findChangesBetween(long fromMillis, long toMillis) {
        if (windows.isEmpty() || toMillis <= fromMillis) {
            return List.of();
        }
        // The state can change only at local midnight or at a window's daily start or end.
        TreeSet<LocalTime> times = new TreeSet<>();
        times.add(LocalTime.MIDNIGHT);
        for (Window w : windows) {
            if (w.dailyStart() != null) {
                times.add(w.dailyStart());
                times.add(w.dailyEnd());
            }
        }
        List<Long> changes = new ArrayList<>();
        boolean state = isActiveAt(fromMillis);
        LocalDate last = toLocal(toMillis).toLocalDate();
        for (LocalDate d = toLocal(fromMillis).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            for (LocalTime t : times) {
                long candidate = ZonedDateTime.of(d, t, zone).toInstant().toEpochMilli();
                if (candidate <= fromMillis || candidate > toMillis) {
                    continue;
                }
                boolean now = isActiveAt(candidate);
                if (now != state) {
                    changes.add(candidate);
                    state = now;
                }
            }
        }
        return changes;
    }

    private LocalDateTime toLocal(long millis) {
        ZoneRules rules = zone.getRules();
        Instant instant = Instant.ofEpochMilli(millis);
        ZoneOffset offset = rules.getOffset(instant);
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, offset);
    }

    /**
     * Holds one yearly window: the days from {@code firstDay} to {@code lastDay} inclusive and, when both are given,
     * only the hours from {@code dailyStart} (inclusive) to {@code dailyEnd} (exclusive).
     *
     * @param firstDay first day of the window
     * @param lastDay last day of the window; before {@code firstDay} when the window runs over the new year
     * @param dailyStart start of the active hours; null (with {@code dailyEnd}) for all day
     * @param dailyEnd end of the active hours; before {@code dailyStart} when they run past midnight
     */
    public record Window(MonthDay firstDay, MonthDay lastDay, LocalTime dailyStart, LocalTime dailyEnd) {
        /**
         * Checks the arguments.
         *
         * @throws IllegalArgumentException when only one of the hours is given, or both are equal
         */
        public Window {
            Objects.requireNonNull(firstDay, "firstDay");
            Objects.requireNonNull(lastDay, "lastDay");
            if ((dailyStart == null) != (dailyEnd == null)) {
                throw new IllegalArgumentException("dailyStart and dailyEnd must both be given or both be null, were "
                        + dailyStart + ", " + dailyEnd);
            }
            if (dailyStart != null && dailyStart.equals(dailyEnd)) {
                throw new IllegalArgumentException("dailyStart and dailyEnd must differ, were both " + dailyStart
                        + "; leave both null for all day");
            }
        }

        /** Creates a window of whole days, {@code firstDay} to {@code lastDay} inclusive. */
        public static Window days(MonthDay firstDay, MonthDay lastDay) {
            return new Window(firstDay, lastDay, null, null);
        }

        /** Returns this window limited to the hours from {@code start} (inclusive) to {@code end} (exclusive). */
        public Window hours(LocalTime start, LocalTime end) {
            return new Window(firstDay, lastDay, start, end);
        }

        boolean covers(MonthDay day, LocalTime time) {
            boolean inDays = firstDay.isAfter(lastDay)
                    ? !day.isBefore(firstDay) || !day.isAfter(lastDay)
                    : !day.isBefore(firstDay) && !day.isAfter(lastDay);
            if (!inDays || dailyStart == null) {
                return inDays;
            }
            return dailyStart.isBefore(dailyEnd)
                    ? !time.isBefore(dailyStart) && time.isBefore(dailyEnd)
                    : !time.isBefore(dailyStart) || time.isBefore(dailyEnd);
        }
    }
}
