package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iocmap.service.ReportHttp.fields;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photos above {@code reports.photo.maxBytes} or of another type than JPEG, PNG and WebP are refused with 413 or 415,
 * naming the limit or the accepted types, on Open311 and on the operators' API, and leave nothing behind: no report,
 * no photo row, no file. Runs a server of its own with a 4 KiB limit, so the test sends kilobytes, not megabytes.
 */
class ReportPhotoLimitTest {
    private static final int LIMIT = 4_096;

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static String open311;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(
                "IOCMAP_DATA_DIR", dataDir.toString(),
                "IOCMAP_REPORTS_PHOTO_MAXBYTES", Integer.toString(LIMIT),
                "IOCMAP_ADMIN_PASSWORD", "admin-password"));
        open311 = server.baseUrl() + "/open311/v2/requests.json";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Multipart request() {
        Multipart body = new Multipart();
        fields(
                        "service_code", "moi-truong",
                        "lat", "21.0285",
                        "long", "105.8542",
                        "description", "Rác thải tồn đọng nhiều ngày")
                .forEach(body::field);
        return body;
    }

    /** Returns a PNG signature followed by {@code size - 8} bytes: a "PNG" of exactly {@code size} bytes. */
    private static byte[] pngOfSize(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 7);
        System.arraycopy(HexFormat.of().parseHex("89504e470d0a1a0a"), 0, bytes, 0, 8);
        return bytes;
    }

    @Test
    void aPhotoAboveTheLimitIsRefusedNamingItAndNothingIsStored() throws Exception {
        long reports = count("citizen_report");
        HttpResponse<String> response = ReportHttp.postMultipart(
                open311, null, request().file("media", "big.png", "image/png", pngOfSize(LIMIT + 1)));
        checkOpen311Error(response, 413, "media is " + (LIMIT + 1) + " bytes; a photo may have at most " + LIMIT);

        HttpResponse<String> body = ReportHttp.postMultipart(
                open311, null, request().file("media", "huge.png", "image/png", pngOfSize(LIMIT + 70_000)));
        checkOpen311Error(body, 413, "a photo in media may have at most " + LIMIT + " bytes");

        HttpResponse<String> exact = ReportHttp.postMultipart(
                open311, null, request().file("media", "ok.png", "image/png", pngOfSize(LIMIT)));
        assertThat(exact.statusCode()).as(exact.body()).isEqualTo(201);
        assertThat(count("citizen_report")).isEqualTo(reports + 1);
        checkNothingLeftBehind((int) count("report_photo"));
    }

    @Test
    void aFileThatIsNoJpegPngOrWebpIsRefusedWhateverItClaims() throws Exception {
        long reports = count("citizen_report");
        long photos = count("report_photo");
        byte[] gif = HexFormat.of().parseHex("474946383961010001000000002c00000000010001000002024401003b");
        HttpResponse<String> response =
                ReportHttp.postMultipart(open311, null, request().file("media", "photo.png", "image/png", gif));
        checkOpen311Error(response, 415, "media is not an image of an accepted type; expected JPEG, PNG or WebP");
        HttpResponse<String> html = ReportHttp.postMultipart(
                open311,
                null,
                request().file("media", "x.jpg", "image/jpeg", "<html><script>alert(1)</script>".getBytes()));
        checkOpen311Error(html, 415, "JPEG, PNG or WebP");
        HttpResponse<String> field = ReportHttp.postMultipart(
                open311, null, request().file("picture", "a.png", "image/png", Photos.image("png")));
        checkOpen311Error(field, 400, "file field 'picture' is not taken; send the photo in media");
        assertThat(count("citizen_report")).isEqualTo(reports);
        assertThat(count("report_photo")).isEqualTo(photos);
        checkNothingLeftBehind((int) photos);
    }

    @Test
    void aResolutionPhotoIsCheckedTheSameWayAndARefusalChangesNothing() throws Exception {
        String admin = Http.token(server, "admin", "admin-password");
        String api = server.baseUrl() + "/api/reports";
        HttpResponse<String> created = ReportHttp.postJson(
                api,
                admin,
                new JsonObject()
                        .put("category", "ha-tang-giao-thong")
                        .put("lon", 105.8542)
                        .put("lat", 21.0285)
                        .put("description", "Ổ gà lớn"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = new JsonObject(created.body()).getString("code");
        ReportHttp.postJson(api + "/" + code + "/assign", admin, new JsonObject().put("unit", "Đội 1"));
        ReportHttp.postJson(api + "/" + code + "/start", admin, new JsonObject());
        long photos = count("report_photo");

        HttpResponse<String> big = ReportHttp.postMultipart(
                api + "/" + code + "/resolve",
                admin,
                new Multipart().field("note", "Đã vá").file("photo", "a.png", "image/png", pngOfSize(LIMIT + 1)));
        assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(big.body());
        assertThat(problem.getString("parameter")).isEqualTo("photo");
        assertThat(problem.getString("detail")).contains("at most " + LIMIT + " bytes");

        HttpResponse<String> huge = ReportHttp.postMultipart(
                api + "/" + code + "/resolve",
                admin,
                new Multipart().field("note", "Đã vá").file("photo", "a.png", "image/png", pngOfSize(LIMIT + 70_000)));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(new JsonObject(huge.body()).getString("detail")).contains("reports.photo.maxBytes", "" + LIMIT);

        HttpResponse<String> text = ReportHttp.postMultipart(
                api + "/" + code + "/resolve",
                admin,
                new Multipart().field("note", "Đã vá").file("photo", "a.jpg", "image/jpeg", "hello".getBytes()));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(new JsonObject(text.body()).getString("detail")).contains("JPEG, PNG or WebP");

        JsonObject report =
                new JsonObject(ReportHttp.get(api + "/" + code, admin).body());
        assertThat(report.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(report.getJsonArray("photos")).isEmpty();
        assertThat(count("report_photo")).isEqualTo(photos);

        byte[] jpeg = Photos.image("jpg");
        HttpResponse<String> resolved = ReportHttp.postMultipart(
                api + "/" + code + "/resolve",
                admin,
                new Multipart().field("note", "Đã vá xong").file("photo", "after.jpg", "image/jpeg", jpeg));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        JsonObject done = new JsonObject(ReportHttp.get(api + "/" + code, admin).body());
        assertThat(done.getString("status")).isEqualTo("RESOLVED");
        assertThat(done.getString("statusNote")).isEqualTo("Đã vá xong");
        JsonArray kept = done.getJsonArray("photos");
        assertThat(kept).hasSize(1);
        assertThat(kept.getJsonObject(0).getString("kind")).isEqualTo("RESOLUTION");
        assertThat(ReportHttp.getBytes(kept.getJsonObject(0).getString("url")).body())
                .isEqualTo(jpeg);
        checkNothingLeftBehind((int) count("report_photo"));
    }

    private static void checkOpen311Error(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = new JsonArray(response.body()).getJsonObject(0);
        assertThat(error.getInteger("code")).isEqualTo(status);
        assertThat(error.getString("description")).contains(text);
    }

    /** Checks that the photo folder holds exactly the recorded photos and that no upload is left over. */
    private static void checkNothingLeftBehind(int recordedPhotos) throws IOException, InterruptedException {
        assertThat(files(dataDir.resolve("photos"))).hasSize(recordedPhotos);
        long deadline = System.currentTimeMillis() + 5_000;
        // Uploads are deleted when the answer has been sent, a moment after the client has read it.
        while (!files(dataDir.resolve("uploads")).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(files(dataDir.resolve("uploads"))).isEmpty();
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    private static long count(String table) throws SQLException {
        try (Connection c = server.app().store().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
