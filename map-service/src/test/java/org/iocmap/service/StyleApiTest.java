package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Serves each layer's style as SLD and its legend as JSON and PNG, to whoever may read the layer. */
class StyleApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    @Test
    void theLandUseStyleIsSldWithOneRuleperCode() {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/layers/land_use_plans/style.sld", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .contains("application/vnd.ogc.sld+xml; charset=utf-8");
        assertThat(response.body())
                .contains("StyledLayerDescriptor", "version=\"1.0.0\"", "<sld:Name>land_use_plans</sld:Name>")
                .contains("ogc:PropertyIsEqualTo", "<ogc:Literal>ONT</ogc:Literal>", "PolygonSymbolizer")
                .contains("Quy hoạch sử dụng đất");
    }

    @Test
    void theLegendIsTheSameEntriesAsJsonAndAsAnImage() throws Exception {
        JsonObject legend = new JsonObject(Http.get(server.baseUrl() + "/api/layers/env_stations/legend.json", null)
                .body());
        assertThat(legend.getJsonArray("entries")).isNotEmpty();
        HttpResponse<byte[]> png = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(server.baseUrl() + "/api/layers/env_stations/legend.png?lang=both"))
                                .build(),
                        BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).contains("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getHeight())
                .isGreaterThan(legend.getJsonArray("entries").size() * 20);
    }

    @Test
    void badLanguageAndClosedLayersAreRefused() {
        HttpResponse<String> bad = Http.get(server.baseUrl() + "/api/layers/env_stations/legend.png?lang=fr", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("lang", "vi, en or both");
        assertThat(Http.get(server.baseUrl() + "/api/layers/citizen_reports/style.sld", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(Http.get(server.baseUrl() + "/api/layers/nope/legend.json", null)
                        .statusCode())
                .isEqualTo(404);
    }
}
