package org.iocmap.service.alarms;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a fire-alarm device offline when nothing was heard from it for {@value #GRACE_FACTOR} times its heartbeat
 * interval: one missed heartbeat is a hiccup, two are a device or a line down. Once per silence: the device's status
 * becomes {@code offline} and an OFFLINE event is stored with its change for layer {@value AlarmDevices#LAYER}, in one
 * transaction; the device's next message brings it back ({@link AlarmIngest}).
 *
 * <p>Which devices are watched: those heard at least once by the platform, and those registered through the API (from
 * their registration). Devices loaded without either (the demo's, whose history is made up) are watched from their
 * first message, so a demo start does not turn every device offline. After the service starts, a device gets one full
 * grace period before it is marked: the service's own downtime is not the device's silence.
 *
 * <p>One thread, waking every {@value #CHECK_MILLIS} ms; {@link #step()} does one pass and can be driven by a test with
 * its own clock. {@link #close()} stops the thread.
 */
public final class OfflineWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineWatcher.class);

    /** How many heartbeat intervals of silence make a device offline. */
    public static final int GRACE_FACTOR = 2;

    static final long CHECK_MILLIS = 5_000;
    private static final int BATCH = 500;

    private final Store store;
    private final ChangeLog changes;
    private final Clock clock;
    private final Instant startedAt;
    private volatile boolean running;
    private Thread thread;

    public OfflineWatcher(Store store, ChangeLog changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Starts the thread. */
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("iocmap-alarm-offline").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.warn("Offline check failed; retrying: {}", e.toString());
            }
            LockSupport.parkNanos(Duration.ofMillis(CHECK_MILLIS).toNanos());
        }
    }

    private record Due(long id, String code, int intervalS) {}

    /** Marks every device that is due offline, now by the clock; returns how many it marked. */
    public int step() {
        Instant now = clock.instant();
        List<Due> due = store.inTransaction(session -> session.doReturningWork(c -> {
            List<Due> rows = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, code, heartbeat_interval_s FROM fire_alarm_device"
                            + " WHERE status <> 'offline' AND offline_after <= ? ORDER BY offline_after LIMIT "
                            + BATCH)) {
                Sql.setInstant(ps, 1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Due(rs.getLong(1), rs.getString(2), rs.getInt(3)));
                    }
                }
            }
            return rows;
        }));
        int marked = 0;
        for (Due d : due) {
            if (AlarmDevices.offlineAfter(startedAt, d.intervalS()).isAfter(now)) {
                continue; // still within the grace period after the start
            }
            if (markOffline(d, now)) {
                marked++;
            }
        }
        if (marked > 0) {
            LOG.info("Marked {} fire-alarm devices offline", marked);
        }
        return marked;
    }

    /** Marks one device offline unless a message came in meanwhile; checked again under the row lock. */
    private boolean markOffline(Due d, Instant now) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            AlarmDevice device = AlarmDevices.find(c, d.code(), true).orElse(null);
            if (device == null
                    || "offline".equals(device.status())
                    || device.offlineAfter() == null
                    || device.offlineAfter().isAfter(now)) {
                return false;
            }
            AlarmIngest.insertEvent(c, device.id(), EventType.OFFLINE, now, null, now);
            boolean latest = device.lastEventAt() == null || !now.isBefore(device.lastEventAt());
            try (PreparedStatement ps = c.prepareStatement("UPDATE fire_alarm_device SET status = 'offline'"
                    + (latest ? ", last_event = 'OFFLINE', last_event_at = ?" : "") + " WHERE id = ?")) {
                int i = 1;
                if (latest) {
                    Sql.setInstant(ps, i++, now);
                }
                ps.setLong(i, device.id());
                ps.executeUpdate();
            }
            changes.record(c, AlarmDevices.LAYER, device.id(), ChangeOp.CHANGED);
            return true;
        }));
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
