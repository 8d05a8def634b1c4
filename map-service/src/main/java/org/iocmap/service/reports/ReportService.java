package org.iocmap.service.reports;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.reports.Duplicate;
import org.iocmap.layers.reports.NewReport;
import org.iocmap.layers.reports.PhotoFiles;
import org.iocmap.layers.reports.Report;
import org.iocmap.layers.reports.ReportAction;
import org.iocmap.layers.reports.ReportComment;
import org.iocmap.layers.reports.ReportFilter;
import org.iocmap.layers.reports.ReportNotFoundException;
import org.iocmap.layers.reports.ReportPage;
import org.iocmap.layers.reports.ReportStore;
import org.iocmap.layers.reports.StateChange;
import org.iocmap.layers.reports.StoredPhoto;
import org.iocmap.layers.reports.Submission;
import org.iocmap.service.Services;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.Viewer;

/**
 * Runs the report workflow for the routes: keeps photo files around the store's transactions (written before the
 * commit, deleted when it fails or when a retry turns out to need none) and holds every operator to the area of their
 * jurisdiction. Knows nothing of HTTP. Every method blocks on the store or the file system: call them from workers.
 */
public final class ReportService {
    /** The history's actor for submissions through Open311, whose reporters have no account here. */
    public static final String OPEN311_ACTOR = "open311";

    private final ReportStore store;
    private final PhotoFiles photos;
    private final Jurisdictions jurisdictions;

    public ReportService(ReportStore store, PhotoFiles photos, Jurisdictions jurisdictions) {
        this.store = store;
        this.photos = photos;
        this.jurisdictions = jurisdictions;
    }

    /** Creates the service of the platform: photos under {@code data.dir/photos}, the system clock. */
    public static ReportService of(Services services) {
        return new ReportService(
                new ReportStore(services.store(), Clock.systemUTC()),
                new PhotoFiles(
                        services.config().dataDir().resolve("photos"),
                        services.config().reportPhotoMaxBytes()),
                services.jurisdictions());
    }

    /** Returns the store, for reads that need no jurisdiction (Open311 is public). */
    public ReportStore store() {
        return store;
    }

    /** Returns the photo files. */
    public PhotoFiles photos() {
        return photos;
    }

    /** Returns the jurisdictions the operators are held to. */
    public Jurisdictions jurisdictions() {
        return jurisdictions;
    }

    /**
     * Submits a report with the photos uploaded in {@code uploads} (files the body handler wrote). The photos are
     * checked and kept first; when the submission fails, or when its client key names an earlier report (which keeps
     * its own photos), they are deleted again.
     *
     * @param uploadField the request field the uploads came in, for messages
     * @throws org.iocmap.layers.reports.InvalidPhotoException when a photo is too large or of another type
     */
    public Submission submit(NewReport report, List<Path> uploads, String uploadField, String actor) {
        List<StoredPhoto> kept = keep(uploads, uploadField);
        Submission submission;
        try {
            submission = store.submit(report, kept, actor);
        } catch (RuntimeException e) {
            photos.delete(kept);
            throw e;
        }
        if (!submission.created()) {
            photos.delete(kept);
        }
        return submission;
    }

    /**
     * Submits a report for an operator, who must be allowed to act at its location.
     *
     * @throws org.iocmap.service.http.ForbiddenException when the location is outside the viewer's area
     */
    public Submission submitFor(Viewer viewer, NewReport report) {
        jurisdictions.requireCovers(viewer, report.lon(), report.lat(), "a report at this location");
        Submission submission = store.submit(report, List.of(), viewer.username());
        return new Submission(submission.report(), submission.created(), within(viewer, submission.duplicates()));
    }

    /** Returns the reports the filter selects within the viewer's area. */
    public ReportPage list(Viewer viewer, ReportFilter filter) {
        return store.list(jurisdictions.areaOf(viewer).map(filter::withArea).orElse(filter));
    }

    /**
     * Returns the report with this code when the viewer may see it.
     *
     * @throws ReportNotFoundException when there is none
     * @throws org.iocmap.service.http.ForbiddenException when it lies outside the viewer's area
     */
    public Report get(Viewer viewer, String code) {
        Report report = store.find(code).orElseThrow(() -> new ReportNotFoundException(code));
        require(viewer, report);
        return report;
    }

    /** Returns the duplicates of a report the viewer may see, within the viewer's area. */
    public List<Duplicate> duplicates(Viewer viewer, Report report) {
        return store.duplicatesOf(report, jurisdictions.areaOf(viewer).orElse(null));
    }

    /**
     * Takes a workflow action with the photos uploaded in {@code uploads} (kept as RESOLUTION photos; deleted again
     * when the change fails).
     */
    public Report act(Viewer viewer, String code, ReportAction action, StateChange change, List<Path> uploads) {
        List<StoredPhoto> kept = keep(uploads, "photo");
        try {
            StateChange withPhotos =
                    new StateChange(change.agency(), change.unit(), change.note(), change.reopenTo(), kept);
            return store.transition(code, action, withPhotos, viewer.username(), r -> require(viewer, r));
        } catch (RuntimeException e) {
            photos.delete(kept);
            throw e;
        }
    }

    /** Merges one report into another; the viewer must be allowed to act on both. */
    public Report merge(Viewer viewer, String code, String into, String note) {
        return store.merge(code, into, viewer.username(), note, r -> require(viewer, r));
    }

    /** Adds a comment to a report the viewer may act on. */
    public ReportComment comment(Viewer viewer, String code, String text) {
        return store.comment(code, viewer.username(), text, r -> require(viewer, r));
    }

    /** Returns the stored photo file with this name, when a committed row names it; empty otherwise. */
    public Optional<Path> photoFile(String name) {
        if (PhotoFiles.typeOf(name) == null) {
            return Optional.empty(); // not a generated name: neither the database nor the file system is asked
        }
        return store.photo(name).flatMap(p -> photos.find(p.fileName()));
    }

    private void require(Viewer viewer, Report report) {
        jurisdictions.requireCovers(viewer, report.lon(), report.lat(), "report " + report.code());
    }

    private List<Duplicate> within(Viewer viewer, List<Duplicate> duplicates) {
        return duplicates.stream()
                .filter(d -> jurisdictions.covers(
                        viewer, d.report().lon(), d.report().lat()))
                .toList();
    }

    private List<StoredPhoto> keep(List<Path> uploads, String field) {
        List<StoredPhoto> kept = new ArrayList<>();
        try {
            for (Path upload : uploads) {
                kept.add(photos.keep(upload, field));
            }
        } catch (RuntimeException e) {
            photos.delete(kept); // all or none
            throw e;
        }
        return kept;
    }
}
