package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link AisDecoder} field by field with gpsd's decoder, {@code gpsdecode} (Debian package gpsd-clients), on
 * every message of the reference fixture {@code fixtures/ais/reference.nmea}.
 * <p>The command is {@value #COMMAND}: {@code -j} prints JSON, {@code -s} prints part A of a type 24 on its own
 * (without it gpsdecode holds part A back), and {@code -u} prints fields unscaled, in their transmitted units, so that
 * the comparison is exact. Our values are converted back into those units:
 * <ul>
 *   <li>lon, lat: degrees × 600 000 (1/10 000 minute); type 27: degrees × 600 (1/10 minute). An absent position must
 *       be gpsdecode's 108 600 000 (181°) or 54 600 000 (91°); type 27: 108 600 or 54 600.
 *   <li>speed: knots × 10, absent = 1023; type 27: knots, absent = 63.
 *   <li>course: degrees × 10, absent = 3600; type 27: degrees, absent = 511. heading: degrees, absent = 511.
 *   <li>status: absent = 15; turn: the raw indicator, absent = -128; second: absent = 60 to 63; maneuver: absent = 0.
 *   <li>draught: metres × 10, absent = 0; imo, shiptype, epfd: absent = 0; text: absent = "".
 *   <li>dte: 0 = our {@code dataTerminalReady}; eta: "MM-DDTHH:MMZ", absent hour 24, minute 60.
 *   <li>type 24 B vendorid: gpsdecode prints seven characters (ITU-R M.1371-3), ours is the first three (M.1371-4 and
 *       later, which give the other bits to model and serial); part B comes out merged with part A's name.
 * </ul>
 * <p>When gpsdecode is not on the PATH this test fails under CI (environment variable {@code CI=true}) and is skipped
 * elsewhere.
 */
class AisGpsdecodeTest {
    static final String COMMAND = "gpsdecode -s -j -u";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path gpsdecode;

    @TempDir
    Path work;

    @BeforeAll
    static void findGpsdecode() {
        gpsdecode = findOnPath("gpsdecode");
    }

    @BeforeEach
    void requireGpsdecode() {
        if (gpsdecode == null) {
            String message = "gpsdecode is not on the PATH; install it with: apt-get install gpsd-clients";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true: the reference check must run in CI)");
            }
            Assumptions.abort(message);
        }
    }

    @Test
    void everyFixtureMessageDecodesAsGpsdecodeDecodesIt() throws IOException {
        List<String> lines = AisReferenceFixture.sentenceLines();
        List<JsonNode> reference = runGpsdecode(lines);
        List<AisMessage> ours = decode(lines);
        assertThat(reference)
                .as(
                        "gpsdecode and AisDecoder decode as many messages; MMSIs: gpsdecode %s, ours %s",
                        reference.stream().map(j -> j.path("mmsi").asLong()).toList(),
                        ours.stream().map(AisMessage::mmsi).toList())
                .hasSameSizeAs(ours);
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < ours.size(); i++) {
            new Comparison(softly, reference.get(i), ours.get(i), i + 1).run();
        }
        softly.assertAll();
    }

    @Test
    void bothDecodersDropSentencesWithBadChecksums() throws IOException {
        List<String> broken = new ArrayList<>();
        for (String line : AisReferenceFixture.sentenceLines()) {
            if (line.contains(",1,1,")) {
                int star = line.lastIndexOf('*');
                int sum = Integer.parseInt(line.substring(star + 1, star + 3), 16) ^ 0x01;
                broken.add(line.substring(0, star + 1) + String.format("%02X", sum) + line.substring(star + 3));
            }
        }
        assertThat(broken).hasSizeGreaterThan(30);
        assertThat(runGpsdecode(broken)).isEmpty();
        AisDecoder decoder = new AisDecoder();
        for (String line : broken) {
            assertThat(decoder.feed(line, AisDecoderTest.T0))
                    .singleElement()
                    .satisfies(r -> assertThat(((AisReject) r).reason()).isEqualTo(AisReject.Reason.BAD_CHECKSUM));
        }
    }

    private static List<AisMessage> decode(List<String> lines) {
        AisDecoder decoder = new AisDecoder();
        List<AisMessage> messages = new ArrayList<>();
        for (String line : lines) {
            for (AisResult result : decoder.feed(line, AisDecoderTest.T0)) {
                switch (result) {
                    case AisDecoded decoded -> messages.add(decoded.message());
                    case AisReject reject -> fail("fixture line rejected: " + reject.message() + "\n" + reject.line());
                }
            }
        }
        return messages;
    }

    private List<JsonNode> runGpsdecode(List<String> lines) throws IOException {
        Path input = work.resolve("input.nmea");
        Path errors = work.resolve("stderr.txt");
        Files.writeString(input, String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
        List<String> command = new ArrayList<>(List.of(COMMAND.split(" ")));
        command.set(0, gpsdecode.toString());
        Process process = new ProcessBuilder(command)
                .redirectInput(input.toFile())
                .redirectError(errors.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("gpsdecode finished")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for gpsdecode", e);
        }
        assertThat(process.exitValue())
                .as("gpsdecode exit status; stderr: %s", Files.readString(errors))
                .isZero();
        List<JsonNode> messages = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode node = JSON.readTree(line);
            if ("AIS".equals(node.path("class").asText())) {
                messages.add(node);
            }
        }
        return messages;
    }

    private static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Compares one message with gpsdecode's JSON for it, in gpsdecode's unscaled units. */
    private record Comparison(SoftAssertions softly, JsonNode json, AisMessage ours, int index) {
        void run() {
            number("type", ours.type());
            number("mmsi", ours.mmsi());
            number("repeat", ours.repeat());
            switch (ours) {
                case PositionReport p when p.type() == 27 -> longRange(p);
                case PositionReport p -> position(p);
                case ExtendedClassBReport e -> {
                    position(e.position());
                    text("shipname", e.name());
                    number("shiptype", orZero(e.shipType()));
                    dimensions(e.dimensions());
                    number("epfd", orZero(e.epfd()));
                    number("dte", e.dataTerminalReady() ? 0 : 1);
                    flag("assigned", e.assigned());
                }
                case StaticData s -> staticAndVoyage(s);
                case StaticDataB b -> staticDataB(b);
            }
        }

        private void position(PositionReport p) {
            if (p.hasPosition()) {
                number("lon", Math.round(p.lon() * PositionFields.UNITS_PER_DEGREE));
                number("lat", Math.round(p.lat() * PositionFields.UNITS_PER_DEGREE));
            } else {
                notAvailablePosition(PositionFields.UNITS_PER_DEGREE);
            }
            number("speed", p.sogKnots() == null ? 1023 : Math.round(p.sogKnots() * 10));
            number("course", p.cogDegrees() == null ? 3600 : Math.round(p.cogDegrees() * 10));
            number("heading", p.headingDegrees() == null ? 511 : p.headingDegrees());
            flag("accuracy", p.positionAccuracy());
            flag("raim", p.raim());
            if (p.second() == null) {
                softly.assertThat(json.path("second").asInt()).as(at("second")).isBetween(60, 63);
            } else {
                number("second", p.second());
            }
            if (p.type() <= 3) {
                number("status", p.navStatus() == null ? 15 : p.navStatus());
                number("turn", p.rateOfTurn() == null ? -128 : p.rateOfTurn());
                number("maneuver", orZero(p.maneuver()));
            }
        }

        private void longRange(PositionReport p) {
            if (p.hasPosition()) {
                number("lon", Math.round(p.lon() * PositionFields.LONG_RANGE_UNITS_PER_DEGREE));
                number("lat", Math.round(p.lat() * PositionFields.LONG_RANGE_UNITS_PER_DEGREE));
            } else {
                notAvailablePosition(PositionFields.LONG_RANGE_UNITS_PER_DEGREE);
            }
            number("speed", p.sogKnots() == null ? 63 : Math.round(p.sogKnots()));
            number("course", p.cogDegrees() == null ? 511 : Math.round(p.cogDegrees()));
            number("status", p.navStatus() == null ? 15 : p.navStatus());
            flag("accuracy", p.positionAccuracy());
            flag("raim", p.raim());
        }

        private void notAvailablePosition(int unitsPerDegree) {
            softly.assertThat(json.path("lon").asLong() == 181L * unitsPerDegree
                            || json.path("lat").asLong() == 91L * unitsPerDegree)
                    .as(at("lon/lat") + " is 181/91 when our position is absent: " + json)
                    .isTrue();
        }

        private void staticAndVoyage(StaticData s) {
            number("ais_version", s.aisVersion());
            number("imo", orZero(s.imo()));
            text("callsign", s.callSign());
            text("shipname", s.name());
            number("shiptype", orZero(s.shipType()));
            dimensions(s.dimensions());
            number("epfd", orZero(s.epfd()));
            number("draught", s.draughtMetres() == null ? 0 : Math.round(s.draughtMetres() * 10));
            text("destination", s.destination());
            number("dte", s.dataTerminalReady() ? 0 : 1);
            eta(s.eta());
        }

        private void eta(AisEta eta) {
            // "MM-DDTHH:MMZ"
            String text = json.path("eta").asText();
            softly.assertThat(text).as(at("eta")).matches("\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
            if (!text.matches("\\d\\d-\\d\\dT\\d\\d:\\d\\dZ")) {
                return;
            }
            int month = Integer.parseInt(text.substring(0, 2));
            int day = Integer.parseInt(text.substring(3, 5));
            int hour = Integer.parseInt(text.substring(6, 8));
            int minute = Integer.parseInt(text.substring(9, 11));
            if (eta == null) {
                softly.assertThat(month == 0 || day == 0 || month > 12 || day > 31)
                        .as(at("eta") + " " + text + " has no date when ours is absent")
                        .isTrue();
                return;
            }
            softly.assertThat(month).as(at("eta month")).isEqualTo(eta.month());
            softly.assertThat(day).as(at("eta day")).isEqualTo(eta.day());
            softly.assertThat(hour).as(at("eta hour")).isEqualTo(eta.hour() == null ? 24 : eta.hour());
            softly.assertThat(minute).as(at("eta minute")).isEqualTo(eta.minute() == null ? 60 : eta.minute());
        }

        private void staticDataB(StaticDataB b) {
            if (b.part() == StaticDataB.Part.A) {
                softly.assertThat(json.path("part").asText()).as(at("part")).isEqualTo("A");
                text("shipname", b.name());
                return;
            }
            softly.assertThat(json.path("part").asText("B")).as(at("part")).isIn("B", "");
            number("shiptype", orZero(b.shipType()));
            softly.assertThat(json.path("vendorid").asText())
                    .as(at("vendorid"))
                    .startsWith(b.vendorId() == null ? "" : b.vendorId());
            number("model", b.unitModel());
            number("serial", b.serialNumber());
            text("callsign", b.callSign());
            if (b.dimensions() != null) {
                dimensions(b.dimensions());
            } else {
                number("mothership_mmsi", orZero(b.mothershipMmsi()));
            }
        }

        private void dimensions(ShipDimensions d) {
            number("to_bow", d.toBowMetres());
            number("to_stern", d.toSternMetres());
            number("to_port", d.toPortMetres());
            number("to_starboard", d.toStarboardMetres());
        }

        private void number(String field, long expected) {
            JsonNode node = json.get(field);
            if (node == null || !node.isNumber()) {
                softly.fail(at(field) + " is missing or not a number in gpsdecode's " + json);
                return;
            }
            softly.assertThat(node.asLong()).as(at(field)).isEqualTo(expected);
        }

        private void flag(String field, boolean expected) {
            JsonNode node = json.get(field);
            if (node == null || !node.isBoolean()) {
                softly.fail(at(field) + " is missing or not a boolean in gpsdecode's " + json);
                return;
            }
            softly.assertThat(node.asBoolean()).as(at(field)).isEqualTo(expected);
        }

        private void text(String field, String expected) {
            softly.assertThat(json.path(field).asText()).as(at(field)).isEqualTo(expected == null ? "" : expected);
        }

        private String at(String field) {
            return "message " + index + " (type " + ours.type() + ", MMSI " + ours.mmsi() + "): gpsdecode's " + field;
        }

        private static long orZero(Integer value) {
            return value == null ? 0 : value;
        }
    }
}
