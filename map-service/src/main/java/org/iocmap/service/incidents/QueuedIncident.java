package org.iocmap.service.incidents;

import java.time.Instant;
import java.util.List;

/**
 * Describes one incident in the operator's queue.
 *
 * @param kind {@code fire} or {@code report}
 * @param urgency the rank the queue sorts by first: 0 a fire alarm nobody acknowledged, 1 a fire being handled, 2 an
 *     open report past its deadline, 3 an open report within it, 4 a closed incident
 * @param deadlineAt when the report must be resolved; null for fire incidents
 * @param actions what an operator may do now, in workflow order ({@code acknowledge}, {@code assign}, …)
 */
public record QueuedIncident(
        String kind,
        long id,
        String code,
        String title,
        String categoryCode,
        String categoryName,
        String status,
        double lon,
        double lat,
        String address,
        String district,
        String agency,
        Instant openedAt,
        Instant deadlineAt,
        Instant updatedAt,
        int urgency,
        int alarmCount,
        List<String> actions) {
    /** Returns a copy with another urgency (an open report's 2 or 3 changes as its deadline passes). */
    QueuedIncident withUrgency(int rank) {
        return new QueuedIncident(
                kind,
                id,
                code,
                title,
                categoryCode,
                categoryName,
                status,
                lon,
                lat,
                address,
                district,
                agency,
                openedAt,
                deadlineAt,
                updatedAt,
                rank,
                alarmCount,
                actions);
    }

    /** Tests whether an open report's deadline has passed at {@code now}. */
    public boolean isOverdue(Instant now) {
        return deadlineAt != null && urgency >= 2 && urgency <= 3 && now.isAfter(deadlineAt);
    }
}
