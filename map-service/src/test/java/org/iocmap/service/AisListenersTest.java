package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assertj.core.data.Offset;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisDecoder;
import org.iocmap.layers.ais.AisMessage;
import org.iocmap.layers.ais.PositionReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends AIS lines to the live listeners over real loopback sockets (TCP, UDP) and serves them to the feed client from
 * a tiny TCP server in the test, then checks that the vessels were stored and that {@code GET /api/ingest/stats}
 * names every reject by its reason. Each source is used by one test only, so its counts are exact.
 */
class AisListenersTest {
    // Public sample sentences, also used by the decoder tests (layers/src/test/resources/fixtures/ais/reference.nmea).
    private static final String POSITION = "!AIVDM,1,1,,A,18SJ@CW511Wl4s`70<d1iAHu018l,0*65";
    private static final String STATIC_1 =
            "\\s:vn-nhatrang,c:1736899200*09\\!AIVDM,2,1,3,A,58SJ@CT2;=`3=L4;T00P4V10PtpN33T000000016?0N:<6j`NBUS`4ikP000,0*15";
    private static final String STATIC_2 = "!AIVDM,2,2,3,A,00000000000,2*27";
    private static final String CLASS_B = "!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B";
    private static final String TYPE_5_PART_1 =
            "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
    private static final String TYPE_5_PART_2 = "!AIVDM,2,2,1,A,88888888880,2*25";
    private static final String FEED_POSITION = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";

    private static ServerSocket hub;
    private static final BlockingQueue<Socket> hubConnections = new ArrayBlockingQueue<>(16);
    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() throws IOException {
        hub = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("test-ais-hub").start(() -> {
            while (!hub.isClosed()) {
                try {
                    hubConnections.add(hub.accept());
                } catch (IOException e) {
                    return; // the test closed the hub
                }
            }
        });
        server = TestServer.start(Map.of(
                "IOCMAP_DATA_DIR", Files.createTempDirectory("iocmap-ais-").toString(),
                "IOCMAP_ADMIN_PASSWORD", "admin-password",
                "IOCMAP_AIS_TCP_PORT", "0",
                "IOCMAP_AIS_UDP_PORT", "0",
                "IOCMAP_AIS_FEED", "127.0.0.1:" + hub.getLocalPort()));
        admin = Http.token(server, "admin", "admin-password");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        hub.close();
    }

    @Test
    void linesOverTcpAreStoredAndBadOnesCountedByReason() throws Exception {
        assertThat(server.app().aisTcpPort()).isPositive();
        PositionReport expected = (PositionReport) decode(POSITION);
        String mmsi = String.format("%09d", expected.mmsi());
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), server.app().aisTcpPort())) {
            OutputStream out = socket.getOutputStream();
            // The type 5 message comes in two sends, the second part cut in the middle of its line.
            write(out, POSITION + "\r\n" + STATIC_1 + "\n" + STATIC_2.substring(0, 10));
            awaitStats("tcp", "lines", 2);
            write(
                    out,
                    STATIC_2.substring(10) + "\n"
                            + POSITION.replace("*65", "*66") + "\n" // a wrong checksum
                            + "rác không phải NMEA\n"
                            + "!".repeat(200_000) + "\r\n" // far over the line limit, and no memory for it
                            + POSITION + "\n");
            JsonObject tcp = awaitStats("tcp", "stored", 3);
            assertThat(tcp.getLong("lines")).isEqualTo(7);
            assertThat(tcp.getLong("messages")).isEqualTo(3);
            assertThat(tcp.getLong("positions")).isEqualTo(2);
            assertThat(tcp.getLong("connections")).isEqualTo(1);
            assertThat(tcp.getLong("storeFailures")).isZero();
            assertThat(tcp.getJsonObject("rejectedByReason").getMap())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("BAD_CHECKSUM", 1, "MALFORMED", 1, "LINE_TOO_LONG", 1));
            assertThat(Instant.parse(tcp.getString("lastLineAt")))
                    .isAfter(Instant.now().minusSeconds(60));
        }
        JsonObject vessel = vessel(mmsi);
        assertThat(vessel.getDouble("lon")).isCloseTo(expected.lon(), Offset.offset(1e-9));
        assertThat(vessel.getDouble("lat")).isCloseTo(expected.lat(), Offset.offset(1e-9));
        assertThat(vessel.getString("name")).as("from the reassembled type 5").isNotBlank();
    }

    @Test
    void datagramsOverUdpAreStoredAndPartsJoinedAcrossDatagrams() throws Exception {
        assertThat(server.app().aisUdpPort()).isPositive();
        AisMessage classB = decode(CLASS_B);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (String datagram : new String[] {
                CLASS_B, TYPE_5_PART_1 + "\r\n", TYPE_5_PART_2, CLASS_B.replace("*0B", "*0C"), "\u0000\u0001junk"
            }) {
                byte[] bytes = datagram.getBytes(StandardCharsets.ISO_8859_1);
                socket.send(new DatagramPacket(
                        bytes,
                        bytes.length,
                        InetAddress.getLoopbackAddress(),
                        server.app().aisUdpPort()));
            }
        }
        JsonObject udp = awaitStats("udp", "stored", 2);
        assertThat(udp.getLong("lines")).isEqualTo(5);
        assertThat(udp.getLong("messages"))
                .as("the class B report and the joined type 5")
                .isEqualTo(2);
        assertThat(udp.getLong("positions")).isEqualTo(1);
        assertThat(udp.getJsonObject("rejectedByReason").getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("BAD_CHECKSUM", 1, "MALFORMED", 1));
        JsonObject vessel = vessel(String.format("%09d", classB.mmsi()));
        assertThat(vessel.getString("name")).isEqualTo("CAPT.J.RIMES");
    }

    @Test
    void theFeedClientReconnectsAfterTheHubDropsIt() throws Exception {
        String mmsi = String.format("%09d", decode(FEED_POSITION).mmsi());
        Socket first = hubConnections.poll(15, TimeUnit.SECONDS);
        assertThat(first).as("the feed client connected").isNotNull();
        write(first.getOutputStream(), "garbage\r\n" + FEED_POSITION + "\r\n");
        awaitStats("feed", "stored", 1);
        first.close(); // the hub drops the client
        try (Socket second = hubConnections.poll(15, TimeUnit.SECONDS)) {
            assertThat(second).as("the feed client reconnected").isNotNull();
            write(second.getOutputStream(), FEED_POSITION + "\n");
            JsonObject feed = awaitStats("feed", "stored", 2);
            assertThat(feed.getLong("connections")).isEqualTo(2);
            assertThat(feed.getLong("positions")).isEqualTo(2);
            assertThat(feed.getBoolean("connected")).isTrue();
            assertThat(feed.getJsonObject("rejectedByReason").getMap())
                    .containsExactlyEntriesOf(Map.of("MALFORMED", 1));
            assertThat(vessel(mmsi).getString("last_fix_at")).isNotNull();
            hub.close(); // nothing to reconnect to now
        }
        await(
                "the feed client to notice the drop",
                () -> !stats().getJsonObject("sources").getJsonObject("feed").getBoolean("connected"));
        JsonObject totals = stats().getJsonObject("totals");
        assertThat(totals.getLong("connections")).isGreaterThanOrEqualTo(2);
        assertThat(totals.containsKey("connected")).isFalse();
    }

    @Test
    void statsNeedASignedInUser() {
        assertThat(Http.get(server.baseUrl() + "/api/ingest/stats", null).statusCode())
                .isEqualTo(401);
    }

    private static AisMessage decode(String line) {
        return ((AisDecoded) new AisDecoder().feed(line, Instant.now()).getFirst()).message();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static JsonObject vessel(String mmsi) {
        JsonArray found = new JsonObject(Http.get(server.baseUrl() + "/api/vessels?q=" + mmsi, admin)
                        .body())
                .getJsonArray("vessels");
        assertThat(found).as("vessels with MMSI " + mmsi).hasSize(1);
        return found.getJsonObject(0);
    }

    private static JsonObject stats() {
        var response = Http.get(server.baseUrl() + "/api/ingest/stats", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** Waits until {@code counter} of {@code source} reaches {@code atLeast}; returns that source's stats. */
    private static JsonObject awaitStats(String source, String counter, long atLeast) {
        JsonObject[] last = new JsonObject[1];
        await(source + " " + counter + " >= " + atLeast, () -> {
            last[0] = stats().getJsonObject("sources").getJsonObject(source);
            return last[0].getLong(counter) >= atLeast;
        });
        return last[0];
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; stats: " + stats().encodePrettily());
            }
            try {
                Thread.sleep(20); // polling, not hoping: the deadline above decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted waiting for " + what));
            }
        }
    }
}
