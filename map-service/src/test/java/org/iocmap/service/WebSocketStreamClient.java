package org.iocmap.service;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Reads {@code /api/stream} over a WebSocket with the JDK client: subscribes with its first message. */
final class WebSocketStreamClient extends StreamClient {
    private final HttpClient client;
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    private WebSocketStreamClient(HttpClient client) {
        this.client = client;
    }

    /** Connects to {@code ws://…/api/stream} and sends {@code subscribe} as the first message. */
    static WebSocketStreamClient open(String baseUrl, JsonObject subscribe) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        WebSocketStreamClient stream = new WebSocketStreamClient(client);
        try {
            stream.socket = client.newWebSocketBuilder()
                    .buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/stream"), new Collector(stream))
                    .get(10, TimeUnit.SECONDS);
            stream.socket.sendText(subscribe.encode(), true).get(10, TimeUnit.SECONDS);
            return stream;
        } catch (Exception e) {
            client.shutdownNow();
            throw new AssertionError("cannot open a WebSocket to " + baseUrl + "/api/stream", e);
        }
    }

    /** Returns the close code the server sent, waiting for it. */
    int closeCode() {
        try {
            return closeCode.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the WebSocket", e);
        }
    }

    private static Event toEvent(JsonObject message) {
        String event = message.getString("event");
        return switch (event) {
            case "snapshot" -> new Event(event, null, null, null, message.getJsonArray("features"), message);
            case "ready", "error" -> new Event(event, message.getLong("id"), null, null, null, message);
            default ->
                new Event(
                        event,
                        message.getLong("id"),
                        message.getLong("featureId"),
                        message.getJsonObject("feature"),
                        null,
                        message);
        };
    }

    @Override
    public void close() {
        socket.abort(); // drops the connection without a close handshake, as a lost network would
        client.shutdownNow();
    }

    @Override
    public String toString() {
        return "WebSocket stream";
    }

    private static final class Collector implements WebSocket.Listener {
        private final WebSocketStreamClient stream;
        private final StringBuilder text = new StringBuilder();

        Collector(WebSocketStreamClient stream) {
            this.stream = stream;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = new JsonObject(text.toString());
                text.setLength(0);
                stream.received(toEvent(message));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            stream.closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            stream.closeCode.completeExceptionally(error);
        }
    }
}
