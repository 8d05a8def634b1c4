package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iocmap.service.ReportHttp.fields;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Citizens' apps speak Open311 GeoReport v2: they list the services, post requests as forms (with a photo as
 * multipart), retry safely with a client key, read requests back without anything that names the reporter, and get
 * every mistake back in the specification's error form, naming the field.
 */
class Open311ApiTest {
    private static TestServer server;
    private static String base;
    private double lon;
    private double lat;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        base = server.baseUrl() + "/open311/v2";
    }

    @BeforeEach
    void place() {
        // A place of this test's own near Hà Nội, far from the demo reports of Khánh Hòa.
        lon = 105.5 + ThreadLocalRandom.current().nextInt(1000) * 0.001;
        lat = 20.5 + ThreadLocalRandom.current().nextInt(1000) * 0.001;
    }

    private Map<String, String> request(String serviceCode) {
        return fields(
                "service_code", serviceCode,
                "lat", Double.toString(lat),
                "long", Double.toString(lon),
                "address_string", "15 Lý Thường Kiệt, phường Trần Hưng Đạo, Hà Nội",
                "description", "Đèn đường không sáng suốt đoạn phố. Rất tối vào ban đêm.",
                "first_name", "Lê",
                "last_name", "Thị Hoa",
                "phone", "0912 345 678",
                "email", "hoa.le@example.vn",
                "device_id", "test-device",
                "api_key", "anything");
    }

    private static JsonArray array(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return new JsonArray(response.body());
    }

    private static String submitted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonObject answer = array(response).getJsonObject(0);
        assertThat(answer.containsKey("account_id")).isTrue();
        assertThat(answer.getValue("account_id")).isNull();
        return answer.getString("service_request_id");
    }

    private static JsonObject read(String id) {
        HttpResponse<String> response = ReportHttp.get(base + "/requests/" + id + ".json", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonArray list = array(response);
        assertThat(list).hasSize(1);
        return list.getJsonObject(0);
    }

    /** Checks an Open311 error answer: the status, and each named field in a description. */
    private static void checkError(HttpResponse<String> response, int status, String... expected) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonArray errors = array(response);
        assertThat(errors).isNotEmpty();
        for (int i = 0; i < errors.size(); i++) {
            assertThat(errors.getJsonObject(i).getInteger("code")).isEqualTo(status);
        }
        for (String text : expected) {
            assertThat(errors.stream().map(e -> ((JsonObject) e).getString("description")))
                    .as(response.body())
                    .anyMatch(d -> d.contains(text));
        }
    }

    @Test
    void servicesAreTheSevenCategories() {
        JsonArray services = array(ReportHttp.get(base + "/services.json", null));
        assertThat(services).hasSize(7);
        JsonObject urbanOrder = services.getJsonObject(0);
        assertThat(urbanOrder.getString("service_code")).isEqualTo("trat-tu-do-thi");
        assertThat(urbanOrder.getString("service_name")).isEqualTo("Trật tự đô thị");
        assertThat(urbanOrder.getBoolean("metadata")).isFalse();
        assertThat(urbanOrder.getString("type")).isEqualTo("realtime");
        assertThat(urbanOrder.getString("keywords")).contains("vỉa hè");
        assertThat(urbanOrder.getString("group")).isEqualTo("Đô thị");
        assertThat(urbanOrder.getString("description")).isNotBlank();
        JsonArray english = array(ReportHttp.get(base + "/services.json", null, "Accept-Language", "en-GB,en;q=0.8"));
        assertThat(english.getJsonObject(0).getString("service_name")).isEqualTo("Urban order");

        checkError(ReportHttp.get(base + "/services/trat-tu-do-thi.json", null), 404, "no metadata");
        checkError(ReportHttp.get(base + "/services/parking.json", null), 404, "'parking' is unknown", "moi-truong");
        checkError(ReportHttp.get(base + "/services.xml", null), 400, "only the JSON format");
        checkError(ReportHttp.get(base + "/nothing-here", null), 404, "no Open311 resource");
        assertThat(new JsonObject(ReportHttp.get(base + "/discovery.json", null).body())
                        .getJsonArray("endpoints")
                        .getJsonObject(0)
                        .getString("url"))
                .isEqualTo(base);
    }

    @Test
    void aFormRequestIsStoredAndReadBackWithoutTheReporter() {
        String id = submitted(ReportHttp.postForm(base + "/requests.json", request("dien-chieu-sang")));
        assertThat(id).matches("PA-20\\d\\d-\\d{6}");

        JsonObject r = read(id);
        assertThat(r.getString("service_request_id")).isEqualTo(id);
        assertThat(r.getString("status")).isEqualTo("open");
        assertThat(r.getString("service_code")).isEqualTo("dien-chieu-sang");
        assertThat(r.getString("service_name")).isEqualTo("Điện – chiếu sáng");
        assertThat(r.getString("agency_responsible")).isEqualTo("Công ty Điện lực Khánh Hòa");
        assertThat(r.getString("description")).startsWith("Đèn đường không sáng");
        assertThat(r.getString("address")).contains("Lý Thường Kiệt");
        assertThat(r.getDouble("lat")).isEqualTo(lat);
        assertThat(r.getDouble("long")).isEqualTo(lon);
        assertThat(r.getString("service_notice")).contains("Công ty Điện lực Khánh Hòa");
        OffsetDateTime requested = OffsetDateTime.parse(r.getString("requested_datetime"));
        OffsetDateTime expected = OffsetDateTime.parse(r.getString("expected_datetime"));
        assertThat(requested.getOffset()).isEqualTo(ZoneOffset.ofHours(7));
        assertThat(java.time.Duration.between(requested, expected).toHours()).isEqualTo(72);
        assertThat(r.getString("updated_datetime")).isNotNull();
        assertThat(r.containsKey("media_url")).isTrue();
        // Nothing that names or reaches the reporter.
        String raw = ReportHttp.get(base + "/requests/" + id + ".json", null).body();
        assertThat(raw).doesNotContain("Hoa", "0912", "345 678", "example.vn", "test-device");

        JsonArray byId =
                array(ReportHttp.get(base + "/requests.json?service_request_id=" + id + ",PA-1999-000000", null));
        assertThat(byId).hasSize(1);
        checkError(ReportHttp.get(base + "/requests/PA-1999-000000.json", null), 404, "PA-1999-000000");
    }

    @Test
    void aMultipartRequestCarriesAPhotoServedAtItsMediaUrl() {
        for (String format : new String[] {"png", "jpg"}) {
            byte[] photo = Photos.image(format);
            Multipart body = new Multipart();
            request("moi-truong").forEach(body::field);
            body.file("media", "anh-hien-truong." + format, "application/octet-stream", photo);
            String id = submitted(ReportHttp.postMultipart(base + "/requests.json", null, body));

            String url = read(id).getString("media_url");
            assertThat(url).startsWith(base + "/media/").endsWith("." + format);
            HttpResponse<byte[]> media = ReportHttp.getBytes(url);
            assertThat(media.statusCode()).isEqualTo(200);
            assertThat(media.headers().firstValue("Content-Type"))
                    .hasValue(format.equals("png") ? "image/png" : "image/jpeg");
            assertThat(media.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(media.body()).isEqualTo(photo);
        }
    }

    @Test
    void aRetryWithTheSameClientKeyReturnsTheSameRequestAndStoresOne() throws SQLException {
        String key = "app-retry-" + System.nanoTime();
        String first =
                submitted(ReportHttp.postForm(base + "/requests.json", request("moi-truong"), "Idempotency-Key", key));
        HttpResponse<String> again =
                ReportHttp.postForm(base + "/requests.json", request("moi-truong"), "Idempotency-Key", key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(array(again).getJsonObject(0).getString("service_request_id"))
                .isEqualTo(first);
        assertThat(rowsWithClientKey(key)).isEqualTo(1);

        String fieldKey = "form-retry-" + System.nanoTime();
        Map<String, String> withKey = request("moi-truong");
        withKey.put("client_key", fieldKey);
        String second = submitted(ReportHttp.postForm(base + "/requests.json", withKey));
        HttpResponse<String> retried = ReportHttp.postForm(base + "/requests.json", withKey);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(array(retried).getJsonObject(0).getString("service_request_id"))
                .isEqualTo(second);
        assertThat(rowsWithClientKey(fieldKey)).isEqualTo(1);
    }

    @Test
    void aRequestNearAnOpenOneOfItsServiceIsToldAboutIt() {
        String first = submitted(ReportHttp.postForm(base + "/requests.json", request("cap-thoat-nuoc")));
        Map<String, String> near = request("cap-thoat-nuoc");
        near.put("lat", Double.toString(lat + 20 / 110_700.0));
        HttpResponse<String> second = ReportHttp.postForm(base + "/requests.json", near);
        submitted(second);
        assertThat(array(second).getJsonObject(0).getString("service_notice"))
                .contains("Có thể trùng", first, "(20 m)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "latitude is text | lat | abc | 400 | lat is not a number: 'abc'",
                "latitude past the pole | lat | 95 | 400 | lat must lie within -90 and 90",
                "longitude is text | long | east | 400 | long is not a number: 'east'",
                "outside Vietnam | long | 2.35 | 400 | outside the area served",
                "unknown service | service_code | parking | 400 | service_code 'parking' is unknown; valid codes:"
                        + " trat-tu-do-thi, moi-truong",
                "bad e-mail | email | not-an-address | 400 | email 'not-an-address' is not an e-mail address",
                "bad media url | media_url | ftp://x/y.jpg | 400 | media_url 'ftp://x/y.jpg' is not an http",
                "long key | client_key | has spaces in it | 400 | client_key 'has spaces in it' is not 1 to 128"
            })
    void aBadFieldIsNamedInTheOpen311ErrorForm(String what, String field, String value, int status, String message) {
        Map<String, String> form = request("moi-truong");
        form.put(field, value);
        checkError(ReportHttp.postForm(base + "/requests.json", form), status, message);
    }

    @Test
    void aRequestWithoutAPlaceIsRefusedAndEveryProblemIsListed() {
        Map<String, String> form = request("moi-truong");
        form.remove("lat");
        form.remove("long");
        checkError(ReportHttp.postForm(base + "/requests.json", form), 400, "address_string alone cannot be placed");
        form.remove("address_string");
        checkError(ReportHttp.postForm(base + "/requests.json", form), 400, "a location is required: lat and long");
        form.put("lat", "21.0");
        checkError(ReportHttp.postForm(base + "/requests.json", form), 400, "long is required with lat");

        Map<String, String> many = request("unknown-service");
        many.put("lat", "north");
        many.put("email", "nobody");
        checkError(
                ReportHttp.postForm(base + "/requests.json", many),
                400,
                "service_code 'unknown-service' is unknown",
                "lat is not a number",
                "email 'nobody'");
        checkError(
                ReportHttp.send(
                        "POST",
                        base + "/requests.json",
                        null,
                        "application/json",
                        "{\"service_code\":\"moi-truong\"}".getBytes(StandardCharsets.UTF_8)),
                415,
                "form fields");
    }

    @Test
    void requestsAreListedByServiceStatusAndDates() {
        String light = submitted(ReportHttp.postForm(base + "/requests.json", request("dien-chieu-sang")));
        String water = submitted(ReportHttp.postForm(base + "/requests.json", request("cap-thoat-nuoc")));

        JsonArray recent = array(ReportHttp.get(base + "/requests.json?service_code=dien-chieu-sang", null));
        assertThat(codes(recent)).contains(light).doesNotContain(water);
        assertThat(recent.size()).isLessThanOrEqualTo(1_000);
        String today = OffsetDateTime.now(ZoneOffset.ofHours(7)).toLocalDate().toString();
        String window = "start_date="
                + encode(OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(1).toString()) + "&end_date="
                + encode(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString());
        assertThat(codes(array(ReportHttp.get(
                        base + "/requests.json?service_code=dien-chieu-sang,cap-thoat-nuoc&status=open&" + window,
                        null))))
                .contains(light, water);
        assertThat(codes(array(ReportHttp.get(base + "/requests.json?status=closed&" + window, null))))
                .doesNotContain(light, water);
        assertThat(codes(array(ReportHttp.get(base + "/requests.json?start_date=" + today, null))))
                .contains(light, water);
        // The demo year: the closed reports of a week two months ago.
        OffsetDateTime weekStart = OffsetDateTime.now(ZoneOffset.UTC).minusDays(67);
        JsonArray old = array(ReportHttp.get(
                base + "/requests.json?status=closed&start_date=" + encode(weekStart.toString()) + "&end_date="
                        + encode(weekStart.plusDays(7).toString()),
                null));
        assertThat(old).isNotEmpty().allSatisfy(o -> {
            JsonObject request = (JsonObject) o;
            assertThat(request.getString("status")).isEqualTo("closed");
            assertThat(OffsetDateTime.parse(request.getString("requested_datetime")))
                    .isBetween(weekStart, weekStart.plusDays(7));
        });

        checkError(ReportHttp.get(base + "/requests.json?start_date=yesterday", null), 400, "start_date 'yesterday'");
        checkError(
                ReportHttp.get(base + "/requests.json?start_date=2026-01-01&end_date=2026-06-01", null),
                400,
                "may not span more than 90 days");
        checkError(ReportHttp.get(base + "/requests.json?status=pending", null), 400, "status 'pending'");
    }

    @Test
    void mediaNamesAreCheckedBeforeTheFileSystemIsTouched() {
        checkError(ReportHttp.get(base + "/media/..%2F..%2Fjwt-secret", null), 400, "not a photo name");
        checkError(ReportHttp.get(base + "/media/..%2Fiocmap.mv.db", null), 400, "not a photo name");
        checkError(ReportHttp.get(base + "/media/0F8FAD5B-D9CB-469F-A165-70867728950E.png", null), 400, "photo name");
        checkError(ReportHttp.get(base + "/media/0f8fad5b-d9cb-469f-a165-70867728950e.gif", null), 400, "photo name");
        checkError(ReportHttp.get(base + "/media/0f8fad5b-d9cb-469f-a165-70867728950e.png", null), 404, "no photo");
        HttpResponse<String> dots = ReportHttp.get(base + "/media/../../jwt-secret", null);
        assertThat(dots.body()).doesNotContain("=").doesNotMatch("[A-Za-z0-9+/]{40,}");
    }

    private static java.util.List<String> codes(JsonArray requests) {
        return requests.stream()
                .map(o -> ((JsonObject) o).getString("service_request_id"))
                .toList();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long rowsWithClientKey(String key) throws SQLException {
        try (Connection c = server.app().store().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM citizen_report WHERE client_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
