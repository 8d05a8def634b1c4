package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Searches the vessel registry and reads a vessel's track, as the vessel panel does. */
class VesselApiTest {
    private static TestServer server;
    private static String fisheries;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        fisheries = Http.token(server, "fisheries", "fisheries");
    }

    private static JsonObject get(String path) {
        var response = Http.get(server.baseUrl() + path, fisheries);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** Returns a vessel of the demo fleet (other tests may add vessels known only by their MMSI and one fix). */
    private static JsonObject demoVessel() {
        JsonArray all = get("/api/vessels?limit=100").getJsonArray("vessels");
        assertThat(all).hasSize(100);
        return all.stream()
                .map(v -> (JsonObject) v)
                .filter(v -> v.getString("registration_no") != null && v.getString("name") != null)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void searchFindsVesselsByNameMmsiAndRegistration() {
        JsonObject first = demoVessel();
        String mmsi = first.getString("mmsi");
        assertThat(get("/api/vessels?q=" + mmsi.substring(0, 7)).getJsonArray("vessels").stream()
                        .map(v -> ((JsonObject) v).getString("mmsi")))
                .contains(mmsi)
                .allMatch(m -> m.startsWith(mmsi.substring(0, 7)));
        String name = first.getString("name");
        String word = name.split(" ")[0].toUpperCase(java.util.Locale.ROOT); // case does not matter
        assertThat(
                        get("/api/vessels?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8))
                                .getJsonArray("vessels")
                                .stream()
                                .map(v -> ((JsonObject) v).getString("name") + " | "
                                        + ((JsonObject) v).getString("registration_no")))
                .isNotEmpty()
                .allMatch(text ->
                        text.toLowerCase(java.util.Locale.ROOT).contains(word.toLowerCase(java.util.Locale.ROOT)));
        String registration = first.getString("registration_no");
        assertThat(get("/api/vessels?q=" + URLEncoder.encode(registration, StandardCharsets.UTF_8))
                        .getJsonArray("vessels")
                        .getJsonObject(0)
                        .getString("mmsi"))
                .isEqualTo(mmsi);
    }

    @Test
    void aTrackHoldsTheStoredPositionsOldestFirst() {
        JsonObject vessel = demoVessel();
        Instant last = Instant.parse(vessel.getString("last_fix_at"));
        JsonObject track = get("/api/vessels/" + vessel.getString("mmsi") + "/track?from=" + last.minusSeconds(6 * 3600)
                + "&to=" + last);
        JsonArray coordinates = track.getJsonObject("geometry").getJsonArray("coordinates");
        JsonArray times = track.getJsonObject("properties").getJsonArray("times");
        assertThat(coordinates.size()).isGreaterThan(1).isEqualTo(times.size());
        for (int i = 1; i < times.size(); i++) {
            assertThat(Instant.parse(times.getString(i))).isAfterOrEqualTo(Instant.parse(times.getString(i - 1)));
        }
        assertThat(Instant.parse(times.getString(times.size() - 1))).isEqualTo(last);
        JsonArray end = coordinates.getJsonArray(coordinates.size() - 1);
        assertThat(end.getDouble(0)).isEqualTo(vessel.getDouble("lon"));
    }

    @Test
    void badQuestionsGetClearProblems() {
        assertThat(Http.get(server.baseUrl() + "/api/vessels", null).statusCode())
                .isEqualTo(401);
        assertThat(Http.get(server.baseUrl() + "/api/vessels?limit=0", fisheries)
                        .body())
                .contains("limit");
        assertThat(Http.get(server.baseUrl() + "/api/vessels/12/track", fisheries)
                        .body())
                .contains("nine digits");
        assertThat(Http.get(server.baseUrl() + "/api/vessels/999999999/track", fisheries)
                        .statusCode())
                .isEqualTo(404);
        var reversed = Http.get(
                server.baseUrl() + "/api/vessels/574000000/track?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                fisheries);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("not after to=");
        assertThat(Http.get(server.baseUrl() + "/api/vessels/574000000/track?from=yesterday", fisheries)
                        .body())
                .contains("ISO-8601");
    }
}
