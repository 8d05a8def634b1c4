package org.iocmap.service.alarms;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the states of a fire incident: OPEN → ACKNOWLEDGED → DISPATCHED → RESOLVED, and RESOLVED straight from OPEN or
 * ACKNOWLEDGED when the alarm was false (with a note saying why).
 */
public enum IncidentStatus {
    OPEN,
    ACKNOWLEDGED,
    DISPATCHED,
    RESOLVED;

    /** The statuses of incidents still being handled, which lists show by default. */
    public static final List<IncidentStatus> UNRESOLVED = List.of(OPEN, ACKNOWLEDGED, DISPATCHED);

    /** Reads a status, case-insensitively; empty when it is none. */
    public static Optional<IncidentStatus> parse(String raw) {
        for (IncidentStatus s : values()) {
            if (s.name().equals(raw.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Returns the actions allowed in this status, in workflow order. */
    public List<IncidentAction> allowedActions() {
        return switch (this) {
            case OPEN -> List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.RESOLVE);
            case ACKNOWLEDGED -> List.of(IncidentAction.DISPATCH, IncidentAction.RESOLVE);
            case DISPATCHED -> List.of(IncidentAction.RESOLVE);
            case RESOLVED -> List.of();
        };
    }

    /** Tests whether resolving from this status must be as a false alarm (nobody was sent). */
    public boolean resolvesOnlyAsFalseAlarm() {
        return this == OPEN || this == ACKNOWLEDGED;
    }

    /**
     * Returns the status {@code action} leads to from this one.
     *
     * @param falseAlarm for RESOLVE: whether the alarm was false
     * @return empty when the action is not allowed now
     */
    public Optional<IncidentStatus> after(IncidentAction action, boolean falseAlarm) {
        if (!allowedActions().contains(action)) {
            return Optional.empty();
        }
        return switch (action) {
            case ACKNOWLEDGE -> Optional.of(ACKNOWLEDGED);
            case DISPATCH -> Optional.of(DISPATCHED);
            case RESOLVE -> resolvesOnlyAsFalseAlarm() && !falseAlarm ? Optional.empty() : Optional.of(RESOLVED);
        };
    }

    /** Describes the allowed actions for a message: "acknowledge, resolve (as a false alarm, with a note)". */
    public String describeAllowed() {
        List<IncidentAction> allowed = allowedActions();
        if (allowed.isEmpty()) {
            return "none (the incident is closed)";
        }
        return String.join(
                ", ",
                allowed.stream()
                        .map(a -> a == IncidentAction.RESOLVE && resolvesOnlyAsFalseAlarm()
                                ? "resolve (as a false alarm, with a note)"
                                : a.path())
                        .toList());
    }
}
