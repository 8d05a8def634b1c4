package org.iocmap.service.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.iocmap.layers.model.BoundingBox;
import org.locationtech.jts.geom.Geometry;

/**
 * Asks the queue for incidents. Every part is optional but the kinds and the page.
 *
 * @param kinds which kinds to list: {@code report}, {@code fire}
 * @param open true for the open incidents only (reports NEW, ASSIGNED, IN_PROGRESS; fire OPEN, ACKNOWLEDGED,
 *     DISPATCHED), false for the statuses in {@code statuses} (empty: every status)
 * @param statuses the statuses asked for when {@code open} is false, in either kind's names
 * @param categories report categories by service code; empty for all (fire incidents have none and are left out
 *     when categories are asked for)
 * @param areas the areas incidents must lie in, each of them (boundary included): the one asked for and the viewer's;
 *     empty for everywhere
 * @param bbox the box incidents must lie in; null for everywhere
 * @param from incidents opened at or after this; null for no bound
 * @param to incidents opened before this; null for no bound
 * @param text words the code, title, building or address must contain (case-insensitive); null for none
 * @param overdueOnly only reports past their deadline
 * @param limit how many to return, 1 to 500
 * @param offset how many to skip
 */
public record QueueRequest(
        Set<String> kinds,
        boolean open,
        Set<String> statuses,
        Set<String> categories,
        List<Geometry> areas,
        BoundingBox bbox,
        Instant from,
        Instant to,
        String text,
        boolean overdueOnly,
        int limit,
        int offset) {
    public static final String REPORT = "report";
    public static final String FIRE = "fire";
    public static final List<String> KINDS = List.of(FIRE, REPORT);

    public QueueRequest {
        kinds = Set.copyOf(kinds);
        statuses = Set.copyOf(statuses);
        categories = Set.copyOf(categories);
        areas = List.copyOf(areas);
    }

    /** Returns a copy limited to {@code inside} as well (a viewer's area). */
    QueueRequest within(Geometry inside) {
        List<Geometry> both = new java.util.ArrayList<>(areas);
        both.add(inside);
        return new QueueRequest(
                kinds, open, statuses, categories, both, bbox, from, to, text, overdueOnly, limit, offset);
    }
}
