package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.iocmap.service.geoserver.PublishReport;
import org.iocmap.service.geoserver.RecordingGeoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole platform on PostGIS ({@code IOCMAP_TEST_DB_URL}, in a schema of its own) with {@code geoserver.url}
 * pointing at a {@link RecordingGeoServer}: the publication at start and {@code POST /api/admin/geoserver/publish}.
 */
class GeoServerPublishIT {
    private static final String SCHEMA = "geoserver_it";

    @TempDir
    static Path dataDir;

    private static RecordingGeoServer geoserver;
    private static TestServer server;

    @BeforeAll
    static void start() throws SQLException {
        String url = System.getenv("IOCMAP_TEST_DB_URL");
        assertNotNull(url, "set IOCMAP_TEST_DB_URL (and _USER, _PASSWORD) to a PostGIS database");
        String user = System.getenv("IOCMAP_TEST_DB_USER");
        String password = System.getenv("IOCMAP_TEST_DB_PASSWORD");
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        geoserver = RecordingGeoServer.start(0);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public";
        server = TestServer.start(Map.of(
                "IOCMAP_DB_URL",
                schemaUrl,
                "IOCMAP_DB_USER",
                user,
                "IOCMAP_DB_PASSWORD",
                password == null ? "" : password,
                "IOCMAP_DATA_DIR",
                dataDir.toString(),
                "IOCMAP_DEMO",
                "true",
                "IOCMAP_DEMO_FLEET",
                "false",
                "IOCMAP_GEOSERVER_URL",
                geoserver.baseUrl(),
                "IOCMAP_GEOSERVER_USER",
                RecordingGeoServer.USER,
                "IOCMAP_GEOSERVER_PASSWORD",
                RecordingGeoServer.PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (geoserver != null) {
            geoserver.close();
            assertThat(geoserver.violations()).isEmpty();
        }
    }

    @Test
    void theServicePublishesAtStartAndOnTheAdminsDemand() throws InterruptedException {
        PublishReport atStart = null;
        for (int i = 0; i < 300 && atStart == null; i++) {
            atStart = server.app().geoserver().lastReport().orElse(null);
            Thread.sleep(50);
        }
        assertNotNull(atStart, "the background publication did not report within 15 s");
        assertThat(atStart.isComplete()).as(atStart.resources().toString()).isTrue();
        Map<String, Object> params = new java.util.HashMap<>();
        geoserver
                .datastore("iocmap", "iocmap")
                .getJsonObject("connectionParameters")
                .getJsonArray("entry")
                .forEach(e -> params.put(((JsonObject) e).getString("@key"), ((JsonObject) e).getValue("$")));
        assertThat(params).containsEntry("schema", SCHEMA).containsEntry("dbtype", "postgis");
        assertThat(geoserver.defaultStyle("iocmap", "ports")).isEqualTo("iocmap/ports"); // the demo's generic layer

        HttpResponse<String> refused = Http.request(
                "POST",
                server.baseUrl() + "/api/admin/geoserver/publish",
                Http.token(server, "operator", "operator"),
                null,
                null);
        assertThat(refused.statusCode()).isEqualTo(403);

        HttpResponse<String> answer = Http.request(
                "POST",
                server.baseUrl() + "/api/admin/geoserver/publish",
                Http.token(server, "admin", "admin"),
                null,
                null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonObject report = new JsonObject(answer.body());
        assertThat(report.getBoolean("complete")).isTrue();
        assertThat(report.getString("workspace")).isEqualTo("iocmap");
        assertThat(report.getJsonObject("counts").getLong("created")).isZero(); // published at start already
        assertThat(report.getJsonObject("counts").getLong("failed")).isZero();
        assertThat(report.getJsonArray("resources").getJsonObject(0).getString("action"))
                .isEqualTo("unchanged");
        assertThat(answer.body()).doesNotContain(RecordingGeoServer.PASSWORD);
    }
}
