package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisDecoder;
import org.iocmap.layers.ais.PositionReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends AIS NMEA lines to {@code POST /api/ingest/ais} as a feed would: good sentences are stored (positions, the
 * vessel's latest state, static data) before the answer; bad lines are reported by number and reason without losing
 * the good ones; only the fisheries and admin roles may send.
 */
class AisIngestApiTest {
    private static final String POSITION = "!AIVDM,1,1,,A,18SJ@CW511Wl4s`70<d1iAHu018l,0*65";
    private static final String STATIC_1 =
            "\\s:vn-nhatrang,c:1736899200*09\\!AIVDM,2,1,3,A,58SJ@CT2;=`3=L4;T00P4V10PtpN33T000000016?0N:<6j`NBUS`4ikP000,0*15";
    private static final String STATIC_2 = "!AIVDM,2,2,3,A,00000000000,2*27";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    private static HttpResponse<String> send(String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/ingest/ais"))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void goodSentencesAreStoredAndBadLinesReportedByNumber() throws Exception {
        PositionReport expected = (PositionReport)
                ((AisDecoded) new AisDecoder().feed(POSITION, Instant.now()).getFirst()).message();
        String mmsi = String.format("%09d", expected.mmsi());
        String body = String.join(
                "\n",
                POSITION,
                STATIC_1,
                STATIC_2,
                POSITION.replace("*65", "*66"), // a wrong checksum
                "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47", // not AIS
                "rác không phải NMEA",
                "");
        String fisheries = Http.token(server, "fisheries", "fisheries");
        HttpResponse<String> response = send(body, fisheries);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject answer = new JsonObject(response.body());
        assertThat(answer.getInteger("lines")).isEqualTo(6);
        assertThat(answer.getInteger("messages")).isEqualTo(2);
        assertThat(answer.getInteger("positions")).isEqualTo(1);
        assertThat(answer.getInteger("vesselsUpdated")).isEqualTo(1);
        JsonArray rejected = answer.getJsonArray("rejected");
        assertThat(rejected).hasSize(3);
        assertThat(rejected.getJsonObject(0).getInteger("line")).isEqualTo(4);
        assertThat(rejected.getJsonObject(0).getString("reason")).isEqualTo("BAD_CHECKSUM");
        assertThat(rejected.getJsonObject(1).getInteger("line")).isEqualTo(5);
        assertThat(rejected.getJsonObject(2).getInteger("line")).isEqualTo(6);

        String filter = URLEncoder.encode("mmsi = '" + mmsi + "'", StandardCharsets.UTF_8);
        JsonObject items = new JsonObject(Http.get(
                        server.baseUrl() + "/ogc/collections/vessels/items?filter-lang=cql2-text&filter=" + filter,
                        fisheries)
                .body());
        assertThat(items.getJsonArray("features")).hasSize(1);
        JsonObject vessel = items.getJsonArray("features").getJsonObject(0);
        JsonArray at = vessel.getJsonObject("geometry").getJsonArray("coordinates");
        assertThat(at.getDouble(0)).isCloseTo(expected.lon(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(at.getDouble(1)).isCloseTo(expected.lat(), org.assertj.core.data.Offset.offset(1e-9));
        JsonObject properties = vessel.getJsonObject("properties");
        assertThat(properties.getString("name")).isNotBlank(); // from the type 5 message
        assertThat(properties.getString("flag")).isEqualTo("Việt Nam");
    }

    @Test
    void onlyFisheriesAndAdminMaySend() throws Exception {
        assertThat(send(POSITION, null).statusCode()).isEqualTo(401);
        HttpResponse<String> planner = send(POSITION, Http.token(server, "planner", "planner"));
        assertThat(planner.statusCode()).isEqualTo(403);
        assertThat(planner.body()).contains("fisheries and admin");
    }

    @Test
    void theHttpRouteCountsIntoTheIngestStats() throws Exception {
        String fisheries = Http.token(server, "fisheries", "fisheries");
        JsonObject before = httpStats(fisheries);
        HttpResponse<String> response = send(POSITION + "\n" + POSITION.replace("*65", "*66") + "\n", fisheries);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject after = httpStats(fisheries);
        // Other tests may send to the shared server at the same time: at least our lines were counted.
        assertThat(after.getLong("lines")).isGreaterThanOrEqualTo(before.getLong("lines") + 2);
        assertThat(after.getLong("stored")).isGreaterThanOrEqualTo(before.getLong("stored") + 1);
        assertThat(after.getLong("positions")).isGreaterThanOrEqualTo(before.getLong("positions") + 1);
        assertThat(after.getJsonObject("rejectedByReason").getLong("BAD_CHECKSUM"))
                .isGreaterThanOrEqualTo(before.getJsonObject("rejectedByReason").getLong("BAD_CHECKSUM", 0L) + 1);
        assertThat(Http.get(server.baseUrl() + "/api/ingest/stats", Http.token(server, "planner", "planner"))
                        .statusCode())
                .isEqualTo(403);
    }

    private static JsonObject httpStats(String token) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/ingest/stats", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject stats = new JsonObject(response.body());
        assertThat(stats.getJsonObject("sources").fieldNames())
                .containsExactly("http", "tcp", "udp", "feed", "simulator");
        return stats.getJsonObject("sources").getJsonObject("http");
    }
}
