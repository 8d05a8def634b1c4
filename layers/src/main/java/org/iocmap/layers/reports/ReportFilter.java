package org.iocmap.layers.reports;

import java.time.Instant;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;

/**
 * Selects and orders reports for a list. Empty sets and null values select everything; the conditions are ANDed.
 * Geometries are EPSG:4326.
 *
 * @param codes only these report codes
 * @param agency only reports of this agency (exact name)
 * @param overdueOnly only open reports whose deadline has passed
 * @param bbox only reports intersecting this box (a polygon, or a multipolygon split at the antimeridian)
 * @param createdFrom only reports created at or after this time
 * @param createdTo only reports created at or before this time
 * @param text only reports whose code, title, description or address contain this text, ignoring case
 * @param area only reports inside this area (boundary included): the viewer's jurisdiction
 */
public record ReportFilter(
        Set<String> codes,
        Set<ReportStatus> statuses,
        Set<String> serviceCodes,
        String agency,
        boolean overdueOnly,
        Geometry bbox,
        Instant createdFrom,
        Instant createdTo,
        String text,
        Geometry area,
        ReportSort sort,
        int limit,
        int offset) {

    public ReportFilter {
        codes = Set.copyOf(codes);
        statuses = Set.copyOf(statuses);
        serviceCodes = Set.copyOf(serviceCodes);
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be >= 1 and offset >= 0, were " + limit + ", " + offset);
        }
    }

    /** Returns a filter that selects every report, most urgent first, at most {@code limit}. */
    public static ReportFilter any(int limit) {
        return new ReportFilter(
                Set.of(), Set.of(), Set.of(), null, false, null, null, null, null, null, ReportSort.URGENCY, limit, 0);
    }

    public ReportFilter withCodes(Set<String> value) {
        return new ReportFilter(
                value,
                statuses,
                serviceCodes,
                agency,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                text,
                area,
                sort,
                limit,
                offset);
    }

    public ReportFilter withStatuses(Set<ReportStatus> value) {
        return new ReportFilter(
                codes,
                value,
                serviceCodes,
                agency,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                text,
                area,
                sort,
                limit,
                offset);
    }

    public ReportFilter withServiceCodes(Set<String> value) {
        return new ReportFilter(
                codes,
                statuses,
                value,
                agency,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                text,
                area,
                sort,
                limit,
                offset);
    }

    public ReportFilter withAgency(String value) {
        return new ReportFilter(
                codes,
                statuses,
                serviceCodes,
                value,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                text,
                area,
                sort,
                limit,
                offset);
    }

    public ReportFilter withOverdueOnly(boolean value) {
        return new ReportFilter(
                codes,
                statuses,
                serviceCodes,
                agency,
                value,
                bbox,
                createdFrom,
                createdTo,
                text,
                area,
                sort,
                limit,
                offset);
    }

    public ReportFilter withBbox(Geometry value) {
        return new ReportFilter(
                codes,
                statuses,
                serviceCodes,
                agency,
                overdueOnly,
                value,
                createdFrom,
                createdTo,
                text,
                area,
                sort,
                limit,
                offset);
    }

    public ReportFilter withCreated(Instant from, Instant to) {
        return new ReportFilter(
                codes, statuses, serviceCodes, agency, overdueOnly, bbox, from, to, text, area, sort, limit, offset);
    }

    public ReportFilter withText(String value) {
        return new ReportFilter(
                codes,
                statuses,
                serviceCodes,
                agency,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                value,
                area,
                sort,
                limit,
                offset);
    }

    public ReportFilter withArea(Geometry value) {
        return new ReportFilter(
                codes,
                statuses,
                serviceCodes,
                agency,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                text,
                value,
                sort,
                limit,
                offset);
    }

    public ReportFilter withSort(ReportSort value) {
        return new ReportFilter(
                codes,
                statuses,
                serviceCodes,
                agency,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                text,
                area,
                value,
                limit,
                offset);
    }

    public ReportFilter withPage(int newLimit, int newOffset) {
        return new ReportFilter(
                codes,
                statuses,
                serviceCodes,
                agency,
                overdueOnly,
                bbox,
                createdFrom,
                createdTo,
                text,
                area,
                sort,
                newLimit,
                newOffset);
    }
}
