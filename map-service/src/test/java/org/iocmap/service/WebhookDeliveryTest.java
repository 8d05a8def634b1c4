package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.iocmap.layers.ais.AisEncoder;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.geofence.FenceRules;
import org.iocmap.service.geofence.WebhookOutbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver that is down at first still gets every alert: the alert is written to the outbox with itself,
 * retried with backoff, delivered once the receiver answers 2xx, and signed with the configured secret.
 */
class WebhookDeliveryTest {
    private static final String SECRET = "a-secret-the-receiver-shares-with-iocmap";

    private record Received(String delivery, String signature, String body) {}

    @Test
    void anAlertReachesAReceiverThatFailsTwiceThenAnswers(@TempDir Path dir) throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestHeaders().getFirst("X-Iocmap-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Iocmap-Signature"),
                    new String(body, StandardCharsets.UTF_8)));
            int status = calls.incrementAndGet() <= 2 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (Application app = Application.start(ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_HTTP_HOST",
                "127.0.0.1",
                "IOCMAP_HTTP_PORT",
                "0",
                "IOCMAP_DATA_DIR",
                dir.toString(),
                "IOCMAP_ALERTS_WEBHOOKS",
                url,
                "IOCMAP_ALERTS_WEBHOOK_SECRET",
                SECRET,
                "IOCMAP_ALERTS_WEBHOOK_RETRYSECONDS",
                "1")))) {
            GeofenceMonitors.addClosedZone(
                    app,
                    "zone",
                    Instant.parse("2026-01-01T00:00:00Z"),
                    FenceRules.of(org.iocmap.service.geofence.EventType.ENTER));
            Instant t0 = Instant.now().minusSeconds(600);
            store(
                    app,
                    List.of(
                            AisEncoder.positionReport("t", t0, 574300001, 109.90, 10.10, 10.0, 90.0, 90),
                            AisEncoder.positionReport(
                                    "t", t0.plusSeconds(300), 574300001, 110.05, 10.10, 10.0, 90.0, 90)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (calls.get() < 3) {
                assertThat(System.nanoTime())
                        .as("three delivery attempts within 30 s")
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            WebhookOutbox.Status status = WebhookOutbox.status(app.store());
            assertThat(status.delivered()).isEqualTo(1);
            assertThat(status.pending()).isZero();
            assertThat(status.recent().getFirst().attempts()).isEqualTo(3);
        } finally {
            receiver.stop(0);
        }
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(Received::delivery)
                .containsOnly(received.getFirst().delivery());
        Received last = received.getLast();
        assertThat(last.signature()).isEqualTo("sha256=" + WebhookOutbox.signature(SECRET, last.body()));
        JsonObject alert = new JsonObject(last.body());
        assertThat(alert.getString("type")).isEqualTo("Feature");
        assertThat(alert.getJsonObject("properties").getString("event")).isEqualTo("ENTER");
        assertThat(alert.getJsonObject("properties").getString("fence_id")).isEqualTo("zone");
        assertThat(alert.getJsonObject("properties").getJsonObject("evidence").getJsonArray("track"))
                .hasSize(2);
    }

    private static void store(Application app, List<String> lines) {
        GeofenceMonitors.store(app, GeofenceMonitors.decode(lines));
    }
}
