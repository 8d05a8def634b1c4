package org.iocmap.service.alarms;

import java.util.Locale;

/** Names what an operator does to a fire incident; {@link #path()} is the last segment of its route. */
public enum IncidentAction {
    ACKNOWLEDGE,
    DISPATCH,
    RESOLVE;

    /** Returns {@code acknowledge}, {@code dispatch} or {@code resolve}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }
}
