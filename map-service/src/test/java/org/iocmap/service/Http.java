package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends HTTP requests to a test server with the JDK client, as an outside client would. */
final class Http {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    static HttpResponse<String> postJson(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Sends {@code method} with an optional body and token; {@code body} null sends none. */
    static HttpResponse<String> request(String method, String url, String token, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Signs in and returns the token; fails the test when sign-in fails. */
    static String token(TestServer server, String username, String password) {
        HttpResponse<String> response = postJson(
                server.baseUrl() + "/api/auth/token",
                new JsonObject()
                        .put("username", username)
                        .put("password", password)
                        .encode());
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "sign-in as " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }

    /**
     * Posts AIS NMEA lines to {@code /api/ingest/ais} as a feed would; fails the test unless the answer is 200 and no
     * line was rejected.
     */
    static void ingestAis(TestServer server, String token, String lines) {
        HttpResponse<String> response =
                request("POST", server.baseUrl() + "/api/ingest/ais", token, "text/plain", lines);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonObject("rejectedByReason"))
                .isEmpty();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
