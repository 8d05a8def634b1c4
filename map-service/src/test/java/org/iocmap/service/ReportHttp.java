package org.iocmap.service;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends the requests of the report tests: forms, multipart bodies, JSON with headers; as an outside client would. */
final class ReportHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ReportHttp() {}

    /** Returns {@code fields} encoded as application/x-www-form-urlencoded, in their order. */
    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Returns the pairs as an ordered map: key, value, key, value… */
    static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** POSTs a form; {@code headers} are extra headers (key, value, …). */
    static HttpResponse<String> postForm(String url, Map<String, String> fields, String... headers) {
        return send(
                "POST",
                url,
                null,
                "application/x-www-form-urlencoded",
                form(fields).getBytes(StandardCharsets.UTF_8),
                headers);
    }

    static HttpResponse<String> postMultipart(String url, String token, Multipart body, String... headers) {
        return send("POST", url, token, body.contentType(), body.bytes(), headers);
    }

    static HttpResponse<String> postJson(String url, String token, JsonObject body, String... headers) {
        return send("POST", url, token, "application/json", body.encode().getBytes(StandardCharsets.UTF_8), headers);
    }

    static HttpResponse<String> get(String url, String token, String... headers) {
        return send("GET", url, token, null, null, headers);
    }

    /** GETs raw bytes. */
    static HttpResponse<byte[]> getBytes(String url) {
        try {
            return CLIENT.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(
            String method, String url, String token, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
