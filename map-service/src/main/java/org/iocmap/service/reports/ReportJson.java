package org.iocmap.service.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.iocmap.layers.reports.Duplicate;
import org.iocmap.layers.reports.HistoryEntry;
import org.iocmap.layers.reports.Report;
import org.iocmap.layers.reports.ReportAction;
import org.iocmap.layers.reports.ReportCategory;
import org.iocmap.layers.reports.ReportComment;
import org.iocmap.layers.reports.ReportPhoto;
import org.iocmap.layers.reports.ReportWorkflow;

/**
 * Writes reports as the operators' API shows them. Times are ISO 8601 UTC; coordinates EPSG:4326. The reporter's
 * phone number and e-mail address are written only for viewers who may read them (operators and administrators).
 */
final class ReportJson {
    private ReportJson() {}

    /**
     * Writes one report with its deadline clock at {@code now}: {@code overdue} (open and past its deadline) and
     * {@code secondsToDeadline} (negative once passed; null when closed), and the actions it allows.
     */
    static JsonObject report(Report r, Instant now, boolean contact) {
        JsonArray actions = new JsonArray();
        for (ReportAction a : ReportWorkflow.allowed(r.status(), r.isMerged())) {
            actions.add(a.apiName());
        }
        actions.add("comment");
        return new JsonObject()
                .put("id", r.id())
                .put("code", r.code())
                .put("category", r.serviceCode())
                .put("categoryName", r.category())
                .put("title", r.title())
                .put("description", r.description())
                .put("status", r.status().name())
                .put("channel", r.channel())
                .put("reporterName", r.reporterName())
                .put("reporterPhone", contact ? r.reporterPhone() : null)
                .put("reporterEmail", contact ? r.reporterEmail() : null)
                .put("agency", r.agency())
                .put("unit", r.unit())
                .put("address", r.address())
                .put("district", r.district())
                .put("lon", r.lon())
                .put("lat", r.lat())
                .put("createdAt", time(r.createdAt()))
                .put("updatedAt", time(r.updatedAt()))
                .put("deadlineAt", time(r.deadlineAt()))
                .put("resolvedAt", time(r.resolvedAt()))
                .put("overdue", r.isOverdue(now))
                .put("secondsToDeadline", r.secondsToDeadline(now))
                .put("mergedInto", r.mergedInto())
                .put("statusNote", r.statusNote())
                .put("mediaUrl", r.mediaUrl())
                .put("allowedActions", actions);
    }

    /** Writes suggested duplicates, nearest first, with their distance in metres. */
    static JsonArray duplicates(List<Duplicate> duplicates, Instant now) {
        JsonArray list = new JsonArray();
        for (Duplicate d : duplicates) {
            Report r = d.report();
            list.add(new JsonObject()
                    .put("code", r.code())
                    .put("title", r.title())
                    .put("category", r.serviceCode())
                    .put("status", r.status().name())
                    .put("createdAt", time(r.createdAt()))
                    .put("overdue", r.isOverdue(now))
                    .put("lon", r.lon())
                    .put("lat", r.lat())
                    .put("distanceMetres", Math.round(d.distanceMetres() * 10) / 10.0));
        }
        return list;
    }

    static JsonArray history(List<HistoryEntry> entries) {
        JsonArray list = new JsonArray();
        for (HistoryEntry h : entries) {
            list.add(new JsonObject()
                    .put("at", time(h.at()))
                    .put("actor", h.actor())
                    .put("action", h.action().apiName())
                    .put(
                            "fromStatus",
                            h.fromStatus() == null ? null : h.fromStatus().name())
                    .put("toStatus", h.toStatus() == null ? null : h.toStatus().name())
                    .put("agency", h.agency())
                    .put("unit", h.unit())
                    .put("note", h.note()));
        }
        return list;
    }

    static JsonObject comment(ReportComment c) {
        return new JsonObject()
                .put("id", c.id())
                .put("at", time(c.at()))
                .put("author", c.author())
                .put("text", c.text());
    }

    static JsonArray comments(List<ReportComment> comments) {
        JsonArray list = new JsonArray();
        comments.forEach(c -> list.add(comment(c)));
        return list;
    }

    /** Writes photos with their absolute URLs under {@code base} ({@code scheme://host:port}). */
    static JsonArray photos(List<ReportPhoto> photos, String base) {
        JsonArray list = new JsonArray();
        for (ReportPhoto p : photos) {
            list.add(new JsonObject()
                    .put("name", p.fileName())
                    .put("url", Open311Routes.mediaUrl(base, p.fileName()))
                    .put("kind", p.kind().name())
                    .put("contentType", p.contentType())
                    .put("sizeBytes", p.sizeBytes())
                    .put("uploadedBy", p.uploadedBy())
                    .put("uploadedAt", time(p.at())));
        }
        return list;
    }

    static JsonObject category(ReportCategory c) {
        return new JsonObject()
                .put("code", c.serviceCode())
                .put("nameVi", c.nameVi())
                .put("nameEn", c.nameEn())
                .put("descriptionVi", c.descriptionVi())
                .put("descriptionEn", c.descriptionEn())
                .put("agency", c.agency())
                .put("deadlineHours", c.deadlineHours())
                .put("group", c.group());
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
