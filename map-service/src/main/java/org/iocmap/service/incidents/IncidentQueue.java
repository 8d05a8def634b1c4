package org.iocmap.service.incidents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.iocmap.layers.reports.ReportStatus;
import org.iocmap.layers.reports.ReportWorkflow;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.SqlFragment;
import org.iocmap.layers.store.Store;

/**
 * Lists citizen reports and fire incidents as one queue, most urgent first: fire alarms nobody acknowledged (longest
 * waiting first), fire incidents being handled, open reports past their deadline (most overdue first), open reports by
 * nearest deadline, then closed incidents (latest change first).
 *
 * <p>Each kind is read with its own query, sorted and cut to the page in the database (the open reports through the
 * index on their deadline), and the two are merged here. Blocks on the store; thread-safe.
 */
public final class IncidentQueue {
    static final Set<String> OPEN_REPORT = Set.of("NEW", "ASSIGNED", "IN_PROGRESS");
    static final Set<String> OPEN_FIRE = Set.of("OPEN", "ACKNOWLEDGED", "DISPATCHED");
    static final Set<String> REPORT_STATUSES = Set.of("NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "REJECTED");
    static final Set<String> FIRE_STATUSES = Set.of("OPEN", "ACKNOWLEDGED", "DISPATCHED", "RESOLVED");

    private static final Comparator<QueuedIncident> ORDER = Comparator.comparingInt(QueuedIncident::urgency)
            .thenComparingLong(IncidentQueue::sortTime)
            .thenComparing(QueuedIncident::kind)
            .thenComparingLong(QueuedIncident::id);

    /** Up to this many fire incidents are read whole, the count taken from the rows instead of a second query. */
    private static final int FIRES_READ_WHOLE = 2_000;

    private final Store store;
    private final Clock clock;
    private volatile OpenReports open; // loaded on the first question, so the start does not wait for it

    public IncidentQueue(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Returns the open reports in memory, current with the change log. Blocks. */
    private OpenReports openReports() {
        OpenReports held = open;
        if (held == null) {
            synchronized (this) {
                held = open;
                if (held == null) {
                    held = OpenReports.load(store);
                    open = held;
                }
            }
        }
        held.catchUp();
        return held;
    }

    /** Tests whether a request asks for open reports only, which the memory answers. */
    private static boolean asksOpenReportsOnly(QueueRequest r) {
        return r.open()
                || (!r.statuses().isEmpty()
                        && only(r.statuses(), REPORT_STATUSES).equals(OPEN_REPORT));
    }

    /** Holds one page of the queue and how many incidents match in all. */
    public record Page(List<QueuedIncident> incidents, long fires, long reports, long overdue, Instant at) {
        public long matched() {
            return fires + reports;
        }
    }

    /** Returns one page of the queue. Blocks. */
    public Page read(QueueRequest request) {
        Instant now = clock.instant();
        int wanted = request.offset() + request.limit();
        // The open reports come from memory, outside the transaction below (catching up reads the store itself).
        OpenReports.Pass inMemory = request.kinds().contains(QueueRequest.REPORT) && asksOpenReportsOnly(request)
                ? openReports().read(request, now, wanted)
                : null;
        return store.inTransaction(session -> session.doReturningWork(c -> {
            List<QueuedIncident> merged = new ArrayList<>();
            long fires = 0;
            long reports = 0;
            long overdue = 0;
            SqlDialect dialect = store.dialect();
            if (request.kinds().contains(QueueRequest.FIRE)
                    && request.categories().isEmpty()
                    && !request.overdueOnly()) {
                SqlFragment where = fireWhere(request, dialect);
                // Fire incidents are few: one read gives the page and the count, unless there are very many.
                List<QueuedIncident> found = fires(c, where, Math.max(wanted, FIRES_READ_WHOLE) + 1);
                fires = found.size() <= Math.max(wanted, FIRES_READ_WHOLE)
                        ? found.size()
                        : count(c, "fire_incident", where);
                merged.addAll(found.subList(0, Math.min(wanted, found.size())));
            }
            if (inMemory != null) {
                reports = inMemory.matched();
                overdue = inMemory.overdue();
                merged.addAll(inMemory.first());
            } else if (request.kinds().contains(QueueRequest.REPORT)) {
                SqlFragment where = reportWhere(request, dialect, now);
                reports = count(c, "citizen_report", where);
                if (reports > 0) {
                    merged.addAll(reports(c, where, request, now, wanted));
                    overdue = request.overdueOnly()
                            ? reports
                            : count(
                                    c,
                                    "citizen_report",
                                    SqlFragment.join(
                                            " AND ",
                                            List.of(
                                                    where,
                                                    SqlFragment.of(
                                                            "status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS') AND"
                                                                    + " deadline_at < ?",
                                                            now))));
                }
            }
            merged.sort(ORDER);
            List<QueuedIncident> page =
                    merged.subList(Math.min(request.offset(), merged.size()), Math.min(wanted, merged.size()));
            return new Page(List.copyOf(page), fires, reports, overdue, now);
        }));
    }

    /** Returns the key a queue sorts by within one urgency, smallest first. */
    private static long sortTime(QueuedIncident i) {
        return switch (i.urgency()) {
            case 0, 1 -> i.openedAt().toEpochMilli(); // longest waiting first
            case 2, 3 ->
                i.deadlineAt() == null ? Long.MAX_VALUE : i.deadlineAt().toEpochMilli();
            default -> -i.updatedAt().toEpochMilli(); // closed: the latest change first
        };
    }

    private static SqlFragment fireWhere(QueueRequest r, SqlDialect dialect) {
        List<SqlFragment> parts = new ArrayList<>();
        Set<String> statuses = r.open() ? OPEN_FIRE : only(r.statuses(), FIRE_STATUSES);
        parts.add(statusIn(statuses));
        common(parts, r, dialect, "opened_at");
        if (r.text() != null) {
            parts.add(like(List.of("code", "building", "address"), r.text()));
        }
        return SqlFragment.join(" AND ", parts);
    }

    private static SqlFragment reportWhere(QueueRequest r, SqlDialect dialect, Instant now) {
        List<SqlFragment> parts = new ArrayList<>();
        Set<String> statuses = r.open() ? OPEN_REPORT : only(r.statuses(), REPORT_STATUSES);
        parts.add(statusIn(statuses));
        if (!r.categories().isEmpty()) {
            parts.add(in("service_code", r.categories()));
        }
        if (r.overdueOnly()) {
            parts.add(SqlFragment.of("status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS') AND deadline_at < ?", now));
        }
        common(parts, r, dialect, "created_at");
        if (r.text() != null) {
            parts.add(like(List.of("code", "title", "address"), r.text()));
        }
        return SqlFragment.join(" AND ", parts);
    }

    /** Returns the statuses asked for that this kind has; every one of the kind when none were asked for. */
    private static Set<String> only(Set<String> asked, Set<String> ofKind) {
        if (asked.isEmpty()) {
            return ofKind;
        }
        Set<String> result = new java.util.TreeSet<>(asked);
        result.retainAll(ofKind);
        return result;
    }

    private static void common(List<SqlFragment> parts, QueueRequest r, SqlDialect dialect, String timeColumn) {
        for (org.locationtech.jts.geom.Geometry area : r.areas()) {
            parts.add(dialect.intersects("geom", area));
        }
        if (r.bbox() != null) {
            parts.add(dialect.intersects("geom", r.bbox().toGeometry(SqlDialect.WGS84)));
        }
        if (r.from() != null) {
            parts.add(SqlFragment.of(timeColumn + " >= ?", r.from()));
        }
        if (r.to() != null) {
            parts.add(SqlFragment.of(timeColumn + " < ?", r.to()));
        }
    }

    /**
     * Returns {@code status IN (...)} with the statuses written out: they come from a fixed list, and a literal list lets
     * the planner use the partial index on open reports, which a bound list would not in a generic plan.
     */
    private static SqlFragment statusIn(Set<String> statuses) {
        if (statuses.isEmpty()) {
            return SqlFragment.of("1 = 0");
        }
        for (String s : statuses) {
            if (!REPORT_STATUSES.contains(s) && !FIRE_STATUSES.contains(s)) {
                throw new IllegalArgumentException("not a status: " + s);
            }
        }
        return SqlFragment.of("status IN ('" + String.join("', '", new java.util.TreeSet<>(statuses)) + "')");
    }

    private static SqlFragment in(String column, Set<String> values) {
        if (values.isEmpty()) {
            return SqlFragment.of("1 = 0"); // asked only for statuses the kind does not have
        }
        List<SqlFragment> marks =
                values.stream().sorted().map(v -> SqlFragment.of("?", v)).toList();
        SqlFragment list = SqlFragment.join(", ", marks);
        return new SqlFragment(column + " IN (" + list.sql() + ")", list.params());
    }

    private static SqlFragment like(List<String> columns, String text) {
        String pattern = "%"
                + text.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        List<SqlFragment> ors = columns.stream()
                .map(c -> SqlFragment.of("LOWER(" + c + ") LIKE ? ESCAPE '\\'", pattern))
                .toList();
        SqlFragment joined = SqlFragment.join(" OR ", ors);
        return new SqlFragment("(" + joined.sql() + ")", joined.params());
    }

    private static long count(Connection c, String table, SqlFragment where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + where.sql())) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<QueuedIncident> fires(Connection c, SqlFragment where, int limit) throws SQLException {
        String sql = "SELECT id, code, building, floor, status, ST_X(geom), ST_Y(geom), address, district, opened_at,"
                + " updated_at, alarm_count FROM fire_incident WHERE " + where.sql()
                + " ORDER BY CASE status WHEN 'OPEN' THEN 0 WHEN 'RESOLVED' THEN 2 ELSE 1 END,"
                + " CASE WHEN status = 'RESOLVED' THEN NULL ELSE opened_at END, updated_at DESC, id LIMIT ?";
        List<QueuedIncident> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(where.bind(ps, 1), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(5);
                    int floor = rs.getInt(4);
                    String building = rs.getString(3) + (rs.wasNull() ? "" : ", tầng " + floor);
                    result.add(new QueuedIncident(
                            QueueRequest.FIRE,
                            rs.getLong(1),
                            rs.getString(2),
                            building,
                            "fire",
                            "Báo cháy",
                            status,
                            rs.getDouble(6),
                            rs.getDouble(7),
                            rs.getString(8),
                            rs.getString(9),
                            null,
                            instant(rs, 10),
                            null,
                            instant(rs, 11),
                            switch (status) {
                                case "OPEN" -> 0;
                                case "RESOLVED" -> 4;
                                default -> 1;
                            },
                            rs.getInt(12),
                            org.iocmap.service.alarms.IncidentStatus.parse(status)
                                    .map(st -> st.allowedActions().stream()
                                            .map(org.iocmap.service.alarms.IncidentAction::path)
                                            .toList())
                                    .orElse(List.of())));
                }
            }
        }
        return result;
    }

    private static List<QueuedIncident> reports(
            Connection c, SqlFragment where, QueueRequest request, Instant now, int limit) throws SQLException {
        // Open reports only: the deadline order alone, which the partial index on open reports' deadlines serves.
        boolean openOnly = request.open()
                || OPEN_REPORT.containsAll(request.statuses())
                        && !request.statuses().isEmpty();
        String order = openOnly
                ? "deadline_at, id"
                : "CASE WHEN status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS') THEN 0 ELSE 1 END,"
                        + " CASE WHEN status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS') THEN deadline_at END,"
                        + " updated_at DESC, id";
        String sql = "SELECT id, code, title, service_code, category, status, ST_X(geom), ST_Y(geom), address,"
                + " district, COALESCE(agency, ''), assigned_unit, created_at, deadline_at, COALESCE(updated_at,"
                + " created_at), merged_into FROM citizen_report WHERE " + where.sql() + " ORDER BY " + order
                + " LIMIT ?";
        List<QueuedIncident> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(where.bind(ps, 1), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(6);
                    Instant deadline = instant(rs, 14);
                    boolean open = OPEN_REPORT.contains(status);
                    String unit = rs.getString(12);
                    String agency = rs.getString(11) + (unit == null ? "" : " – " + unit);
                    result.add(new QueuedIncident(
                            QueueRequest.REPORT,
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            status,
                            rs.getDouble(7),
                            rs.getDouble(8),
                            rs.getString(9),
                            rs.getString(10),
                            agency.isEmpty() ? null : agency,
                            instant(rs, 13),
                            deadline,
                            instant(rs, 15),
                            !open ? 4 : deadline != null && now.isAfter(deadline) ? 2 : 3,
                            0,
                            ReportWorkflow.allowed(ReportStatus.valueOf(status), rs.getString(16) != null).stream()
                                    .map(org.iocmap.layers.reports.ReportAction::apiName)
                                    .toList()));
                }
            }
        }
        return result;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
