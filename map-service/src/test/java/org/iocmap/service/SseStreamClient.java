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
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads {@code /api/stream} as Server-Sent Events with the JDK client, parsing the event stream line by line. */
final class SseStreamClient extends StreamClient {
    private final HttpClient client;
    private final Stream<String> lines;
    private final Thread reader;

    private SseStreamClient(HttpClient client, Stream<String> lines) {
        this.client = client;
        this.lines = lines;
        this.reader = Thread.ofVirtual().name("sse-reader").start(this::read);
    }

    /** Builds the query string of {@code params} (ordered as given). */
    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Sends the request and returns the response with its body as lines; the caller checks the status. */
    static HttpResponse<Stream<String>> request(HttpClient client, String url, String token, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId.toString());
        }
        try {
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a stream and fails the test unless it starts with 200 and {@code text/event-stream}. */
    static SseStreamClient open(String url, String token, Long lastEventId) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Stream<String>> response = request(client, url, token, lastEventId);
        if (response.statusCode() != 200) {
            String body = response.body().collect(Collectors.joining("\n"));
            client.shutdownNow();
            throw new AssertionError("stream " + url + " answered " + response.statusCode() + ": " + body);
        }
        if (!response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream")) {
            client.shutdownNow();
            throw new AssertionError("stream " + url + " is not text/event-stream: " + response.headers());
        }
        return new SseStreamClient(client, response.body());
    }

    private void read() {
        String event = null;
        Long id = null;
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (event != null && !data.isEmpty()) {
                        received(toEvent(event, id, new JsonObject(data.toString())));
                    }
                    event = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
                // ":" comments (heartbeats) and "retry:" carry no event
            }
        } catch (RuntimeException e) {
            // the stream was closed
        }
    }

    private static Event toEvent(String event, Long id, JsonObject data) {
        return switch (event) {
            case "snapshot" -> new Event(event, id, null, null, data.getJsonArray("features"), data);
            case "ready" -> new Event(event, id, null, null, null, data);
            default -> new Event(event, id, data.getLong("id"), data.getJsonObject("feature"), null, data);
        };
    }

    @Override
    public void close() {
        client.shutdownNow(); // drops the connection, as a browser tab that closes
        lines.close();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SSE stream";
    }
}
