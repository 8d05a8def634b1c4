package org.iocmap.service.incidents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeFollower;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.reports.ReportStatus;
import org.iocmap.layers.reports.ReportWorkflow;
import org.iocmap.layers.store.Store;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Holds the open citizen reports (NEW, ASSIGNED, IN_PROGRESS) in deadline order, for the operator's queue: a page and
 * its counts are one pass over them in memory, whatever the filter, instead of a scan and two counts in the database
 * per request (measured in {@code bench incidents}).
 *
 * <p>Kept current from the change log of layer {@code citizen_reports}: before each read the changes written since
 * the last one are applied (each changed report is read again), so an operator sees their own action at once. Whether
 * a report lies in an area is worked out once per report and area (areas are the few jurisdictions and districts
 * operators filter by; the geometry's identity is the key).
 *
 * <p>Thread-safe. {@link #catchUp} blocks on the store.
 */
final class OpenReports {
    static final String LAYER = "citizen_reports";
    private static final String COLUMNS = "id, code, title, service_code, category, status, ST_X(geom), ST_Y(geom),"
            + " address, district, agency, assigned_unit, created_at, deadline_at, COALESCE(updated_at, created_at),"
            + " merged_into";
    /** At most this many areas are remembered per report; further ones are tested every time. */
    private static final int MAX_AREAS = 64;

    private final Store store;
    private final ChangeFollower follower;
    private final ConcurrentSkipListMap<Key, Entry> byDeadline = new ConcurrentSkipListMap<>();
    private final Map<Long, Entry> byId = new ConcurrentHashMap<>();
    private final Map<Geometry, Integer> areaSlots = new IdentityHashMap<>();
    private final Map<Geometry, PreparedGeometry> prepared = new IdentityHashMap<>();

    private OpenReports(Store store, ChangeFollower follower) {
        this.store = store;
        this.follower = follower;
    }

    /** Loads the open reports. The change log position is taken first, so no change falls between. Blocks. */
    static OpenReports load(Store store) {
        ChangeLog log = new ChangeLog(store);
        ChangeFollower follower = new ChangeFollower(log, log.lastId(), Duration.ofSeconds(5), System::nanoTime);
        OpenReports reports = new OpenReports(store, follower);
        store.inTransaction(session -> session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM citizen_report WHERE status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS')")) {
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reports.put(entry(rs));
                    }
                }
            }
            return null;
        }));
        return reports;
    }

    /** Returns how many open reports are held. */
    int size() {
        return byId.size();
    }

    /** Applies the changes of the report layer written since the last call: each changed report is read again. */
    synchronized void catchUp() {
        List<Long> ids = new ArrayList<>();
        for (Change change : follower.poll()) {
            if (change.layerId().equals(LAYER)) {
                ids.add(change.featureId());
            }
        }
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            reload(chunk);
        }
    }

    private void reload(List<Long> ids) {
        Map<Long, Entry> found = new java.util.HashMap<>();
        store.inTransaction(session -> session.doReturningWork(c -> {
            readInto(c, ids, found);
            return null;
        }));
        for (Long id : ids) {
            Entry old = byId.remove(id);
            if (old != null) {
                byDeadline.remove(old.key);
                snapshot = null;
            }
            Entry fresh = found.get(id);
            if (fresh != null && IncidentQueue.OPEN_REPORT.contains(fresh.incident.status())) {
                put(fresh);
            }
        }
    }

    private static void readInto(Connection c, List<Long> ids, Map<Long, Entry> found) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM citizen_report WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = entry(rs);
                    found.put(e.incident.id(), e);
                }
            }
        }
    }

    private void put(Entry e) {
        byId.put(e.incident.id(), e);
        byDeadline.put(e.key, e);
        snapshot = null;
    }

    /**
     * Holds the open reports as arrays in deadline order, made again after a change: a pass over primitive arrays
     * costs about a millisecond for 100 k reports, a walk over the skip list ten times that.
     */
    private static final class Snapshot {
        final Entry[] entries;
        final long[] deadline;
        final long[] opened;
        final double[] lon;
        final double[] lat;
        final int[] category; // index into categories
        final List<String> categories = new ArrayList<>();
        final Map<Geometry, java.util.BitSet> areas = new IdentityHashMap<>();
        /** Every report's folded text, one after another with a separator no text holds, and where each starts. */
        final String texts;

        final int[] textStarts;
        private final Map<String, java.util.BitSet> textMatches = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, java.util.BitSet> eldest) {
                return size() > 32;
            }
        };

        Snapshot(java.util.Collection<Entry> sorted) {
            int n = sorted.size();
            entries = sorted.toArray(Entry[]::new);
            deadline = new long[n];
            opened = new long[n];
            lon = new double[n];
            lat = new double[n];
            category = new int[n];
            Map<String, Integer> index = new java.util.HashMap<>();
            StringBuilder all = new StringBuilder(n * 64);
            textStarts = new int[n + 1];
            for (int i = 0; i < n; i++) {
                textStarts[i] = all.length();
                all.append(entries[i].search).append('\u0000');
                QueuedIncident q = entries[i].incident;
                deadline[i] = entries[i].key.deadline;
                opened[i] = q.openedAt().toEpochMilli();
                lon[i] = q.lon();
                lat[i] = q.lat();
                category[i] = index.computeIfAbsent(String.valueOf(q.categoryCode()), c -> {
                    categories.add(c);
                    return categories.size() - 1;
                });
            }
            textStarts[n] = all.length();
            texts = all.toString();
        }

        /**
         * Returns which reports' folded text holds {@code folded}: one {@link String#indexOf} walk over all the texts
         * (held one byte a character, scanned by the JDK's vectorised search), each hit mapped to its report. The
         * answers of the last few texts are kept until the next change of a report, as a page asks the same again on
         * every live refresh.
         */
        synchronized java.util.BitSet matching(String folded) {
            java.util.BitSet bits = textMatches.get(folded);
            if (bits == null) {
                bits = new java.util.BitSet(entries.length);
                int from = 0;
                while (true) {
                    int at = texts.indexOf(folded, from);
                    if (at < 0) {
                        break;
                    }
                    int i = java.util.Arrays.binarySearch(textStarts, at);
                    int report = i >= 0 ? i : -i - 2;
                    bits.set(report);
                    from = textStarts[report + 1];
                }
                textMatches.put(folded, bits);
            }
            return bits;
        }

        /** Returns which reports lie in the area, worked out once per snapshot (from each report's own memory). */
        synchronized java.util.BitSet inside(Geometry area, int slot, PreparedGeometry prepared) {
            java.util.BitSet bits = areas.get(area);
            if (bits == null) {
                bits = new java.util.BitSet(entries.length);
                for (int i = 0; i < entries.length; i++) {
                    if (entries[i].isIn(slot, prepared)) {
                        bits.set(i);
                    }
                }
                areas.put(area, bits);
            }
            return bits;
        }
    }

    private volatile Snapshot snapshot;

    private Snapshot snapshot() {
        Snapshot held = snapshot;
        if (held == null) {
            synchronized (this) {
                held = snapshot;
                if (held == null) {
                    held = new Snapshot(byDeadline.values());
                    snapshot = held;
                }
            }
        }
        return held;
    }

    /** Holds the result of one pass: the first {@code wanted} matches in deadline order and the counts. */
    record Pass(List<QueuedIncident> first, long matched, long overdue) {}

    /**
     * Returns the first {@code wanted} open reports the request accepts, in deadline order (the most overdue first),
     * with how many match and how many of those are overdue at {@code now}.
     */
    Pass read(QueueRequest r, Instant now, int wanted) {
        Snapshot snap = snapshot();
        java.util.BitSet[] areas = new java.util.BitSet[r.areas().size()];
        for (int a = 0; a < areas.length; a++) {
            Geometry area = r.areas().get(a);
            areas[a] = snap.inside(area, slot(area), preparedOf(area));
        }
        boolean[] categoryWanted = null;
        if (!r.categories().isEmpty()) {
            categoryWanted = new boolean[snap.categories.size()];
            for (int c = 0; c < categoryWanted.length; c++) {
                categoryWanted[c] = r.categories().contains(snap.categories.get(c));
            }
        }
        java.util.BitSet text = r.text() == null || fold(r.text()).isEmpty()
                ? null
                : snap.matching(fold(r.text()).replace('\u0000', ' '));
        BoundingBox box = r.bbox();
        long from = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
        long to = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli();
        long nowMillis = now.toEpochMilli();
        List<QueuedIncident> first = new ArrayList<>(Math.min(wanted, 1_000));
        long matched = 0;
        long overdue = 0;
        int n = snap.entries.length;
        for (int i = 0; i < n; i++) {
            boolean late = snap.deadline[i] < nowMillis;
            if ((r.overdueOnly() && !late)
                    || (categoryWanted != null && !categoryWanted[snap.category[i]])
                    || snap.opened[i] < from
                    || snap.opened[i] >= to
                    || (box != null && !inside(box, snap.lon[i], snap.lat[i]))
                    || !inAll(areas, i)
                    || (text != null && !text.get(i))) {
                continue;
            }
            matched++;
            if (late) {
                overdue++;
            }
            if (first.size() < wanted) {
                QueuedIncident q = snap.entries[i].incident;
                first.add(late == (q.urgency() == 2) ? q : q.withUrgency(late ? 2 : 3));
            }
        }
        return new Pass(first, matched, overdue);
    }

    private static boolean inAll(java.util.BitSet[] areas, int i) {
        for (java.util.BitSet area : areas) {
            if (!area.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inside(BoundingBox b, double lon, double lat) {
        if (lat < b.minLat() || lat > b.maxLat()) {
            return false;
        }
        return b.crossesAntimeridian()
                ? lon >= b.minLon() || lon <= b.maxLon()
                : lon >= b.minLon() && lon <= b.maxLon();
    }

    /** Returns the slot an area's answers are remembered in; -1 when every slot is taken. */
    private synchronized int slot(Geometry area) {
        Integer slot = areaSlots.get(area);
        if (slot == null) {
            if (areaSlots.size() >= MAX_AREAS) {
                return -1;
            }
            slot = areaSlots.size();
            areaSlots.put(area, slot);
        }
        return slot;
    }

    private synchronized PreparedGeometry preparedOf(Geometry area) {
        return prepared.computeIfAbsent(area, PreparedGeometryFactory::prepare);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        String status = rs.getString(6);
        String merged = rs.getString(16);
        String unit = rs.getString(12);
        String agency = rs.getString(11);
        String who = agency == null ? unit : unit == null ? agency : agency + " – " + unit;
        Instant deadline = instant(rs, 14);
        List<String> actions = ReportWorkflow.allowed(ReportStatus.valueOf(status), merged != null).stream()
                .map(org.iocmap.layers.reports.ReportAction::apiName)
                .toList();
        QueuedIncident incident = new QueuedIncident(
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
                who,
                instant(rs, 13),
                deadline,
                instant(rs, 15),
                IncidentQueue.OPEN_REPORT.contains(status) ? 3 : 4,
                0,
                actions);
        String search = fold(incident.code() + "\n" + incident.title() + "\n"
                + (incident.address() == null ? "" : incident.address()));
        return new Entry(
                new Key(deadline == null ? Long.MAX_VALUE : deadline.toEpochMilli(), incident.id()), incident, search);
    }

    /**
     * Returns text lower-cased without Vietnamese diacritics ("Vỉa hè" → "via he", "đường" → "duong"): searching is
     * then indifferent to accents, as operators type them or not, and the folded text is held one byte a character,
     * which {@link String#contains} scans several times faster.
     */
    static String fold(String text) {
        String decomposed =
                java.text.Normalizer.normalize(text.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(c == 'đ' ? 'd' : c);
        }
        return out.toString();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Orders reports by deadline (none last), then id. */
    private record Key(long deadline, long id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byDeadline = Long.compare(deadline, o.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(id, o.id);
        }
    }

    /** One open report, with what it answered about the areas asked so far. */
    private static final class Entry {
        final Key key;
        final QueuedIncident incident;
        final String search;
        private long known; // bit a: whether area slot a was worked out
        private long inside; // bit a: the answer

        Entry(Key key, QueuedIncident incident, String search) {
            this.key = key;
            this.incident = incident;
            this.search = search;
        }

        synchronized boolean isIn(int slot, PreparedGeometry area) {
            if (slot >= 0 && (known & (1L << slot)) != 0) {
                return (inside & (1L << slot)) != 0;
            }
            Geometry g = area.getGeometry();
            boolean answer = area.covers(g.getFactory().createPoint(new Coordinate(incident.lon(), incident.lat())));
            if (slot >= 0) {
                known |= 1L << slot;
                if (answer) {
                    inside |= 1L << slot;
                }
            }
            return answer;
        }
    }
}
