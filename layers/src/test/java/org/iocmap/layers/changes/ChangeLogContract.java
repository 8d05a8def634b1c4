package org.iocmap.layers.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.iocmap.layers.kinds.GenericFeature;
import org.iocmap.layers.kinds.GenericFeatures;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Pins the change log and its gap rule on both backends. Subclasses supply a store of their own: the cursor tests
 * expect no other writer between the ids they take.
 */
public abstract class ChangeLogContract {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** Returns the store under test, migrated, used by no other test class. */
    protected abstract Store store();

    private ChangeLog log;
    private GenericFeatures features;
    private Layer layer;
    /** The cursor's clock, in nanoseconds; tests move it by hand. */
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void newLayer() {
        log = new ChangeLog(store());
        features = new GenericFeatures(store(), log);
        String id = "c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        layer = LayerCatalog.load(store())
                .createGenericLayer(
                        id,
                        Title.of("Lớp thử", "Test layer"),
                        "Point",
                        false,
                        Set.of("operator"),
                        List.of(Map.of("name", "label", "type", "string", "vi", "Nhãn", "en", "Label")),
                        900);
    }

    private static Point point(double lon, double lat) {
        return WGS84.createPoint(new Coordinate(lon, lat));
    }

    private ChangeCursor cursorAt(long position) {
        return new ChangeCursor(log, position, GRACE, now::get);
    }

    private List<Change> mine(List<Change> changes) {
        return changes.stream().filter(c -> c.layerId().equals(layer.id())).toList();
    }

    /** Opens a transaction of its own that records a change and stays open until the caller commits or rolls back. */
    private Connection openTransactionWithChange(long featureId) throws SQLException {
        Connection c = store().dataSource().getConnection();
        c.setAutoCommit(false);
        log.record(c, layer.id(), featureId, ChangeOp.CHANGED);
        return c;
    }

    private long commitChange(long featureId) throws SQLException {
        try (Connection c = store().dataSource().getConnection()) {
            c.setAutoCommit(false);
            log.record(c, layer.id(), featureId, ChangeOp.CHANGED);
            c.commit();
        }
        return log.lastId();
    }

    @Test
    void writesAreLoggedInOrderWithTheirOperation() {
        long before = log.lastId();
        long id = features.create(layer.id(), point(106.7, 10.8), Map.of("label", "a"), null);
        assertThat(features.replace(layer.id(), id, point(106.8, 10.9), Map.of("label", "b"), null))
                .isTrue();
        assertThat(features.delete(layer.id(), id)).isTrue();

        List<Change> changes = mine(log.readAfter(before, 100));
        assertThat(changes).extracting(Change::op).containsExactly(ChangeOp.ADDED, ChangeOp.CHANGED, ChangeOp.REMOVED);
        assertThat(changes).extracting(Change::featureId).containsOnly(id);
        assertThat(changes).extracting(Change::id).isSorted().doesNotHaveDuplicates();
        assertThat(log.lastId()).isEqualTo(changes.getLast().id());
    }

    @Test
    void replaceAndDeleteOfAMissingFeatureChangeNothingAndLogNothing() {
        long before = log.lastId();
        assertThat(features.replace(layer.id(), Long.MAX_VALUE, point(1, 1), Map.of(), null))
                .isFalse();
        assertThat(features.delete(layer.id(), Long.MAX_VALUE)).isFalse();
        assertThat(log.lastId()).isEqualTo(before);
    }

    @Test
    void aFeatureOfAnotherLayerIsNotReachedThroughThisOne() {
        long id = features.create(layer.id(), point(1, 1), Map.of("label", "x"), null);
        newLayer();
        assertThat(features.delete(layer.id(), id)).isFalse();
    }

    @Test
    void builtInLayersAreNotWrittenFeatureByFeature() {
        assertThatThrownBy(() -> features.create("vessels", point(1, 1), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only generic layers");
        assertThatThrownBy(() -> features.create("no_such_layer", point(1, 1), Map.of(), null))
                .hasMessageContaining("no layer with id 'no_such_layer'");
    }

    @Test
    void aRolledBackWriteLeavesNeitherDataNorChange() {
        long before = log.lastId();
        assertThatThrownBy(() -> store().inTransaction(session -> {
                    GenericFeature feature = new GenericFeature(layer.id(), Map.of("label", "x"), null, point(2, 2));
                    session.persist(feature);
                    log.record(session, layer.id(), feature.getId(), ChangeOp.ADDED);
                    throw new IllegalStateException("abandon");
                }))
                .hasMessage("abandon");
        assertThat(mine(log.readAfter(before, 100))).isEmpty();
        assertThat(layer.query(org.iocmap.layers.model.FeatureQuery.all(10)).features())
                .isEmpty();
    }

    @Test
    void aChangeIsInvisibleUntilItsTransactionCommits() throws SQLException {
        long before = log.lastId();
        try (Connection open = openTransactionWithChange(7)) {
            assertThat(log.readAfter(before, 10)).isEmpty();
            assertThat(log.lastId()).isEqualTo(before);
            open.commit();
        }
        assertThat(log.readAfter(before, 10)).extracting(Change::featureId).containsExactly(7L);
    }

    @Test
    void aLowerIdCommittingAfterAHigherOneIsStillDelivered() throws SQLException {
        ChangeCursor cursor = cursorAt(log.lastId());
        long first = commitChange(1);
        try (Connection late = openTransactionWithChange(2)) { // takes the next id, commits last
            long third = commitChange(3);
            // The feed has seen the first and the third change, not the second: it stops before the gap.
            assertThat(cursor.poll(100)).extracting(Change::id).containsExactly(first);
            now.addAndGet(GRACE.toNanos() - 1);
            assertThat(cursor.poll(100)).isEmpty();
            late.commit();
            assertThat(cursor.poll(100)).extracting(Change::featureId).containsExactly(2L, 3L);
            assertThat(cursor.position()).isEqualTo(third);
        }
    }

    @Test
    void aGapIsGivenUpOnceAHigherIdHasBeenVisibleForTheGracePeriod() throws SQLException {
        ChangeCursor cursor = cursorAt(log.lastId());
        long third;
        try (Connection abandoned = openTransactionWithChange(2)) {
            third = commitChange(3);
            assertThat(cursor.poll(100)).isEmpty();
            now.addAndGet(GRACE.toNanos() - 1);
            assertThat(cursor.poll(100)).isEmpty();
            abandoned.rollback();
        }
        now.addAndGet(1);
        assertThat(cursor.poll(100)).extracting(Change::id).containsExactly(third);
        // Changes after a given-up gap flow at once.
        long fourth = commitChange(4);
        assertThat(cursor.poll(100)).extracting(Change::id).containsExactly(fourth);
    }

    @Test
    void theGracePeriodStartsWhenTheCursorFirstSeesAHigherId() throws SQLException {
        ChangeCursor cursor = cursorAt(log.lastId());
        try (Connection abandoned = openTransactionWithChange(2)) {
            now.addAndGet(GRACE.toNanos() * 10); // time passing with no higher id visible proves nothing
            long third = commitChange(3);
            assertThat(cursor.poll(100)).isEmpty();
            now.addAndGet(GRACE.toNanos());
            assertThat(cursor.poll(100)).extracting(Change::id).containsExactly(third);
            abandoned.rollback();
        }
    }

    @Test
    void aGivenUpIdThatCommitsLaterIsFoundByAReplayOfTheLog() throws SQLException {
        long start = log.lastId();
        ChangeCursor cursor = cursorAt(start);
        try (Connection verySlow = openTransactionWithChange(2)) {
            commitChange(3);
            cursor.poll(100);
            now.addAndGet(GRACE.toNanos());
            assertThat(cursor.poll(100)).extracting(Change::featureId).containsExactly(3L);
            verySlow.commit();
        }
        assertThat(cursor.poll(100)).isEmpty();
        assertThat(log.readAfter(start, 100)).extracting(Change::featureId).containsExactly(2L, 3L);
    }

    @Test
    void pollReturnsAtMostMaxAndContinuesWhereItStopped() throws SQLException {
        ChangeCursor cursor = cursorAt(log.lastId());
        for (long f = 1; f <= 5; f++) {
            commitChange(f);
        }
        assertThat(cursor.poll(2)).extracting(Change::featureId).containsExactly(1L, 2L);
        assertThat(cursor.poll(10)).extracting(Change::featureId).containsExactly(3L, 4L, 5L);
        assertThat(cursor.poll(10)).isEmpty();
    }

    @Test
    void theFeatureStateIsReadableWhenItsChangeIs() {
        long before = log.lastId();
        long id = features.create(layer.id(), point(3, 4), Map.of("label", "here"), null);
        Change change = mine(log.readAfter(before, 10)).getFirst();
        Feature feature = layer.findFeature(change.featureId()).orElseThrow();
        assertThat(feature.id()).isEqualTo(id);
        assertThat(feature.properties()).containsEntry("label", "here");
        assertThat(feature.geometry().getCoordinate().x).isEqualTo(3.0);
    }
}
