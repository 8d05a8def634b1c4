package org.iocmap.service.geofence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.iocmap.layers.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to webhooks from a durable outbox: the monitor writes one {@code webhook_outbox} row per URL in the
 * transaction that stores the alert ({@link #enqueue}), and this thread posts the due rows, oldest first. A 2xx answer
 * marks a row delivered; anything else (an error status, no answer within {@value #TIMEOUT_SECONDS} s, no connection)
 * counts an attempt and schedules the next after a delay that starts at the configured retry and doubles up to an
 * hour; after {@value #MAX_ATTEMPTS} attempts the row is given up ({@code failed_at}, with the last error). A restart
 * goes on with the rows still due, so a receiver may see an alert twice (it was delivered but the answer was lost):
 * each delivery carries {@code X-Iocmap-Delivery} (the row id) to recognise it, and {@code X-Iocmap-Signature} when a
 * secret is set.
 */
public final class WebhookOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookOutbox.class);
    static final int MAX_ATTEMPTS = 12;
    static final int TIMEOUT_SECONDS = 10;
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final long POLL_MILLIS = 250;

    private final Store store;
    private final String secret;
    private final Duration firstRetry;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile boolean running;
    private Thread thread;

    public WebhookOutbox(Store store, String secret, Duration firstRetry, Clock clock) {
        this.store = store;
        this.secret = secret == null ? "" : secret;
        this.firstRetry = firstRetry;
        this.clock = clock;
    }

    /** Writes a row per URL for an alert, in the caller's transaction. */
    static void enqueue(Connection c, List<String> urls, long alertId, String payload, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_outbox (url, alert_id, payload, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, 0, ?, ?)")) {
            for (String url : urls) {
                ps.setString(1, url);
                ps.setLong(2, alertId);
                ps.setString(3, payload);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Starts the delivery thread. */
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("iocmap-webhooks").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try {
                if (deliverDue() == 0) {
                    LockSupport.parkNanos(Duration.ofMillis(POLL_MILLIS).toNanos());
                }
            } catch (RuntimeException e) {
                LOG.warn("Webhook delivery failed; retrying: {}", e.toString());
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    private record Due(long id, String url, String payload, int attempts) {}

    /** Posts the rows that are due; returns how many it tried. */
    int deliverDue() {
        Instant now = clock.instant();
        List<Due> due = store.inTransaction(session -> session.doReturningWork(c -> {
            List<Due> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, url, payload, attempts FROM webhook_outbox"
                            + " WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT 20")) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                    }
                }
            }
            return rows;
        }));
        for (Due d : due) {
            if (!running) {
                break;
            }
            String error = post(d);
            record(d, error);
        }
        return due.size();
    }

    /** Posts one row; returns null on a 2xx answer, else what went wrong. */
    private String post(Due d) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                    .header("Content-Type", "application/json")
                    .header("X-Iocmap-Delivery", Long.toString(d.id()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8));
            if (!secret.isEmpty()) {
                request.header("X-Iocmap-Signature", "sha256=" + signature(secret, d.payload()));
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Returns the hex HMAC-SHA256 of {@code body} with {@code secret}. */
    public static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private void record(Due d, String error) {
        Instant now = clock.instant();
        store.inTransaction(session -> session.doReturningWork(c -> {
            if (error == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE webhook_outbox SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setInt(2, d.attempts() + 1);
                    ps.setLong(3, d.id());
                    ps.executeUpdate();
                }
                return null;
            }
            int attempts = d.attempts() + 1;
            boolean giveUp = attempts >= MAX_ATTEMPTS;
            long factor = 1L << Math.min(20, attempts - 1);
            Duration delay = firstRetry.multipliedBy(factor).compareTo(MAX_DELAY) > 0
                    ? MAX_DELAY
                    : firstRetry.multipliedBy(factor);
            try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET attempts = ?, last_error = ?,"
                    + " next_attempt_at = ?, failed_at = ? WHERE id = ?")) {
                ps.setInt(1, attempts);
                ps.setString(2, error.length() > 500 ? error.substring(0, 500) : error);
                ps.setTimestamp(3, Timestamp.from(now.plus(delay)));
                ps.setTimestamp(4, giveUp ? Timestamp.from(now) : null);
                ps.setLong(5, d.id());
                ps.executeUpdate();
            }
            if (giveUp) {
                LOG.warn(
                        "Gave up delivering alert webhook {} to {} after {} attempts: {}",
                        d.id(),
                        d.url(),
                        attempts,
                        error);
            }
            return null;
        }));
    }

    /** The outbox's state for operators: counts and the most recent rows. */
    public record Status(long pending, long delivered, long failed, List<Row> recent) {
        public record Row(
                long id,
                String url,
                long alertId,
                int attempts,
                Instant nextAttemptAt,
                Instant deliveredAt,
                Instant failedAt,
                String lastError) {}
    }

    /** Reads the outbox's state. */
    public static Status status(Store store) {
        return store.inTransaction(session -> session.doReturningWork(c -> {
            long pending = count(c, "delivered_at IS NULL AND failed_at IS NULL");
            long delivered = count(c, "delivered_at IS NOT NULL");
            long failed = count(c, "failed_at IS NOT NULL");
            List<Status.Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, url, alert_id, attempts, next_attempt_at,"
                            + " delivered_at, failed_at, last_error FROM webhook_outbox ORDER BY id DESC LIMIT 20");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Status.Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getInt(4),
                            instant(rs.getTimestamp(5)),
                            instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7)),
                            rs.getString(8)));
                }
            }
            return new Status(pending, delivered, failed, rows);
        }));
    }

    private static long count(Connection c, String where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM webhook_outbox WHERE " + where);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
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
                t.join(Duration.ofSeconds(TIMEOUT_SECONDS + 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
