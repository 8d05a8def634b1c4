package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Pins {@code POST /api/admin/geoserver/publish} on the shared demo server, which runs on the embedded store and so
 * publishes nothing: admin only, and a clear 409 saying why. The publication itself is tested in {@code
 * GeoServerPublisherTest} and, through this route on PostGIS, in {@code GeoServerPublishIT}.
 */
class GeoServerApiTest {
    private final TestServer server = TestServer.shared();

    @Test
    void onlyTheAdminMayPublish() {
        HttpResponse<String> operator = publish(Http.token(server, "operator", "operator"));
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(operator.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(operator.body()).getString("detail")).contains("admin");
        assertThat(publish(null).statusCode()).isEqualTo(401);
    }

    @Test
    void onTheEmbeddedStoreTheAdminLearnsWhyNothingIsPublished() {
        HttpResponse<String> admin = publish(Http.token(server, "admin", "admin"));
        assertThat(admin.statusCode()).isEqualTo(409);
        assertThat(admin.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(admin.body()).getString("detail")).contains("geoserver.url");
    }

    private HttpResponse<String> publish(String token) {
        return Http.request("POST", server.baseUrl() + "/api/admin/geoserver/publish", token, null, null);
    }
}
