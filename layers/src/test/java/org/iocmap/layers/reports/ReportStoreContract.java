package org.iocmap.layers.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Pins the report store on both backends: categories, submissions (agency, deadline, code, history and change log in
 * one transaction), idempotent retries including concurrent ones, the workflow, merging, duplicates at the 50 m and
 * 7-day edges, and the list filters. Subclasses supply a store of their own; each test works at a place of its own.
 */
public abstract class ReportStoreContract {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    /** Metres per degree of latitude near 12° N, close enough for offsets of tens of metres. */
    private static final double METRES_PER_DEGREE_LAT = 110_650;

    /** Returns the store under test, migrated, used by no other test class. */
    protected abstract Store store();

    private ReportStore reports;
    private double lon;
    private double lat;

    @BeforeEach
    void newPlace() {
        reports = new ReportStore(store(), Clock.systemUTC());
        // A place of this test's own, away from the others (~1 km grid cells over half a degree).
        lon = 108.6 + ThreadLocalRandom.current().nextInt(500) * 0.01;
        lat = 11.0 + ThreadLocalRandom.current().nextInt(500) * 0.01;
    }

    private NewReport report(String serviceCode, double northMetres, Instant createdAt, String clientKey) {
        return new NewReport(
                serviceCode,
                null,
                "Ổ gà lớn trên đường Trần Phú. Xe máy phải tránh.",
                "hotline_1022",
                "Nguyễn Văn An",
                "0905123456",
                null,
                null,
                null,
                "12 Trần Phú, phường Lộc Thọ, Nha Trang",
                lon,
                lat + northMetres / METRES_PER_DEGREE_LAT,
                createdAt,
                null,
                clientKey);
    }

    private Report submit(String serviceCode, double northMetres, Instant createdAt) {
        return reports.submit(report(serviceCode, northMetres, createdAt, null), List.of(), "operator")
                .report();
    }

    @Test
    void theSevenCategoriesAreSeededWithAgenciesAndDeadlines() {
        List<ReportCategory> categories = reports.categories();
        assertThat(categories)
                .extracting(ReportCategory::serviceCode)
                .containsExactly(
                        "trat-tu-do-thi",
                        "moi-truong",
                        "ha-tang-giao-thong",
                        "an-toan-thuc-pham",
                        "dien-chieu-sang",
                        "cap-thoat-nuoc",
                        "an-ninh-trat-tu");
        assertThat(reports.category("trat-tu-do-thi").orElseThrow().agency()).isNull();
        assertThat(reports.category("dien-chieu-sang").orElseThrow())
                .extracting(ReportCategory::nameVi, ReportCategory::agency, ReportCategory::deadlineHours)
                .containsExactly("Điện – chiếu sáng", "Công ty Điện lực Khánh Hòa", 72);
        assertThat(categories).allSatisfy(c -> {
            assertThat(c.serviceCode()).matches("[a-z]+(-[a-z]+)*");
            assertThat(c.nameEn()).isNotBlank();
            assertThat(c.descriptionVi()).isNotBlank();
        });
    }

    @Test
    void aSubmissionGetsCodeAgencyDeadlineHistoryAndChangeInOneGo() {
        ChangeLog log = new ChangeLog(store());
        long before = log.lastId();
        Instant created = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);
        Submission s = reports.submit(report("ha-tang-giao-thong", 0, created, null), List.of(), "operator");

        Report r = s.report();
        assertThat(s.created()).isTrue();
        assertThat(r.code()).matches("PA-20\\d\\d-\\d{6}");
        assertThat(r.status()).isEqualTo(ReportStatus.NEW);
        assertThat(r.category()).isEqualTo("Hạ tầng giao thông");
        assertThat(r.title()).isEqualTo("Ổ gà lớn trên đường Trần Phú");
        assertThat(r.agency()).isEqualTo("Sở Giao thông vận tải");
        assertThat(r.deadlineAt()).isEqualTo(created.plus(Duration.ofHours(168)));
        assertThat(r.isOverdue(Instant.now())).isFalse();
        assertThat(reports.find(r.code()).orElseThrow()).isEqualTo(r);

        List<HistoryEntry> history = reports.history(r.id());
        assertThat(history).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo(ReportAction.SUBMIT);
            assertThat(h.actor()).isEqualTo("operator");
            assertThat(h.fromStatus()).isNull();
            assertThat(h.toStatus()).isEqualTo(ReportStatus.NEW);
        });
        assertThat(log.readAfter(before, 1_000))
                .filteredOn(c -> c.featureId() == r.id())
                .extracting(Change::layerId, Change::op)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ReportStore.LAYER_ID, ChangeOp.ADDED));

        Report ward = submit("trat-tu-do-thi", 0, null);
        assertThat(ward.agency()).isEqualTo("UBND phường");
    }

    @Test
    void aRetryWithTheSameClientKeyReturnsTheFirstReport() throws SQLException {
        String key = "retry-" + System.nanoTime();
        Submission first = reports.submit(report("moi-truong", 0, null, key), List.of(), "open311");
        Submission again = reports.submit(report("moi-truong", 0, null, key), List.of(), "open311");
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.report()).isEqualTo(first.report());
        assertThat(rowsWithKey(key)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithOneClientKeyStoreOneReport() throws Exception {
        String key = "race-" + System.nanoTime();
        int clients = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Submission>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return reports.submit(report("cap-thoat-nuoc", 0, null, key), List.of(), "open311");
                }));
            }
            start.countDown();
            Set<String> codes = new java.util.HashSet<>();
            int created = 0;
            for (Future<Submission> answer : answers) {
                Submission s = answer.get();
                codes.add(s.report().code());
                created += s.created() ? 1 : 0;
            }
            assertThat(codes).hasSize(1);
            assertThat(created).isEqualTo(1);
            assertThat(rowsWithKey(key)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theWorkflowMovesStepByStepAndRefusesWhatTheStatusDoesNotAllow() {
        Report r = submit("an-toan-thuc-pham", 0, null);
        assertThatThrownBy(
                        () -> reports.transition(r.code(), ReportAction.START, StateChange.note(null), "op", x -> {}))
                .isInstanceOfSatisfying(WorkflowConflictException.class, e -> {
                    assertThat(e.status()).isEqualTo(ReportStatus.NEW);
                    assertThat(e.allowed())
                            .containsExactly(ReportAction.ASSIGN, ReportAction.REJECT, ReportAction.MERGE);
                    assertThat(e.getMessage()).contains(r.code(), "NEW", "start needs status ASSIGNED", "assign");
                });

        Report assigned = reports.transition(
                r.code(),
                ReportAction.ASSIGN,
                new StateChange(null, "Đội kiểm tra số 2", "Chuyển đội 2", null, List.of()),
                "operator",
                x -> {});
        assertThat(assigned.status()).isEqualTo(ReportStatus.ASSIGNED);
        assertThat(assigned.agency()).isEqualTo("Sở Y tế");
        assertThat(assigned.unit()).isEqualTo("Đội kiểm tra số 2");
        Report started = reports.transition(r.code(), ReportAction.START, StateChange.note(null), "operator", x -> {});
        assertThat(started.status()).isEqualTo(ReportStatus.IN_PROGRESS);
        Report resolved =
                reports.transition(r.code(), ReportAction.RESOLVE, StateChange.note("Đã xử lý"), "operator", x -> {});
        assertThat(resolved.status()).isEqualTo(ReportStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThat(resolved.statusNote()).isEqualTo("Đã xử lý");
        Report reopened =
                reports.transition(r.code(), ReportAction.REOPEN, StateChange.note("Chưa xong"), "admin", x -> {});
        assertThat(reopened.status()).isEqualTo(ReportStatus.ASSIGNED);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.deadlineAt()).isEqualTo(r.deadlineAt());
        Report rejected = reports.transition(
                r.code(), ReportAction.REJECT, StateChange.note("Không thuộc thẩm quyền"), "operator", x -> {});
        assertThat(rejected.status()).isEqualTo(ReportStatus.REJECTED);
        assertThat(reports.find(r.code()).orElseThrow()).isEqualTo(rejected);

        assertThat(reports.history(r.id()))
                .extracting(HistoryEntry::action, HistoryEntry::fromStatus, HistoryEntry::toStatus, HistoryEntry::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ReportAction.SUBMIT, null, ReportStatus.NEW, "operator"),
                        org.assertj.core.groups.Tuple.tuple(
                                ReportAction.ASSIGN, ReportStatus.NEW, ReportStatus.ASSIGNED, "operator"),
                        org.assertj.core.groups.Tuple.tuple(
                                ReportAction.START, ReportStatus.ASSIGNED, ReportStatus.IN_PROGRESS, "operator"),
                        org.assertj.core.groups.Tuple.tuple(
                                ReportAction.RESOLVE, ReportStatus.IN_PROGRESS, ReportStatus.RESOLVED, "operator"),
                        org.assertj.core.groups.Tuple.tuple(
                                ReportAction.REOPEN, ReportStatus.RESOLVED, ReportStatus.ASSIGNED, "admin"),
                        org.assertj.core.groups.Tuple.tuple(
                                ReportAction.REJECT, ReportStatus.ASSIGNED, ReportStatus.REJECTED, "operator"));
    }

    @Test
    void aRefusedCheckRollsTheChangeBack() {
        Report r = submit("an-ninh-trat-tu", 0, null);
        assertThatThrownBy(() -> reports.transition(
                        r.code(),
                        ReportAction.ASSIGN,
                        new StateChange("Công an phường", null, null, null, List.of()),
                        "operator",
                        x -> {
                            throw new SecurityException("outside the area");
                        }))
                .isInstanceOf(SecurityException.class);
        assertThat(reports.find(r.code()).orElseThrow()).isEqualTo(r);
        assertThat(reports.history(r.id())).hasSize(1);
        assertThatThrownBy(() ->
                        reports.transition("PA-1999-000001", ReportAction.START, StateChange.note(null), "o", x -> {}))
                .isInstanceOf(ReportNotFoundException.class)
                .hasMessageContaining("PA-1999-000001");
    }

    @Test
    void mergingClosesTheDuplicateAndTellsTheTarget() {
        Report target = submit("moi-truong", 0, null);
        Report duplicate = submit("moi-truong", 10, null);
        assertThatThrownBy(() -> reports.merge(duplicate.code(), duplicate.code(), "operator", null, x -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itself");

        Report merged = reports.merge(duplicate.code(), target.code(), "operator", null, x -> {});
        assertThat(merged.status()).isEqualTo(ReportStatus.REJECTED);
        assertThat(merged.mergedInto()).isEqualTo(target.code());
        assertThat(reports.history(target.id()).getLast()).satisfies(h -> {
            assertThat(h.action()).isEqualTo(ReportAction.MERGED_IN);
            assertThat(h.note()).contains(duplicate.code());
            assertThat(h.toStatus()).isEqualTo(ReportStatus.NEW);
        });
        assertThat(reports.history(duplicate.id()).getLast().action()).isEqualTo(ReportAction.MERGE);
        // A merged report is reopened through the one it went into; nothing merges into it.
        assertThatThrownBy(() -> reports.transition(
                        duplicate.code(), ReportAction.REOPEN, StateChange.note(null), "operator", x -> {}))
                .isInstanceOf(WorkflowConflictException.class)
                .hasMessageContaining("merged into " + target.code());
        Report third = submit("moi-truong", 20, null);
        assertThatThrownBy(() -> reports.merge(third.code(), duplicate.code(), "operator", null, x -> {}))
                .isInstanceOf(WorkflowConflictException.class)
                .hasMessageContaining("merges only into an open one");
        reports.transition(target.code(), ReportAction.REJECT, StateChange.note("Sai"), "operator", x -> {});
        assertThatThrownBy(() -> reports.merge(third.code(), target.code(), "operator", null, x -> {}))
                .isInstanceOfSatisfying(WorkflowConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(target.code());
                    assertThat(e.status()).isEqualTo(ReportStatus.REJECTED);
                });
    }

    @Test
    void duplicatesAreTheSameCategoryWithin50MetresAnd7DaysNearestFirst() {
        Instant now = Instant.now();
        Report origin = submit("dien-chieu-sang", 0, now.minus(Duration.ofDays(3)));
        Report at40 = submit("dien-chieu-sang", 40, now.minus(Duration.ofDays(3)));
        Report at10SixDaysLater =
                submit("dien-chieu-sang", 10, now.plus(Duration.ofDays(3)).minusSeconds(3600));
        submit("dien-chieu-sang", 60, now.minus(Duration.ofDays(3))); // too far
        submit("dien-chieu-sang", 5, now.minus(Duration.ofDays(11))); // eight days before
        submit("cap-thoat-nuoc", 5, now.minus(Duration.ofDays(3))); // another category

        List<Duplicate> found = reports.duplicatesOf(origin, null);
        assertThat(found).extracting(d -> d.report().code()).containsExactly(at10SixDaysLater.code(), at40.code());
        assertThat(found.get(1).distanceMetres()).isBetween(39.0, 41.0);

        // A new submission is told about them, nearest first; the new report itself is never among them.
        Submission next = reports.submit(
                report("dien-chieu-sang", -5, now.minus(Duration.ofDays(1)), null), List.of(), "open311");
        assertThat(next.duplicates())
                .extracting(d -> d.report().code())
                .containsExactly(origin.code(), at10SixDaysLater.code(), at40.code());
        // Rejected (and merged) reports are not suggested.
        reports.transition(at40.code(), ReportAction.REJECT, StateChange.note("Trùng"), "operator", x -> {});
        assertThat(reports.duplicatesOf(origin, null))
                .extracting(d -> d.report().code())
                .doesNotContain(at40.code());
    }

    @Test
    void listsFilterByAreaTextStatusOverdueAndSortByUrgency() {
        Instant now = Instant.now();
        Report overdue = submit("an-ninh-trat-tu", 0, now.minus(Duration.ofDays(10))); // deadline 72 h
        Report fresh = submit("an-ninh-trat-tu", 100, now.minus(Duration.ofHours(1)));
        Report older = submit("an-ninh-trat-tu", 200, now.minus(Duration.ofHours(30)));
        Report closed = submit("an-ninh-trat-tu", 300, now.minus(Duration.ofHours(2)));
        reports.transition(closed.code(), ReportAction.REJECT, StateChange.note("Sai"), "operator", x -> {});

        // The area holds the first three (within ~250 m north of the place), not the fourth at 300 m.
        double north = 250 / METRES_PER_DEGREE_LAT;
        var area = WGS84.toGeometry(new Envelope(lon - 0.001, lon + 0.001, lat - 0.001, lat + north));
        ReportFilter mine = ReportFilter.any(100).withArea(area);
        assertThat(reports.list(mine).reports())
                .extracting(Report::code)
                .containsExactly(overdue.code(), older.code(), fresh.code());
        assertThat(reports.list(mine.withOverdueOnly(true)).reports())
                .extracting(Report::code)
                .containsExactly(overdue.code());
        ReportFilter everywhereHere = ReportFilter.any(100)
                .withArea(WGS84.toGeometry(new Envelope(lon - 0.01, lon + 0.01, lat - 0.01, lat + 0.01)));
        assertThat(reports.list(everywhereHere).reports().getLast().code()).isEqualTo(closed.code());
        assertThat(reports.list(everywhereHere.withStatuses(Set.of(ReportStatus.REJECTED)))
                        .reports())
                .extracting(Report::code)
                .containsExactly(closed.code());
        assertThat(reports.list(everywhereHere.withSort(ReportSort.CREATED)).reports())
                .extracting(Report::code)
                .containsExactly(fresh.code(), closed.code(), older.code(), overdue.code());
        assertThat(reports.list(ReportFilter.any(10).withText(overdue.code().toLowerCase(java.util.Locale.ROOT)))
                        .reports())
                .extracting(Report::code)
                .containsExactly(overdue.code());
        assertThat(reports.list(everywhereHere.withText("TRẦN PHÚ")).numberMatched())
                .isEqualTo(4);
        ReportPage page = reports.list(everywhereHere.withPage(2, 1));
        assertThat(page.reports()).extracting(Report::code).containsExactly(older.code(), fresh.code());
        assertThat(page.numberMatched()).isEqualTo(4);
    }

    @Test
    void commentsAndPhotosBelongToTheirReport() {
        Report r = submit("cap-thoat-nuoc", 0, null);
        ReportComment first = reports.comment(r.code(), "operator", "Đã gọi cho người phản ánh", x -> {});
        ReportComment second = reports.comment(r.code(), "admin", "Theo dõi", x -> {});
        assertThat(reports.comments(r.id())).containsExactly(first, second);
        assertThat(reports.find(r.code()).orElseThrow().status()).isEqualTo(ReportStatus.NEW);

        String name = java.util.UUID.randomUUID() + ".png";
        Submission withPhoto = reports.submit(
                report("cap-thoat-nuoc", 500, null, null),
                List.of(new StoredPhoto(name, PhotoType.PNG, 68)),
                "open311");
        assertThat(reports.photos(withPhoto.report().id())).singleElement().satisfies(p -> {
            assertThat(p.fileName()).isEqualTo(name);
            assertThat(p.kind()).isEqualTo(PhotoKind.SUBMITTED);
            assertThat(p.contentType()).isEqualTo("image/png");
        });
        assertThat(reports.photo(name)).isPresent();
        assertThat(reports.photo("00000000-0000-0000-0000-000000000000.png")).isEmpty();
    }

    private long rowsWithKey(String key) throws SQLException {
        try (Connection c = store().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM citizen_report WHERE client_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
