package org.iocmap.layers.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.SqlFragment;
import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Keeps citizen reports (table {@code citizen_report}, the map layer {@value #LAYER_ID}) with their workflow: categories,
 * submissions with an idempotency key, state changes, history, comments, photo rows and duplicate suggestions. Plain
 * JDBC on the store's pool, the same SQL on PostGIS and H2GIS except where {@link SqlDialect} renders it.
 *
 * <p><b>One transaction per change.</b> A submission or state change, its history entry, its photo rows and its row in
 * the change log ({@link ChangeLog}, so live maps see it) commit together or not at all. State changes lock the report
 * row ({@code SELECT … FOR UPDATE}) so two operators acting at once are serialised: the second sees the first's status
 * and gets a {@link WorkflowConflictException} when it no longer allows its action.
 *
 * <p><b>Idempotency.</b> A submission with a client key finds the report submitted with that key before, if any, and
 * returns it instead of storing a second one. The unique column {@code client_key} makes this hold for concurrent
 * retries too: the loser of the race rolls back and returns the winner's report.
 *
 * <p><b>Duplicates.</b> Reports of the same category, created within {@link #DUPLICATE_WINDOW} of each other (before
 * or after), lying within {@value #DUPLICATE_METRES} m (geodesic, boundary included), not rejected or merged: open ones
 * and resolved ones alike, nearest first.
 *
 * <p>Every method blocks: call them from worker threads. Thread-safe. A database that cannot be reached is reported as
 * {@link StorageUnavailableException}.
 */
public final class ReportStore {
    /** The map layer the reports are. */
    public static final String LAYER_ID = "citizen_reports";

    /** How far apart two reports of a category may lie to be suggested as duplicates, metres. */
    public static final double DUPLICATE_METRES = 50;

    /** How far apart in creation time two reports may be to be suggested as duplicates. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofDays(7);

    /** At most this many duplicates are suggested. */
    public static final int MAX_DUPLICATES = 20;

    /** Reports are numbered in Vietnam's local year: {@code PA-2026-100001}. */
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String OPEN_STATUSES = "('NEW', 'ASSIGNED', 'IN_PROGRESS')";
    private static final String COLUMNS = "id, code, service_code, category, title, description, status, channel,"
            + " reporter_name, reporter_phone, reporter_email, agency, assigned_unit, address, district, ST_X(geom),"
            + " ST_Y(geom), created_at, updated_at, deadline_at, resolved_at, merged_into, status_note, media_url";
    private static final String INSERT = "INSERT INTO citizen_report (id, code, category, service_code, title,"
            + " description, status, channel, reporter_name, reporter_phone, reporter_email, device_id, account_id,"
            + " agency, address, created_at, updated_at, deadline_at, media_url, client_key, geom) VALUES"
            + " (?, ?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326))";
    private static final String INSERT_HISTORY = "INSERT INTO report_history (report_id, acted_at, actor, action,"
            + " from_status, to_status, agency, assigned_unit, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PHOTO = "INSERT INTO report_photo (report_id, kind, file_name, content_type,"
            + " size_bytes, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_STATE = "UPDATE citizen_report SET status = ?, agency = ?, assigned_unit = ?,"
            + " resolved_at = ?, status_note = ?, merged_into = ?, updated_at = ? WHERE id = ?";

    private final Store store;
    private final SqlDialect dialect;
    private final ChangeLog changes;
    private final Clock clock;
    private final String nextIds;
    private volatile List<ReportCategory> categories;

    /** Creates the keeper of the reports of {@code store}, stamping changes with {@code clock}. */
    public ReportStore(Store store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dialect = store.dialect();
        this.changes = new ChangeLog(store, clock);
        this.nextIds = store.kind() == StoreKind.POSTGIS
                ? "SELECT nextval('id_seq'), nextval('report_code_seq')"
                : "SELECT NEXT VALUE FOR id_seq, NEXT VALUE FOR report_code_seq";
    }

    /** Returns the clock this store stamps changes with. */
    public Clock clock() {
        return clock;
    }

    // ---- Categories ------------------------------------------------------------------------------------------------

    /** Returns every category in display order. Read once, then kept: categories change only with a migration. */
    public List<ReportCategory> categories() {
        List<ReportCategory> known = categories;
        if (known == null) {
            known = read("read the report categories", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT service_code, name_vi, name_en,"
                                + " description_vi, description_en, agency, deadline_hours, keywords, group_name"
                                + " FROM report_category ORDER BY sort_order, service_code");
                        ResultSet rs = ps.executeQuery()) {
                    List<ReportCategory> list = new ArrayList<>();
                    while (rs.next()) {
                        list.add(new ReportCategory(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getInt(7),
                                rs.getString(8),
                                rs.getString(9)));
                    }
                    return List.copyOf(list);
                }
            });
            categories = known;
        }
        return known;
    }

    /** Returns the category with this service code; empty when there is none. */
    public Optional<ReportCategory> category(String serviceCode) {
        return categories().stream()
                .filter(c -> c.serviceCode().equals(serviceCode))
                .findFirst();
    }

    // ---- Submissions ---------------------------------------------------------------------------------------------

    /**
     * Stores a new report with status NEW, its agency and deadline from its category, a SUBMIT history entry by
     * {@code actor}, its photos (already kept by {@link PhotoFiles}) as SUBMITTED, and its change-log row, in one
     * transaction; or, when its client key was used before, returns that report and stores nothing. The duplicates are
     * computed before the report is stored, so they never include itself.
     *
     * @throws IllegalArgumentException when the category is unknown
     */
    public Submission submit(NewReport input, List<StoredPhoto> photos, String actor) {
        ReportCategory category = category(input.serviceCode())
                .orElseThrow(() -> new IllegalArgumentException("no report category '" + input.serviceCode() + "'"));
        Instant now = now();
        Instant created = input.createdAt() == null ? now : truncate(input.createdAt());
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                if (input.clientKey() != null) {
                    Optional<Report> earlier = findByClientKey(c, input.clientKey());
                    if (earlier.isPresent()) {
                        List<Duplicate> duplicates = duplicates(c, earlier.get(), null);
                        c.commit();
                        return new Submission(earlier.get(), false, duplicates);
                    }
                }
                List<Duplicate> duplicates =
                        duplicates(c, category.serviceCode(), input.lon(), input.lat(), created, -1, null);
                Report report = insert(c, input, category, created, now, photos, actor);
                c.commit();
                return new Submission(report, true, duplicates);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (input.clientKey() != null && e instanceof SQLException sql && !Store.isConnectionFailure(sql)) {
                    // Most likely a concurrent retry with the same key committed first: return its report.
                    c.setAutoCommit(true);
                    Optional<Report> winner = findByClientKey(c, input.clientKey());
                    if (winner.isPresent()) {
                        return new Submission(winner.get(), false, duplicates(c, winner.get(), null));
                    }
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("store a report", e);
        }
    }

    private Report insert(
            Connection c,
            NewReport input,
            ReportCategory category,
            Instant created,
            Instant now,
            List<StoredPhoto> photos,
            String actor)
            throws SQLException {
        long id;
        long number;
        try (PreparedStatement ps = c.prepareStatement(nextIds);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
            number = rs.getLong(2);
        }
        String code = String.format(
                Locale.ROOT, "PA-%d-%06d", created.atOffset(VIETNAM).getYear(), number);
        String title = input.title() != null ? input.title() : titleOf(input.description(), category);
        String agency = category.agencyFor(input.address());
        Instant deadline = created.plus(category.deadline());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int i = 1;
            ps.setLong(i++, id);
            ps.setString(i++, code);
            ps.setString(i++, category.nameVi());
            ps.setString(i++, category.serviceCode());
            ps.setString(i++, title);
            ps.setString(i++, input.description());
            ps.setString(i++, input.channel());
            ps.setString(i++, input.reporterName());
            ps.setString(i++, input.reporterPhone());
            ps.setString(i++, input.reporterEmail());
            ps.setString(i++, input.deviceId());
            ps.setString(i++, input.accountId());
            ps.setString(i++, agency);
            ps.setString(i++, input.address());
            setTime(ps, i++, created);
            setTime(ps, i++, now);
            setTime(ps, i++, deadline);
            ps.setString(i++, input.mediaUrl());
            ps.setString(i++, input.clientKey());
            ps.setDouble(i++, input.lon());
            ps.setDouble(i, input.lat());
            ps.executeUpdate();
        }
        history(c, id, now, actor, ReportAction.SUBMIT, null, ReportStatus.NEW, null, null, input.channel());
        insertPhotos(c, id, PhotoKind.SUBMITTED, photos, actor, now);
        changes.record(c, LAYER_ID, id, ChangeOp.ADDED); // last: keeps the log id's window before commit short
        return new Report(
                id,
                code,
                category.serviceCode(),
                category.nameVi(),
                title,
                input.description(),
                ReportStatus.NEW,
                input.channel(),
                input.reporterName(),
                input.reporterPhone(),
                input.reporterEmail(),
                agency,
                null,
                input.address(),
                null,
                input.lon(),
                input.lat(),
                truncate(created),
                truncate(now),
                truncate(deadline),
                null,
                null,
                null,
                input.mediaUrl());
    }

    /** Returns the first sentence of the description, at most 120 characters, or the category's name. */
    static String titleOf(String description, ReportCategory category) {
        if (description == null || description.isBlank()) {
            return category.nameVi();
        }
        String text = SPACES.matcher(description.strip()).replaceAll(" ");
        int end = text.length();
        for (String stop : List.of(". ", "! ", "? ")) {
            int at = text.indexOf(stop);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        text = text.substring(0, end);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.length() <= 120 ? text : text.substring(0, 119).strip() + "…";
    }

    // ---- Reading -------------------------------------------------------------------------------------------------

    /** Returns the report with this code; empty when there is none. */
    public Optional<Report> find(String code) {
        return read("read report " + code, c -> find(c, code, false));
    }

    /** Returns the report submitted with this client key; empty when there is none. */
    public Optional<Report> findByClientKey(String clientKey) {
        return read("read a report by its client key", c -> findByClientKey(c, clientKey));
    }

    /** Returns one page of the reports {@code filter} selects, in its order, with the count of all it selects. */
    public ReportPage list(ReportFilter filter) {
        Instant now = clock.instant();
        SqlFragment where = conditions(filter, now);
        SqlFragment order = order(filter.sort(), now);
        List<Object> params = new ArrayList<>(where.params());
        params.addAll(order.params());
        params.add(filter.limit());
        params.add(filter.offset());
        return read("list reports", c -> {
            List<Report> reports = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM citizen_report" + where(where)
                    + " ORDER BY " + order.sql() + " LIMIT ? OFFSET ?")) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reports.add(readReport(rs, 1));
                    }
                }
            }
            long matched;
            if (!reports.isEmpty() && reports.size() < filter.limit()) {
                matched = filter.offset() + reports.size(); // a short, non-empty page is the last one
            } else {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM citizen_report" + where(where))) {
                    bind(ps, where.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        matched = rs.getLong(1);
                    }
                }
            }
            return new ReportPage(reports, matched);
        });
    }

    /** Returns the history of a report, oldest first. */
    public List<HistoryEntry> history(long reportId) {
        return read("read the history of report " + reportId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, acted_at, actor, action, from_status,"
                    + " to_status, agency, assigned_unit, note FROM report_history WHERE report_id = ? ORDER BY id")) {
                ps.setLong(1, reportId);
                List<HistoryEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new HistoryEntry(
                                rs.getLong(1),
                                instant(rs, 2),
                                rs.getString(3),
                                ReportAction.valueOf(rs.getString(4)),
                                rs.getString(5) == null ? null : ReportStatus.valueOf(rs.getString(5)),
                                rs.getString(6) == null ? null : ReportStatus.valueOf(rs.getString(6)),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9)));
                    }
                }
                return entries;
            }
        });
    }

    /** Returns the comments on a report, oldest first. */
    public List<ReportComment> comments(long reportId) {
        return read("read the comments of report " + reportId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, created_at, author, body FROM report_comment" + " WHERE report_id = ? ORDER BY id")) {
                ps.setLong(1, reportId);
                List<ReportComment> comments = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        comments.add(
                                new ReportComment(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4)));
                    }
                }
                return comments;
            }
        });
    }

    /** Returns the photos of a report, oldest first. */
    public List<ReportPhoto> photos(long reportId) {
        return read("read the photos of report " + reportId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + PHOTO_COLUMNS + " FROM report_photo WHERE report_id = ? ORDER BY id")) {
                ps.setLong(1, reportId);
                return readPhotos(ps);
            }
        });
    }

    /** Returns the first photo of each report, by report id; reports without photos are missing. */
    public Map<Long, ReportPhoto> firstPhotos(Collection<Long> reportIds) {
        Map<Long, ReportPhoto> first = new HashMap<>();
        if (reportIds.isEmpty()) {
            return first;
        }
        String marks = String.join(", ", Collections.nCopies(reportIds.size(), "?"));
        return read("read the photos of reports", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + PHOTO_COLUMNS + " FROM report_photo WHERE report_id IN (" + marks + ") ORDER BY id")) {
                bind(ps, List.copyOf(reportIds));
                for (ReportPhoto p : readPhotos(ps)) {
                    first.putIfAbsent(p.reportId(), p);
                }
                return first;
            }
        });
    }

    /** Returns the stored photo with this file name; empty when no committed row names it. */
    public Optional<ReportPhoto> photo(String fileName) {
        return read("read photo " + fileName, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + PHOTO_COLUMNS + " FROM report_photo WHERE file_name = ?")) {
                ps.setString(1, fileName);
                return readPhotos(ps).stream().findFirst();
            }
        });
    }

    /**
     * Returns the reports that may describe the same problem as {@code report} (see the class comment), nearest first,
     * at most {@value #MAX_DUPLICATES}.
     *
     * @param area only reports inside this area (the viewer's jurisdiction); null for anywhere
     */
    public List<Duplicate> duplicatesOf(Report report, Geometry area) {
        return read("find the duplicates of report " + report.code(), c -> duplicates(c, report, area));
    }

    private List<Duplicate> duplicates(Connection c, Report report, Geometry area) throws SQLException {
        if (report.serviceCode() == null) {
            return List.of();
        }
        return duplicates(c, report.serviceCode(), report.lon(), report.lat(), report.createdAt(), report.id(), area);
    }

    private List<Duplicate> duplicates(
            Connection c, String serviceCode, double lon, double lat, Instant at, long excludeId, Geometry area)
            throws SQLException {
        Point origin = SqlDialect.WGS84.createPoint(new Coordinate(lon, lat));
        SqlFragment distance = dialect.distance("geom", origin);
        SqlFragment box = SqlFragment.of(
                "geom && ST_GeomFromWKB(?, 4326)", SqlDialect.wkb(SqlDialect.envelopeAround(origin, DUPLICATE_METRES)));
        List<SqlFragment> where = new ArrayList<>();
        where.add(SqlFragment.of(
                "service_code = ? AND merged_into IS NULL AND status <> 'REJECTED' AND id <> ?"
                        + " AND created_at >= ? AND created_at <= ?",
                serviceCode,
                excludeId,
                at.minus(DUPLICATE_WINDOW),
                at.plus(DUPLICATE_WINDOW)));
        where.add(SqlFragment.of(dialect.geodesicWithin("geom"), SqlDialect.wkb(origin), DUPLICATE_METRES));
        if (area != null) {
            where.add(inside(area));
        }
        SqlFragment conditions = SqlFragment.join(" AND ", where);
        List<Object> params = new ArrayList<>(box.params());
        params.addAll(distance.params());
        params.addAll(conditions.params());
        params.add(MAX_DUPLICATES);
        // The box around the point (about 100 m) is by far the most selective condition, so it alone picks the rows,
        // through the spatial index. Written as a plain WHERE, PostgreSQL's generic plan for this prepared statement
        // takes the created_at index instead (a range parameter is assumed to keep 0.5 % of the rows) and reads every
        // report of the window: a thousand rows per submission instead of one or two. MATERIALIZED keeps the box
        // query apart; H2 uses its spatial index for && in any case.
        String near = "WITH near AS " + (store.kind() == StoreKind.POSTGIS ? "MATERIALIZED " : "") + "(SELECT * FROM"
                + " citizen_report WHERE " + box.sql() + ")";
        try (PreparedStatement ps = c.prepareStatement(near + " SELECT " + COLUMNS + ", " + distance.sql()
                + " AS distance_m FROM near WHERE " + conditions.sql() + " ORDER BY distance_m, id LIMIT ?")) {
            bind(ps, params);
            List<Duplicate> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Duplicate(readReport(rs, 1), rs.getDouble("distance_m")));
                }
            }
            return result;
        }
    }

    // ---- Changes -------------------------------------------------------------------------------------------------

    /**
     * Takes {@code action} on the report with this code: checks that its status allows it, changes the status (and,
     * for an assignment, the agency and unit), writes the history entry by {@code actor}, records the change's photos
     * as RESOLUTION, and records the change in the change log, in one transaction with the report row locked.
     *
     * @param check runs on the locked report before anything changes; it may throw to refuse (the viewer's
     *     jurisdiction), which rolls back
     * @return the report after the change
     * @throws ReportNotFoundException when no report has this code
     * @throws WorkflowConflictException when the report's status does not allow the action
     */
    public Report transition(
            String code, ReportAction action, StateChange change, String actor, Consumer<Report> check) {
        if (action == ReportAction.SUBMIT || action == ReportAction.MERGED_IN || action == ReportAction.MERGE) {
            throw new IllegalArgumentException(action + " is not taken through transition()");
        }
        return write("change report " + code, c -> {
            Report report = find(c, code, true).orElseThrow(() -> new ReportNotFoundException(code));
            check.accept(report);
            if (!ReportWorkflow.allows(report.status(), report.isMerged(), action)) {
                throw WorkflowConflictException.of(report, action);
            }
            Instant now = now();
            ReportStatus to = ReportWorkflow.target(action, change.reopenTo());
            String agency = report.agency();
            String unit = report.unit();
            if (action == ReportAction.ASSIGN) {
                if (change.agency() != null && !change.agency().equals(agency)) {
                    agency = change.agency();
                    unit = null; // a unit belongs to its agency: another agency names its own
                }
                if (change.unit() != null) {
                    unit = change.unit();
                }
            }
            Instant resolvedAt =
                    switch (to) {
                        case RESOLVED, REJECTED -> now;
                        default -> null; // reopening clears it; the deadline stays
                    };
            Report updated = update(c, report, to, agency, unit, resolvedAt, change.note(), null, now);
            history(
                    c,
                    report.id(),
                    now,
                    actor,
                    action,
                    report.status(),
                    to,
                    action == ReportAction.ASSIGN ? agency : null,
                    action == ReportAction.ASSIGN ? unit : null,
                    change.note());
            insertPhotos(c, report.id(), PhotoKind.RESOLUTION, change.photos(), actor, now);
            changes.record(c, LAYER_ID, report.id(), ChangeOp.CHANGED);
            return updated;
        });
    }

    /**
     * Merges the report {@code code} into the report {@code intoCode}: the first becomes REJECTED with {@code
     * merged_into} set and a MERGE history entry; the second keeps its status and gets a MERGED_IN entry naming the
     * first. Both rows are locked (in code order, so that two opposite merges cannot deadlock) and both changes are
     * logged, in one transaction.
     *
     * @param check runs on both locked reports before anything changes (the viewer's jurisdiction)
     * @return the merged report after the change
     * @throws IllegalArgumentException when both codes are the same
     * @throws ReportNotFoundException when either report does not exist
     * @throws WorkflowConflictException when the first is not open, or the second is closed or merged itself
     */
    public Report merge(String code, String intoCode, String actor, String note, Consumer<Report> check) {
        if (code.equals(intoCode)) {
            throw new IllegalArgumentException("a report cannot be merged into itself (" + code + ")");
        }
        return write("merge report " + code + " into " + intoCode, c -> {
            boolean sourceFirst = code.compareTo(intoCode) < 0;
            Report a = find(c, sourceFirst ? code : intoCode, true)
                    .orElseThrow(() -> new ReportNotFoundException(sourceFirst ? code : intoCode));
            Report b = find(c, sourceFirst ? intoCode : code, true)
                    .orElseThrow(() -> new ReportNotFoundException(sourceFirst ? intoCode : code));
            Report source = sourceFirst ? a : b;
            Report target = sourceFirst ? b : a;
            check.accept(source);
            check.accept(target);
            if (!ReportWorkflow.allows(source.status(), source.isMerged(), ReportAction.MERGE)) {
                throw WorkflowConflictException.of(source, ReportAction.MERGE);
            }
            if (!target.status().isOpen() || target.isMerged()) {
                throw new WorkflowConflictException(
                        "cannot merge " + code + " into " + intoCode + ": " + intoCode + " is " + target.status()
                                + (target.isMerged() ? " (merged into " + target.mergedInto() + ")" : "")
                                + "; a report merges only into an open one (NEW, ASSIGNED or IN_PROGRESS)",
                        target.code(),
                        target.status(),
                        ReportWorkflow.allowed(target.status(), target.isMerged()));
            }
            Instant now = now();
            String sourceNote = note != null ? note : "Trùng với phản ánh " + intoCode;
            Report merged = update(
                    c, source, ReportStatus.REJECTED, source.agency(), source.unit(), now, sourceNote, intoCode, now);
            history(
                    c,
                    source.id(),
                    now,
                    actor,
                    ReportAction.MERGE,
                    source.status(),
                    ReportStatus.REJECTED,
                    null,
                    null,
                    sourceNote);
            history(
                    c,
                    target.id(),
                    now,
                    actor,
                    ReportAction.MERGED_IN,
                    target.status(),
                    target.status(),
                    null,
                    null,
                    "Đã gộp phản ánh " + code + " vào phản ánh này" + (note == null ? "" : ": " + note));
            try (PreparedStatement ps = c.prepareStatement("UPDATE citizen_report SET updated_at = ? WHERE id = ?")) {
                setTime(ps, 1, now);
                ps.setLong(2, target.id());
                ps.executeUpdate();
            }
            changes.record(c, LAYER_ID, source.id(), ChangeOp.CHANGED);
            changes.record(c, LAYER_ID, target.id(), ChangeOp.CHANGED);
            return merged;
        });
    }

    /**
     * Adds a comment by {@code author} to the report with this code. Comments change no status and are not logged as
     * feature changes.
     *
     * @param check runs on the report first; it may throw to refuse
     * @throws ReportNotFoundException when no report has this code
     */
    public ReportComment comment(String code, String author, String text, Consumer<Report> check) {
        return write("comment on report " + code, c -> {
            Report report = find(c, code, false).orElseThrow(() -> new ReportNotFoundException(code));
            check.accept(report);
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO report_comment (report_id, author, body, created_at) VALUES (?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setLong(1, report.id());
                ps.setString(2, author);
                ps.setString(3, text);
                setTime(ps, 4, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new ReportComment(keys.getLong(1), truncate(now), author, text);
                }
            }
        });
    }

    private Report update(
            Connection c,
            Report report,
            ReportStatus to,
            String agency,
            String unit,
            Instant resolvedAt,
            String note,
            String mergedInto,
            Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_STATE)) {
            ps.setString(1, to.name());
            ps.setString(2, agency);
            ps.setString(3, unit);
            setTime(ps, 4, resolvedAt);
            ps.setString(5, note);
            ps.setString(6, mergedInto);
            setTime(ps, 7, now);
            ps.setLong(8, report.id());
            ps.executeUpdate();
        }
        return new Report(
                report.id(),
                report.code(),
                report.serviceCode(),
                report.category(),
                report.title(),
                report.description(),
                to,
                report.channel(),
                report.reporterName(),
                report.reporterPhone(),
                report.reporterEmail(),
                agency,
                unit,
                report.address(),
                report.district(),
                report.lon(),
                report.lat(),
                report.createdAt(),
                truncate(now),
                report.deadlineAt(),
                truncate(resolvedAt),
                mergedInto,
                note,
                report.mediaUrl());
    }

    private static void history(
            Connection c,
            long reportId,
            Instant at,
            String actor,
            ReportAction action,
            ReportStatus from,
            ReportStatus to,
            String agency,
            String unit,
            String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_HISTORY)) {
            ps.setLong(1, reportId);
            setTime(ps, 2, at);
            ps.setString(3, actor);
            ps.setString(4, action.name());
            ps.setString(5, from == null ? null : from.name());
            ps.setString(6, to == null ? null : to.name());
            ps.setString(7, agency);
            ps.setString(8, unit);
            ps.setString(9, note);
            ps.executeUpdate();
        }
    }

    private static void insertPhotos(
            Connection c, long reportId, PhotoKind kind, List<StoredPhoto> photos, String actor, Instant at)
            throws SQLException {
        if (photos.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_PHOTO)) {
            for (StoredPhoto p : photos) {
                ps.setLong(1, reportId);
                ps.setString(2, kind.name());
                ps.setString(3, p.fileName());
                ps.setString(4, p.type().contentType());
                ps.setLong(5, p.sizeBytes());
                ps.setString(6, actor);
                setTime(ps, 7, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- SQL -----------------------------------------------------------------------------------------------------

    private static final String PHOTO_COLUMNS =
            "id, report_id, kind, file_name, content_type, size_bytes, uploaded_by, created_at";

    private static List<ReportPhoto> readPhotos(PreparedStatement ps) throws SQLException {
        List<ReportPhoto> photos = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                photos.add(new ReportPhoto(
                        rs.getLong(1),
                        rs.getLong(2),
                        PhotoKind.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getString(7),
                        instant(rs, 8)));
            }
        }
        return photos;
    }

    private Optional<Report> find(Connection c, String code, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM citizen_report WHERE code = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readReport(rs, 1)) : Optional.empty();
            }
        }
    }

    private static Optional<Report> findByClientKey(Connection c, String clientKey) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM citizen_report WHERE client_key = ?")) {
            ps.setString(1, clientKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readReport(rs, 1)) : Optional.empty();
            }
        }
    }

    private static Report readReport(ResultSet rs, int at) throws SQLException {
        int i = at;
        long id = rs.getLong(i++);
        String code = rs.getString(i++);
        String serviceCode = rs.getString(i++);
        String category = rs.getString(i++);
        String title = rs.getString(i++);
        String description = rs.getString(i++);
        ReportStatus status = ReportStatus.valueOf(rs.getString(i++));
        String channel = rs.getString(i++);
        String reporterName = rs.getString(i++);
        String reporterPhone = rs.getString(i++);
        String reporterEmail = rs.getString(i++);
        String agency = rs.getString(i++);
        String unit = rs.getString(i++);
        String address = rs.getString(i++);
        String district = rs.getString(i++);
        double lon = rs.getDouble(i++);
        double lat = rs.getDouble(i++);
        Instant created = instant(rs, i++);
        Instant updated = instant(rs, i++);
        Instant deadline = instant(rs, i++);
        Instant resolved = instant(rs, i++);
        String mergedInto = rs.getString(i++);
        String statusNote = rs.getString(i++);
        String mediaUrl = rs.getString(i);
        return new Report(
                id,
                code,
                serviceCode,
                category,
                title,
                description,
                status,
                channel,
                reporterName,
                reporterPhone,
                reporterEmail,
                agency,
                unit,
                address,
                district,
                lon,
                lat,
                created,
                updated != null ? updated : resolved != null ? resolved : created,
                deadline,
                resolved,
                mergedInto,
                statusNote,
                mediaUrl);
    }

    private SqlFragment conditions(ReportFilter f, Instant now) {
        List<SqlFragment> parts = new ArrayList<>();
        if (!f.codes().isEmpty()) {
            parts.add(in("code", f.codes().stream().sorted().toList()));
        }
        if (!f.statuses().isEmpty()) {
            parts.add(
                    in("status", f.statuses().stream().map(Enum::name).sorted().toList()));
        }
        if (!f.serviceCodes().isEmpty()) {
            parts.add(in("service_code", f.serviceCodes().stream().sorted().toList()));
        }
        if (f.agency() != null) {
            parts.add(SqlFragment.of("agency = ?", f.agency()));
        }
        if (f.overdueOnly()) {
            parts.add(SqlFragment.of("status IN " + OPEN_STATUSES + " AND deadline_at < ?", now));
        }
        if (f.bbox() != null) {
            parts.add(dialect.intersects("geom", f.bbox()));
        }
        if (f.createdFrom() != null) {
            parts.add(SqlFragment.of("created_at >= ?", f.createdFrom()));
        }
        if (f.createdTo() != null) {
            parts.add(SqlFragment.of("created_at <= ?", f.createdTo()));
        }
        if (f.text() != null && !f.text().isBlank()) {
            String like = "%"
                    + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            // LOWER on both sides, so the database folds the text and the pattern alike, whatever its locale.
            parts.add(SqlFragment.of(
                    "(LOWER(code) LIKE LOWER(?) ESCAPE '\\' OR LOWER(title) LIKE LOWER(?) ESCAPE '\\'"
                            + " OR LOWER(description) LIKE LOWER(?) ESCAPE '\\'"
                            + " OR LOWER(address) LIKE LOWER(?) ESCAPE '\\')",
                    like,
                    like,
                    like,
                    like));
        }
        if (f.area() != null) {
            parts.add(inside(f.area()));
        }
        return SqlFragment.join(" AND ", parts);
    }

    /** Returns: the report lies inside {@code area}, boundary included, behind the index-backed box test. */
    private static SqlFragment inside(Geometry area) {
        byte[] wkb = SqlDialect.wkb(area);
        return SqlFragment.of(
                "(geom && ST_GeomFromWKB(?, 4326) AND ST_Covers(ST_GeomFromWKB(?, 4326), geom))", wkb, wkb);
    }

    private static SqlFragment order(ReportSort sort, Instant now) {
        return switch (sort) {
            case URGENCY ->
                SqlFragment.of(
                        "CASE WHEN status IN " + OPEN_STATUSES + " AND deadline_at < ? THEN 0 WHEN status IN "
                                + OPEN_STATUSES + " THEN 1 ELSE 2 END, CASE WHEN status IN " + OPEN_STATUSES
                                + " THEN deadline_at END ASC NULLS LAST, created_at DESC, id DESC",
                        now);
            case DEADLINE -> SqlFragment.of("deadline_at ASC NULLS LAST, id");
            case CREATED -> SqlFragment.of("created_at DESC, id DESC");
        };
    }

    private static SqlFragment in(String column, List<String> values) {
        return new SqlFragment(
                column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")",
                new ArrayList<>(values));
    }

    private static String where(SqlFragment where) {
        return where.sql().isEmpty() ? "" : " WHERE " + where.sql();
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            int index = i + 1;
            switch (value) {
                case byte[] bytes -> ps.setBytes(index, bytes);
                case Instant t -> setTime(ps, index, t);
                case Integer n -> ps.setInt(index, n);
                case Long n -> ps.setLong(index, n);
                case Double n -> ps.setDouble(index, n);
                case String s -> ps.setString(index, s);
                default -> ps.setObject(index, value);
            }
        }
    }

    private static void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Returns the clock's time at the precision the columns keep. */
    private Instant now() {
        return truncate(clock.instant());
    }

    /**
     * Returns {@code t} cut to the microseconds the columns keep: written so, a time reads back equal (H2 would round
     * the nanoseconds, PostgreSQL too), and an answer built from what was written equals a later read.
     */
    private static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    // ---- Connections and transactions ----------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Connection connection() throws SQLException {
        return store.dataSource().getConnection();
    }

    private <T> T read(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T write(String what, Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static RuntimeException failure(String what, SQLException e) {
        if (Store.isConnectionFailure(e)) {
            return new StorageUnavailableException("the database is unreachable: " + e.getMessage(), e);
        }
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
