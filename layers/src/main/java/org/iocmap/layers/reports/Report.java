package org.iocmap.layers.reports;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds a citizen report as the workflow sees it. Coordinates are EPSG:4326, x = longitude.
 *
 * @param category the category's Vietnamese name, as the map layer shows it
 * @param agency the agency responsible; set from the category on submission, changed by assignment
 * @param unit the unit within the agency it was assigned to; null until one is named
 * @param updatedAt the time of the last state change (the creation time until the first)
 * @param deadlineAt when the agency must have resolved it; null only for old rows without a category
 * @param resolvedAt when it was resolved or rejected; null while open
 * @param mergedInto the code of the report it was merged into; null unless merged
 * @param statusNote the note of the last state change (a resolution, a rejection's reason); null when none
 * @param mediaUrl a photo URL the reporter's client hosts itself (Open311 {@code media_url}); null when none
 */
public record Report(
        long id,
        String code,
        String serviceCode,
        String category,
        String title,
        String description,
        ReportStatus status,
        String channel,
        String reporterName,
        String reporterPhone,
        String reporterEmail,
        String agency,
        String unit,
        String address,
        String district,
        double lon,
        double lat,
        Instant createdAt,
        Instant updatedAt,
        Instant deadlineAt,
        Instant resolvedAt,
        String mergedInto,
        String statusNote,
        String mediaUrl) {

    /** Tests whether this report was merged into another (and so is closed as a duplicate). */
    public boolean isMerged() {
        return mergedInto != null;
    }

    /** Tests whether the report is open and its deadline has passed at {@code now}. */
    public boolean isOverdue(Instant now) {
        return status.isOpen() && deadlineAt != null && now.isAfter(deadlineAt);
    }

    /**
     * Returns the whole seconds from {@code now} to the deadline, negative once it has passed; null when the report is
     * closed (its clock has stopped) or has no deadline.
     */
    public Long secondsToDeadline(Instant now) {
        if (!status.isOpen() || deadlineAt == null) {
            return null;
        }
        return Duration.between(now, deadlineAt).toSeconds();
    }
}
