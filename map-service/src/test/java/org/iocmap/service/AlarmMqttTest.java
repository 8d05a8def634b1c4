package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.iocmap.service.config.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fire alarms arrive over MQTT from the real Mosquitto broker on 127.0.0.1:1883: an ALARM published to the service's
 * topic opens a fire incident within seconds; a malformed payload is counted as a reject and does not hold back the
 * next message; and an ALARM published while the service is down is delivered when it comes back, because the
 * subscription is a persistent session acknowledged only after the store.
 */
class AlarmMqttTest {
    private static final String BROKER = "tcp://127.0.0.1:1883";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void alarmsOverMqttOpenIncidentsAndBadPayloadsAreCountedNotFatal(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "iocmap-test/" + run + "/alarms";
        Map<String, String> settings = Map.of(
                "IOCMAP_HTTP_HOST",
                "127.0.0.1",
                "IOCMAP_HTTP_PORT",
                "0",
                "IOCMAP_DATA_DIR",
                dir.toString(),
                "IOCMAP_DEMO",
                "true",
                "IOCMAP_DEMO_FLEET",
                "false",
                "IOCMAP_ALARMS_MQTT_URL",
                BROKER,
                "IOCMAP_ALARMS_MQTT_TOPIC",
                prefix + "/#",
                "IOCMAP_ALARMS_MQTT_CLIENTID",
                "iocmap-test-" + run);
        String device = "MQ-" + run;
        try (MqttClient publisher = new MqttClient(BROKER, "iocmap-test-pub-" + run, new MemoryPersistence())) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            publisher.connect(options);

            String firstIncident;
            try (Application app = Application.start(ServiceConfig.fromEnvironment(settings))) {
                waitFor(
                        "the subscription",
                        () -> app.alarms().isMqttSubscribed() ? Optional.of(true) : Optional.empty());
                String admin = token(app, "admin");
                String operator = token(app, "operator");
                register(app, admin, device);

                publish(publisher, prefix + "/" + device, "{\"type\": \"ALARM\", \"at\": "); // cut short: not JSON
                publish(
                        publisher,
                        prefix + "/" + device,
                        new JsonObject()
                                .put("type", "ALARM")
                                .put("at", Instant.now().toString())
                                .put("id", "mqtt-" + run + "-1")
                                .encode());
                firstIncident = waitFor("an incident for " + device, () -> openIncidentOf(app, operator, device));
                JsonObject detail = get(app, operator, "/api/fire-incidents/" + firstIncident);
                assertThat(detail.getString("status")).isEqualTo("OPEN");
                assertThat(detail.getJsonArray("stations")).hasSize(3);

                JsonObject mqtt = get(app, operator, "/api/ingest/alarms/stats")
                        .getJsonObject("sources")
                        .getJsonObject("mqtt");
                assertThat(mqtt.getJsonObject("rejectedByReason").getLong("BAD_JSON"))
                        .isEqualTo(1);
                assertThat(mqtt.getLong("stored")).isEqualTo(1);
                assertThat(mqtt.getBoolean("connected")).isTrue();
                assertThat(mqtt.getJsonArray("recentRejects").getJsonObject(0).getString("from"))
                        .isEqualTo(prefix + "/" + device);

                // Resolve it, so that the next alarm must open a new incident.
                HttpResponse<String> resolved = Http.request(
                        "POST",
                        "http://127.0.0.1:" + app.port() + "/api/fire-incidents/" + firstIncident + "/resolve",
                        operator,
                        "application/json",
                        new JsonObject()
                                .put("falseAlarm", true)
                                .put("note", "thử")
                                .encode());
                assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
            }

            // The service is down: the broker keeps the message for its persistent session.
            publish(
                    publisher,
                    prefix + "/" + device,
                    new JsonObject()
                            .put("device", device)
                            .put("type", "ALARM")
                            .put("id", "mqtt-" + run + "-2")
                            .encode());
            try (Application app = Application.start(ServiceConfig.fromEnvironment(settings))) {
                String operator = token(app, "operator");
                JsonObject stored = waitFor(
                        "the alarm sent while the service was down",
                        () -> get(app, operator, "/api/alarm-devices/" + device).getJsonArray("events").stream()
                                .map(e -> (JsonObject) e)
                                .filter(e -> ("mqtt-" + run + "-2").equals(e.getString("sourceId")))
                                .findFirst());
                assertThat(stored.getString("type")).isEqualTo("ALARM");
                assertThat(stored.getString("incident")).isNotNull().isNotEqualTo(firstIncident);
                assertThat(openIncidentOf(app, operator, device)).contains(stored.getString("incident"));
            }
            publisher.disconnect();
        }
        forgetSession("iocmap-test-" + run);
    }

    /** Ends the test's persistent session on the broker, which would otherwise keep it. */
    private static void forgetSession(String clientId) throws MqttException {
        try (MqttClient client = new MqttClient(BROKER, clientId, new MemoryPersistence())) {
            MqttConnectOptions clean = new MqttConnectOptions();
            clean.setCleanSession(true);
            client.connect(clean);
            client.disconnect();
        }
    }

    private static void publish(MqttClient publisher, String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        publisher.publish(topic, message);
    }

    private static Optional<String> openIncidentOf(Application app, String token, String device) {
        JsonObject detail = get(app, token, "/api/alarm-devices/" + device);
        return Optional.ofNullable(detail.getString("openIncident"));
    }

    private static <T> T waitFor(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            assertThat(System.nanoTime())
                    .as(what + " within " + PATIENCE.toSeconds() + " s")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void register(Application app, String admin, String device) {
        HttpResponse<String> response = Http.request(
                "POST",
                "http://127.0.0.1:" + app.port() + "/api/alarm-devices",
                admin,
                "application/json",
                new JsonObject()
                        .put("code", device)
                        .put("building", "Khách sạn thử MQTT")
                        .put("lon", 109.1955)
                        .put("lat", 12.2395)
                        .encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String token(Application app, String user) {
        HttpResponse<String> response = Http.postJson(
                "http://127.0.0.1:" + app.port() + "/api/auth/token",
                new JsonObject().put("username", user).put("password", user).encode());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }

    private static JsonObject get(Application app, String token, String path) {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + app.port() + path, token);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
