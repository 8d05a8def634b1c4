package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.iocmap.layers.ais.AisEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Fisheries officers draw fences and get alerts: fences are created, versioned and removed through {@code
 * /api/geofences}; a vessel whose stored positions enter a fence raises an alert that names the fence version, carries
 * its evidence, arrives on the live stream after it is stored, is acknowledged once, and exports as CAP 1.2.
 */
class GeofenceApiTest {
    private static final AtomicInteger NEXT_MMSI = new AtomicInteger(574_100_000 + (int) (System.nanoTime() % 50_000));
    private static TestServer server;
    private static String fisheries;
    private static String planner;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        fisheries = Http.token(server, "fisheries", "fisheries");
        planner = Http.token(server, "planner", "planner");
    }

    private static JsonObject zone(String id, double west, double south, double east, double north) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(west).add(south))
                .add(new JsonArray().add(east).add(south))
                .add(new JsonArray().add(east).add(north))
                .add(new JsonArray().add(west).add(north))
                .add(new JsonArray().add(west).add(south));
        JsonObject body = new JsonObject()
                .put("name", "Vùng cấm khai thác thử " + id)
                .put("kind", "NO_FISHING_ZONE")
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))
                .put("effectiveFrom", "2026-01-01T00:00:00Z");
        if (id != null) {
            body.put("id", id);
        }
        return body;
    }

    private static HttpResponse<String> send(String method, String path, String token, JsonObject body) {
        return Http.request(
                method, server.baseUrl() + path, token, "application/json", body == null ? null : body.encode());
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void fencesAreCreatedVersionedAndRemovedAndBadOnesNamed() {
        String id = uniqueId("test-zone");
        HttpResponse<String> created = send("POST", "/api/geofences", fisheries, zone(id, 109.5, 11.5, 109.7, 11.7));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(new JsonObject(created.body()).getInteger("version")).isEqualTo(1);
        assertThat(send("POST", "/api/geofences", fisheries, zone(id, 109.5, 11.5, 109.7, 11.7))
                        .statusCode())
                .isEqualTo(409);

        JsonObject second = zone(null, 109.5, 11.5, 109.8, 11.8).put("effectiveFrom", "2026-06-01T00:00:00Z");
        second.put(
                "schedule",
                new JsonObject()
                        .put(
                                "windows",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("from", "04-01")
                                                .put("to", "06-30"))));
        HttpResponse<String> versioned = send("PUT", "/api/geofences/" + id, fisheries, second);
        assertThat(versioned.statusCode()).as(versioned.body()).isEqualTo(200);
        JsonObject read = new JsonObject(
                send("GET", "/api/geofences/" + id, fisheries, null).body());
        assertThat(read.getJsonArray("versions")).hasSize(2);
        assertThat(read.getJsonArray("versions").getJsonObject(0).getString("createdBy"))
                .isEqualTo("fisheries");
        assertThat(read.getJsonArray("versions")
                        .getJsonObject(1)
                        .getJsonObject("schedule")
                        .getJsonArray("windows"))
                .hasSize(1);
        HttpResponse<String> backwards =
                send("PUT", "/api/geofences/" + id, fisheries, zone(null, 109.5, 11.5, 109.8, 11.8));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("effectiveFrom").contains("after version 2");

        assertThat(send("GET", "/api/geofences", fisheries, null).body()).contains(id);
        assertThat(send("DELETE", "/api/geofences/" + id, fisheries, null).statusCode())
                .isEqualTo(204);
        assertThat(send("GET", "/api/geofences", fisheries, null).body()).doesNotContain(id);
        assertThat(new JsonObject(send("GET", "/api/geofences/" + id, fisheries, null)
                                .body())
                        .getBoolean("removed"))
                .isTrue();

        HttpResponse<String> badKind = send(
                "POST",
                "/api/geofences",
                fisheries,
                zone(uniqueId("x"), 109, 11, 110, 12).put("kind", "MOAT"));
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badKind.body()).getString("parameter")).isEqualTo("kind");
        JsonObject bowtie = zone(uniqueId("x"), 109, 11, 110, 12);
        bowtie.getJsonObject("geometry")
                .put(
                        "coordinates",
                        new JsonArray()
                                .add(new JsonArray()
                                        .add(new JsonArray().add(109).add(11))
                                        .add(new JsonArray().add(110).add(12))
                                        .add(new JsonArray().add(110).add(11))
                                        .add(new JsonArray().add(109).add(12))
                                        .add(new JsonArray().add(109).add(11))));
        HttpResponse<String> invalid = send("POST", "/api/geofences", fisheries, bowtie);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(invalid.body()).getString("parameter")).isEqualTo("geometry");
        assertThat(send("POST", "/api/geofences", planner, zone(uniqueId("x"), 109, 11, 110, 12))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/geofences", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aVesselEnteringAZoneRaisesOneStoredAlertWithItsEvidenceThatIsAcknowledgedOnce() throws Exception {
        String id = uniqueId("test-closed");
        assertThat(send("POST", "/api/geofences", fisheries, zone(id, 110.0, 10.0, 110.2, 10.2))
                        .statusCode())
                .isEqualTo(201);
        int mmsi = NEXT_MMSI.incrementAndGet();
        try (StreamClient stream = SseStreamClient.open(
                server.baseUrl() + "/api/stream?layer=vessel_alerts&filter=mmsi%20%3D%20" + mmsi, fisheries, null)) {
            stream.untilReady();
            Instant t0 = Instant.now().minusSeconds(600);
            // Outside, then inside: the crossing lies between the two fixes.
            ingest(AisEncoder.positionReport("test", t0, mmsi, 109.90, 10.10, 10.0, 90.0, 90) + "\n"
                    + AisEncoder.positionReport("test", t0.plusSeconds(300), mmsi, 110.05, 10.10, 10.0, 90.0, 90));
            JsonObject alert = waitFor(() -> alerts("mmsi=" + mmsi + "&fence=" + id), a -> !a.isEmpty())
                    .getJsonObject(0);
            JsonObject p = alert.getJsonObject("properties");
            assertThat(p.getString("event")).isEqualTo("ENTER");
            assertThat(p.getLong("fence_version")).isEqualTo(1);
            assertThat(p.getString("fence_kind")).isEqualTo("NO_FISHING_ZONE");
            assertThat(p.getString("status")).isEqualTo("NEW");
            JsonObject evidence = p.getJsonObject("evidence");
            assertThat(evidence.getJsonArray("track")).hasSize(2);
            assertThat(evidence.getBoolean("interpolated")).isTrue();
            double lon =
                    alert.getJsonObject("geometry").getJsonArray("coordinates").getDouble(0);
            assertThat(lon).isCloseTo(110.0, org.assertj.core.api.Assertions.within(1e-3)); // on the boundary
            StreamClient.Event added = stream.next(Duration.ofSeconds(10));
            assertThat(added.event()).isEqualTo("added");
            assertThat(added.featureId()).isEqualTo(alert.getLong("id"));

            // The same positions again raise nothing new.
            ingest(AisEncoder.positionReport("test", t0.plusSeconds(300), mmsi, 110.05, 10.10, 10.0, 90.0, 90));
            Thread.sleep(500);
            assertThat(alerts("mmsi=" + mmsi)).hasSize(1);

            long alertId = alert.getLong("id");
            HttpResponse<String> ack = send(
                    "POST",
                    "/api/alerts/" + alertId + "/acknowledge",
                    fisheries,
                    new JsonObject().put("note", "đã liên hệ"));
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(new JsonObject(ack.body()).getJsonObject("properties").getString("acknowledged_by"))
                    .isEqualTo("fisheries");
            assertThat(stream.next(Duration.ofSeconds(10)).event()).isEqualTo("changed");
            HttpResponse<String> again =
                    send("POST", "/api/alerts/" + alertId + "/acknowledge", fisheries, new JsonObject());
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("acknowledged by fisheries");
            assertThat(alerts("mmsi=" + mmsi + "&status=ACKNOWLEDGED")).hasSize(1);
            JsonArray newest = alerts("limit=50");
            for (int i = 1; i < newest.size(); i++) {
                String later =
                        newest.getJsonObject(i - 1).getJsonObject("properties").getString("raised_at");
                String earlier =
                        newest.getJsonObject(i).getJsonObject("properties").getString("raised_at");
                assertThat(Instant.parse(later)).isAfterOrEqualTo(Instant.parse(earlier));
            }

            HttpResponse<String> cap = send("GET", "/api/alerts/" + alertId + "/cap", fisheries, null);
            assertThat(cap.statusCode()).isEqualTo(200);
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document xml = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(cap.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("urn:oasis:names:tc:emergency:cap:1.2");
            String sent = xml.getElementsByTagNameNS("*", "sent").item(0).getTextContent();
            assertThat(sent).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d"); // CAP's dateTime
            assertThat(xml.getElementsByTagNameNS("*", "msgType").item(0).getTextContent())
                    .isEqualTo("Ack");
            assertThat(xml.getElementsByTagNameNS("*", "circle").item(0).getTextContent())
                    .endsWith(" 0");
        }
        assertThat(send("GET", "/api/alerts", planner, null).statusCode()).isEqualTo(403);
        HttpResponse<String> outbox = send("GET", "/api/alerts/outbox", Http.token(server, "admin", "admin"), null);
        assertThat(outbox.statusCode()).as(outbox.body()).isEqualTo(200);
        assertThat(new JsonObject(outbox.body()).getLong("pending")).isNotNull(); // no webhook set here: all zero
        assertThat(send("GET", "/api/alerts/outbox", fisheries, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/alerts?limit=0", fisheries, null).statusCode())
                .isEqualTo(400);
    }

    private static void ingest(String lines) {
        Http.ingestAis(server, fisheries, lines);
    }

    private static JsonArray alerts(String query) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/alerts?" + query, fisheries);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("features");
    }

    private static <T> T waitFor(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; last seen " + value);
            }
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }
}
