package org.iocmap.service.geoserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.Store;
import org.iocmap.layers.store.StoreKind;
import org.iocmap.layers.store.StoreSettings;
import org.iocmap.service.config.GeoServerSettings;
import org.iocmap.service.geoserver.PublishReport.Action;
import org.iocmap.service.geoserver.PublishReport.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the publisher against {@link RecordingGeoServer}, which checks every call against GeoServer's documented REST
 * API. The layers come from a real catalogue: the six built-in layers of a fresh embedded store and one generic layer.
 * The store's kind is given as PostGIS: GeoServer's side is the recording endpoint, which reads no database.
 */
class GeoServerPublisherTest {
    private static final String DB_PASSWORD = "db-secret-42";
    private static final String GENERIC = "harbours";

    @TempDir
    static Path dataDir;

    private static Store store;
    private static LayerCatalog catalog;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RecordingGeoServer geoserver;

    @BeforeAll
    static void openStore() {
        store = Store.open(StoreSettings.embedded(dataDir));
        catalog = LayerCatalog.load(store);
        catalog.createGenericLayer(
                GENERIC,
                Title.of("Cảng cá", "Fishing ports"),
                "Point",
                true,
                Set.of(),
                List.of(
                        Map.of("name", "name", "type", "string", "vi", "Tên", "en", "Name"),
                        Map.of("name", "berths", "type", "integer", "vi", "Số bến", "en", "Berths")),
                70);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @AfterEach
    void everyCallFollowedTheDocumentedApi() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (geoserver != null) {
            geoserver.close();
            assertThat(geoserver.violations()).isEmpty();
        }
    }

    @Test
    void firstPublishCreatesWorkspaceStoreFeatureTypesStylesAndDefaultStyles() {
        geoserver = RecordingGeoServer.start(0);
        PublishReport report = publisher(geoserver.baseUrl()).publish();

        List<String> expected = new ArrayList<>(List.of(
                "GET /rest/workspaces/iocmap",
                "POST /rest/workspaces",
                "GET /rest/workspaces/iocmap/datastores/iocmap",
                "POST /rest/workspaces/iocmap/datastores"));
        for (String id : layerIds()) {
            expected.addAll(List.of(
                    "GET /rest/workspaces/iocmap/datastores/iocmap/featuretypes/" + id,
                    "POST /rest/workspaces/iocmap/datastores/iocmap/featuretypes",
                    "GET /rest/workspaces/iocmap/styles/" + id,
                    "POST /rest/workspaces/iocmap/styles",
                    "PUT /rest/workspaces/iocmap/styles/" + id,
                    "PUT /rest/layers/iocmap:" + id));
        }
        assertThat(geoserver.calls()).containsExactlyElementsOf(expected);
        assertThat(layerIds())
                .contains("cameras", "vessels", "land_use_plans", GENERIC)
                .hasSize(7);
        assertThat(report.isComplete()).isTrue();
        assertThat(report.count(Action.CREATED)).isEqualTo(2 + 2 * 7);
        assertThat(report.count(Action.UPDATED)).isEqualTo(7); // the default style of each layer
        for (String id : layerIds()) {
            assertThat(geoserver.defaultStyle("iocmap", id)).isEqualTo("iocmap/" + id);
            assertThat(geoserver.sld("iocmap", id)).contains("StyledLayerDescriptor", "<sld:Name>" + id);
        }
    }

    @Test
    void theStoreAndTheFeatureTypesSayWhereGeoServerFindsTheData() {
        geoserver = RecordingGeoServer.start(0);
        PublishReport report = publisher(geoserver.baseUrl()).publish();

        Map<String, String> params = new HashMap<>();
        JsonArray entries = geoserver
                .datastore("iocmap", "iocmap")
                .getJsonObject("connectionParameters")
                .getJsonArray("entry");
        entries.forEach(e -> params.put(((JsonObject) e).getString("@key"), ((JsonObject) e).getString("$")));
        assertThat(params)
                .containsEntry("dbtype", "postgis")
                .containsEntry("host", "postgis")
                .containsEntry("port", "5433")
                .containsEntry("database", "iocmap")
                .containsEntry("schema", "public")
                .containsEntry("user", "iocmap")
                .containsEntry("passwd", DB_PASSWORD)
                .containsEntry("Expose primary keys", "true");
        assertThat(geoserver.featureType("iocmap", "iocmap", "fire_alarms").getString("nativeName"))
                .isEqualTo("fire_alarm_device");
        assertThat(geoserver.featureType("iocmap", "iocmap", "cameras").getString("title"))
                .isEqualTo("Camera giám sát");
        JsonObject view = geoserver
                .featureType("iocmap", "iocmap", GENERIC)
                .getJsonObject("metadata")
                .getJsonObject("entry")
                .getJsonObject("virtualTable");
        assertThat(view.getString("sql"))
                .isEqualTo("SELECT id, feature_time, geom, (props->>'name') AS \"name\","
                        + " (props->>'berths')::bigint AS \"berths\" FROM \"public\".generic_feature"
                        + " WHERE layer_id = 'harbours'");
        assertThat(view.getString("keyColumn")).isEqualTo("id");
        assertThat(view.getJsonObject("geometry").getString("type")).isEqualTo("Point");
        // The report names resources and calls, never a password.
        assertThat(report.toJson().encode()).doesNotContain(DB_PASSWORD, RecordingGeoServer.PASSWORD);
    }

    @Test
    void aSecondPublishCreatesNothingAndUpdatesInPlace() {
        geoserver = RecordingGeoServer.start(0);
        GeoServerPublisher publisher = publisher(geoserver.baseUrl());
        publisher.publish();
        geoserver.clearCalls();

        PublishReport again = publisher.publish();

        assertThat(geoserver.calls()).noneMatch(call -> call.startsWith("POST ") || call.startsWith("DELETE "));
        assertThat(geoserver.calls())
                .startsWith(
                        "GET /rest/workspaces/iocmap",
                        "GET /rest/workspaces/iocmap/datastores/iocmap",
                        "PUT /rest/workspaces/iocmap/datastores/iocmap",
                        "GET /rest/workspaces/iocmap/datastores/iocmap/featuretypes/cameras",
                        "PUT /rest/workspaces/iocmap/datastores/iocmap/featuretypes/cameras",
                        "GET /rest/workspaces/iocmap/styles/cameras",
                        "PUT /rest/workspaces/iocmap/styles/cameras",
                        "PUT /rest/layers/iocmap:cameras");
        assertThat(again.count(Action.CREATED)).isZero();
        assertThat(again.count(Action.FAILED)).isZero();
        assertThat(again.resources().getFirst()).isEqualTo(new Item("workspace", "iocmap", Action.UNCHANGED, ""));
        assertThat(again.count(Action.UPDATED)).isEqualTo(1 + 3 * 7);
    }

    @Test
    void aFeatureTypeGeoServerRefusesIsReportedAndTheOthersArePublished() {
        geoserver = RecordingGeoServer.start(0);
        geoserver.failFeatureType("vessels");

        PublishReport report = publisher(geoserver.baseUrl()).publish();

        Item failed = item(report, "featuretype", "vessels");
        assertThat(failed.action()).isEqualTo(Action.FAILED);
        assertThat(failed.detail())
                .startsWith("POST /rest/workspaces/iocmap/datastores/iocmap/featuretypes answered 500")
                .doesNotContain(RecordingGeoServer.PASSWORD, DB_PASSWORD);
        assertThat(item(report, "layer", "iocmap:vessels").action()).isEqualTo(Action.SKIPPED);
        assertThat(report.count(Action.FAILED)).isEqualTo(1);
        assertThat(report.isComplete()).isFalse();
        assertThat(geoserver.defaultStyle("iocmap", "vessels")).isNull();
        for (String id : layerIds()) {
            if (!id.equals("vessels")) {
                assertThat(geoserver.defaultStyle("iocmap", id)).as(id).isEqualTo("iocmap/" + id);
            }
        }
        JsonObject json = report.toJson();
        assertThat(json.getJsonObject("counts").getLong("failed")).isEqualTo(1);
        assertThat(json.getBoolean("complete")).isFalse();
    }

    @Test
    void theBackgroundPublisherRetriesUntilGeoServerIsUp() throws Exception {
        int port = freePort();
        GeoServerPublisher publisher = publisher("http://127.0.0.1:" + port + "/geoserver");
        closing.add(publisher);
        publisher.startInBackground(Duration.ofMillis(100), Duration.ofMillis(400));

        PublishReport down = waitFor(publisher, r -> !r.reachedGeoServer());
        assertThat(down.resources()).hasSize(1);
        assertThat(down.resources().getFirst().detail())
                .startsWith("GET /rest/workspaces/iocmap could not reach GeoServer");

        geoserver = RecordingGeoServer.start(port); // GeoServer comes up after the service
        PublishReport up = waitFor(publisher, PublishReport::reachedGeoServer);
        assertThat(up.isComplete()).isTrue();
        assertThat(geoserver.defaultStyle("iocmap", "cameras")).isEqualTo("iocmap/cameras");
        int calls = geoserver.calls().size();
        Thread.sleep(600); // longer than the longest wait between attempts
        assertThat(geoserver.calls()).hasSize(calls); // once published, the background publisher stops
    }

    @Test
    void publishingIsOffWithoutAUrlAndOnTheEmbeddedStore() {
        GeoServerPublisher noUrl = GeoServerPublisher.create(settings(""), StoreKind.POSTGIS, catalog);
        assertThat(noUrl.isOn()).isFalse();
        assertThat(noUrl.offReason()).get().asString().contains("geoserver.url");

        GeoServerPublisher embedded =
                GeoServerPublisher.create(settings("http://127.0.0.1:9/geoserver"), StoreKind.H2GIS, catalog);
        assertThat(embedded.isOn()).isFalse();
        assertThat(embedded.offReason()).get().asString().contains("PostGIS");
        assertThatThrownBy(embedded::publish).isInstanceOf(IllegalStateException.class);
        embedded.startInBackground(Duration.ofMillis(10), Duration.ofMillis(10)); // does nothing
        assertThat(embedded.lastReport()).isEmpty();
    }

    private static GeoServerSettings settings(String url) {
        return new GeoServerSettings(
                url,
                RecordingGeoServer.USER,
                RecordingGeoServer.PASSWORD,
                "iocmap",
                "iocmap",
                "postgis",
                5433,
                "iocmap",
                "iocmap",
                DB_PASSWORD,
                "public");
    }

    private static GeoServerPublisher publisher(String url) {
        return GeoServerPublisher.create(settings(url), StoreKind.POSTGIS, catalog);
    }

    private static List<String> layerIds() {
        return catalog.all().stream().map(Layer::id).toList();
    }

    private static Item item(PublishReport report, String type, String name) {
        return report.resources().stream()
                .filter(i -> i.type().equals(type) && i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + name + " in " + report.resources()));
    }

    private static PublishReport waitFor(GeoServerPublisher publisher, java.util.function.Predicate<PublishReport> test)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            PublishReport report = publisher.lastReport().orElse(null);
            if (report != null && test.test(report)) {
                return report;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such report within 20 s; last: " + publisher.lastReport());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
