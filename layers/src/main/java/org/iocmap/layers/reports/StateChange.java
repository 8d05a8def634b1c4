package org.iocmap.layers.reports;

import java.util.List;

/**
 * Holds what comes with a state change, checked by the caller.
 *
 * @param agency for an assignment: the new agency; null keeps the current one
 * @param unit for an assignment: the new unit; null keeps the current one
 * @param note the note of the change (a rejection's reason, a resolution): public, it becomes the Open311
 *     {@code status_notes}
 * @param reopenTo for a reopening: NEW or ASSIGNED; null for ASSIGNED
 * @param photos photos already stored by {@link PhotoFiles}, recorded with the change as {@link PhotoKind#RESOLUTION}
 */
public record StateChange(String agency, String unit, String note, ReportStatus reopenTo, List<StoredPhoto> photos) {
    public StateChange {
        photos = List.copyOf(photos);
    }

    /** Returns a change carrying only a note (which may be null). */
    public static StateChange note(String note) {
        return new StateChange(null, null, note, null, List.of());
    }
}
