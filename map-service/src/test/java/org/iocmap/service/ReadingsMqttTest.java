package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.readings.ReadingMqttSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Station readings arrive over MQTT from the real Mosquitto broker on 127.0.0.1:1883: a reading published to the
 * service's topic, the station named by the topic's last level, is stored and shows on the station's chart; a payload
 * that is not JSON is counted as rejected and does not hold back the next message.
 */
class ReadingsMqttTest {
    private static final String BROKER = "tcp://127.0.0.1:1883";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void readingsOverMqttAreStoredAndBadPayloadsCounted(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "iocmap-test/" + run + "/readings";
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
                "IOCMAP_READINGS_MQTT_URL",
                BROKER,
                "IOCMAP_READINGS_MQTT_TOPIC",
                prefix + "/#",
                "IOCMAP_READINGS_MQTT_CLIENTID",
                "iocmap-test-readings-" + run);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        try (MqttClient publisher = new MqttClient(BROKER, "iocmap-test-pub-" + run, new MemoryPersistence());
                Application app = Application.start(ServiceConfig.fromEnvironment(settings))) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            publisher.connect(options);
            ReadingMqttSubscriber mqtt = app.readingsMqtt().orElseThrow();
            waitFor(() -> "the subscription", mqtt::isSubscribed);

            publish(publisher, prefix + "/KH-KK-01", "{\"parameter\": \"PM2_5\", \"value\": "); // cut short
            publish(
                    publisher,
                    prefix + "/KH-KK-01",
                    new JsonObject()
                            .put("parameter", "PM2_5")
                            .put("value", 27.5)
                            .put("unit", "µg/m3")
                            .put("at", at.toString())
                            .encode());
            waitFor(
                    () -> "the reading stored (messages " + mqtt.messages() + ", rejected " + mqtt.rejectedByReason()
                            + ")",
                    () -> mqtt.stored() == 1);
            assertThat(mqtt.rejectedByReason()).containsEntry(ReadingMqttSubscriber.BAD_JSON, 1L);

            String operator = token(app);
            HttpResponse<String> response = Http.get(
                    "http://127.0.0.1:" + app.port() + "/api/stations/KH-KK-01/readings?parameter=PM2.5&from="
                            + at.minusSeconds(1) + "&to=" + at.plusSeconds(1),
                    operator);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonArray points = new JsonObject(response.body()).getJsonArray("points");
            assertThat(points).hasSize(1);
            assertThat(points.getJsonObject(0).getDouble("value")).isEqualTo(27.5);
            publisher.disconnect();
        } finally {
            forgetSession("iocmap-test-readings-" + run);
        }
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

    private static void waitFor(Supplier<String> what, BooleanSupplier probe) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!probe.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as(what.get() + " within " + PATIENCE.toSeconds() + " s")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String token(Application app) {
        HttpResponse<String> response = Http.postJson(
                "http://127.0.0.1:" + app.port() + "/api/auth/token",
                new JsonObject()
                        .put("username", "operator")
                        .put("password", "operator")
                        .encode());
        assertThat(response.statusCode()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }
}
