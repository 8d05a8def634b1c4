package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the OGC API with GDAL's own client ({@code ogrinfo OAPIF:}), as QGIS and GDAL users do. Needs {@code ogrinfo}
 * (Debian gdal-bin; {@code .ci/run} installs it).
 */
class OgrInfoClientTest {
    private static final Pattern FEATURE = Pattern.compile("^OGRFeature\\((\\w+)\\):\\d+", Pattern.MULTILINE);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    @Test
    void anonymousGdalListsOnlyThePublicLayers() {
        String out = ogrinfo(null, "-ro", "-q", "OAPIF:" + server.baseUrl() + "/ogc");
        assertThat(out).contains("land_use_plans").contains("env_stations").doesNotContain("cameras");
    }

    @Test
    void signedInGdalListsEveryLayer() {
        String token = Http.token(server, "admin", "admin");
        String out = ogrinfo(token, "-ro", "-q", "OAPIF:" + server.baseUrl() + "/ogc");
        for (String layer : List.of(
                "cameras", "citizen_reports", "fire_alarms", "vessels", "env_stations", "land_use_plans", "ports")) {
            assertThat(out).contains(layer);
        }
    }

    @Test
    void gdalReadsAWholeLayerThroughPaging() {
        String token = Http.token(server, "admin", "admin");
        String out = ogrinfo(
                token, "-ro", "-al", "-oo", "PAGE_SIZE=300", "OAPIF:" + server.baseUrl() + "/ogc", "citizen_reports");
        assertThat(countFeatures(out, "citizen_reports")).isEqualTo(2000);
        assertThat(out).contains("reporter_phone").contains("category (String)");
    }

    @Test
    void gdalReadsAPublicPolygonLayerAnonymously() {
        String out = ogrinfo(
                null, "-ro", "-al", "-oo", "PAGE_SIZE=70", "OAPIF:" + server.baseUrl() + "/ogc", "land_use_plans");
        assertThat(countFeatures(out, "land_use_plans")).isEqualTo(300);
        assertThat(out).contains("MULTIPOLYGON");
    }

    @Test
    void gdalAttributeFiltersGiveTheSameCountAsTheApi() {
        String token = Http.token(server, "admin", "admin");
        long expected = new io.vertx.core.json.JsonObject(Http.get(
                                server.baseUrl()
                                        + "/ogc/collections/citizen_reports/items?limit=1&filter=status%20%3D%20%27NEW%27",
                                token)
                        .body())
                .getLong("numberMatched");
        String out = ogrinfo(
                token,
                "-ro",
                "-al",
                "-where",
                "status = 'NEW'",
                "-oo",
                "PAGE_SIZE=500",
                "OAPIF:" + server.baseUrl() + "/ogc",
                "citizen_reports");
        assertThat(countFeatures(out, "citizen_reports")).isEqualTo(expected).isPositive();
    }

    private static long countFeatures(String out, String layer) {
        Matcher m = FEATURE.matcher(out);
        long n = 0;
        while (m.find()) {
            if (m.group(1).equals(layer)) {
                n++;
            }
        }
        return n;
    }

    private static String ogrinfo(String token, String... args) {
        List<String> command = new ArrayList<>(List.of("ogrinfo"));
        if (token != null) {
            command.addAll(List.of("--config", "GDAL_HTTP_HEADERS", "Authorization: Bearer " + token));
        }
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String text = new String(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue())
                    .as("ogrinfo failed:\n%s", text.lines().limit(30).toList())
                    .isZero();
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run ogrinfo; install GDAL (Debian: apt-get install gdal-bin)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
