package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.iocmap.layers.ais.AisDecoderTest.decodeOne;
import static org.iocmap.layers.ais.AisTestMessages.tenthMinutes;

import java.time.Instant;
import java.util.List;
import org.iocmap.layers.ais.AisReject.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests the fields of each message type: scaling, "not available" values, impossible values and six-bit text. */
class AisPayloadDecoderTest {
    private static final int NA_LON = 181 * 600_000;
    private static final int NA_LAT = 91 * 600_000;

    @Test
    void decodesAClassAPositionReportAsTheGpsdSampleSays() {
        // gpsd test/sample.aivdm, with the decode given there
        PositionReport p = position("!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A");
        assertThat(p.type()).isEqualTo(1);
        assertThat(p.mmsi()).isEqualTo(371798000);
        assertThat(p.navStatus()).isZero();
        assertThat(p.rateOfTurn()).isEqualTo(-127);
        assertThat(p.findRateOfTurnDegreesPerMinute())
                .as("faster than 5°/30 s, no indicator")
                .isEmpty();
        assertThat(p.sogKnots()).isEqualTo(12.3);
        assertThat(p.positionAccuracy()).isTrue();
        assertThat(p.lon()).isCloseTo(-123.395383333, within(1e-9));
        assertThat(p.lat()).isCloseTo(48.38163333333, within(1e-9));
        assertThat(p.cogDegrees()).isEqualTo(224.0);
        assertThat(p.headingDegrees()).isEqualTo(215);
        assertThat(p.second()).isEqualTo(33);
        assertThat(p.raim()).isFalse();
        assertThat(p.findFlag()).as("MID 371 is Panama").contains("PA");
    }

    @Test
    void decodesStaticAndVoyageDataAsTheGpsdSampleSays() {
        AisDecoder decoder = new AisDecoder();
        decoder.feed(
                "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C", AisDecoderTest.T0);
        StaticData s = (StaticData)
                decodeOne(decoder, "!AIVDM,2,2,1,A,88888888880,2*25").message();
        assertThat(s.mmsi()).isEqualTo(351759000);
        assertThat(s.imo()).isEqualTo(9134270);
        assertThat(s.callSign()).isEqualTo("3FOF8");
        assertThat(s.name()).isEqualTo("EVER DIADEM");
        assertThat(s.shipType()).isEqualTo(70);
        assertThat(s.dimensions()).isEqualTo(new ShipDimensions(225, 70, 1, 31));
        assertThat(s.dimensions().findLengthMetres()).hasValue(295);
        assertThat(s.dimensions().findBeamMetres()).hasValue(32);
        assertThat(s.epfd()).isEqualTo(1);
        assertThat(s.eta()).isEqualTo(new AisEta(5, 15, 14, 0));
        assertThat(s.draughtMetres()).isEqualTo(12.2);
        assertThat(s.destination()).isEqualTo("NEW YORK");
        assertThat(s.dataTerminalReady()).isTrue();
    }

    @Test
    void notAvailableValuesOfAClassAReportAreAbsent() {
        PositionReport p = position(AisTestMessages.classA(1, 533012345).sentence());
        assertThat(p.hasPosition()).isFalse();
        assertThat(p.lon()).isNull();
        assertThat(p.lat()).isNull();
        assertThat(p.sogKnots()).isNull();
        assertThat(p.cogDegrees()).isNull();
        assertThat(p.headingDegrees()).isNull();
        assertThat(p.navStatus()).isNull();
        assertThat(p.rateOfTurn()).isNull();
        assertThat(p.findRateOfTurnDegreesPerMinute()).isEmpty();
        assertThat(p.second()).isNull();
        assertThat(p.maneuver()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "longitude only, 181, 12.0",
        "latitude only, 109.0, 91",
    })
    void eitherCoordinateNotAvailableMeansNoPosition(String what, double lon, double lat) {
        PositionReport p =
                position(AisTestMessages.classA(1, 574001230).position(lon, lat).sentence());
        assertThat(p.hasPosition()).isFalse();
    }

    @Test
    void notAvailableValuesOfALongRangeReportAreAbsent() {
        PositionReport p = position(AisTestMessages.longRange(525000777, 15, 181 * 600, 91 * 600, 63, 511)
                .sentence());
        assertThat(p.type()).isEqualTo(27);
        assertThat(p.hasPosition()).isFalse();
        assertThat(p.sogKnots()).isNull();
        assertThat(p.cogDegrees()).isNull();
        assertThat(p.navStatus()).isNull();
        assertThat(p.headingDegrees()).as("type 27 has no heading").isNull();
    }

    @Test
    void decodesALongRangeReportInTenthsOfAMinute() {
        PositionReport p =
                position(AisTestMessages.longRange(574002000, 0, tenthMinutes(109.5), tenthMinutes(-10.2), 62, 359)
                        .sentence());
        assertThat(p.lon()).isEqualTo(109.5);
        assertThat(p.lat()).isCloseTo(-10.2, within(1e-12));
        assertThat(p.sogKnots()).isEqualTo(62.0);
        assertThat(p.cogDegrees()).isEqualTo(359.0);
        assertThat(p.raim()).isTrue();
        assertThat(p.findFlag()).contains("VN");
    }

    @Test
    void notAvailableValuesOfClassBAreAbsent() {
        PositionReport p = position(AisTestMessages.classB(567123450, 1023, false, NA_LON, NA_LAT, 3600, 511, 63)
                .sentence());
        assertThat(p.type()).isEqualTo(18);
        assertThat(p.hasPosition()).isFalse();
        assertThat(p.sogKnots()).isNull();
        assertThat(p.cogDegrees()).isNull();
        assertThat(p.headingDegrees()).isNull();
        assertThat(p.second()).isNull();
        assertThat(p.navStatus()).as("class B sends no status").isNull();
        assertThat(p.raim()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "antimeridian east, 179.9, -17.0",
        "antimeridian west, -179.99, -8.5",
        "the date line itself, 180, 0",
        "its other side, -180, 0",
        "north pole, 0, 90",
        "south pole, 109.2, -90",
        "Nha Trang, 109.2435, 12.2388",
    })
    void decodesPositionsUpToTheBoundaries(String what, double lon, double lat) {
        PositionReport p = position(AisTestMessages.classA(1, 574001230)
                .navStatus(0)
                .rateOfTurn(0)
                .sogTenths(1022)
                .accurate()
                .position(lon, lat)
                .cogTenths(3599)
                .heading(359)
                .second(59)
                .maneuver(1)
                .raim()
                .sentence());
        assertThat(p.lon()).isCloseTo(lon, within(1e-9));
        assertThat(p.lat()).isCloseTo(lat, within(1e-9));
        assertThat(p.sogKnots()).as("102.2 kn or more").isEqualTo(102.2);
        assertThat(p.cogDegrees()).isEqualTo(359.9);
        assertThat(p.headingDegrees()).isEqualTo(359);
        assertThat(p.second()).isEqualTo(59);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "latitude beyond 90, 109.0, 91.5, 0, 0, latitude 91.5° is beyond ±90°",
        "latitude below -90, 109.0, -90.5, 0, 0, latitude -90.5° is beyond ±90°",
        "longitude beyond 180, 180.5, 10.0, 0, 0, longitude 180.5° is beyond ±180°",
        "longitude -181 is not the sentinel, -181, 10.0, 0, 0, longitude -181.0° is beyond ±180°",
        "course 360.1, 109.0, 10.0, 3601, 0, course 360.1° is beyond 359.9°",
        "heading 360, 109.0, 10.0, 0, 360, heading 360° is beyond 359°",
        "heading 510, 109.0, 10.0, 0, 510, heading 510° is beyond 359°",
    })
    void rejectsImpossibleClassAValues(String what, double lon, double lat, int cog, int heading, String detail) {
        checkImpossible(
                AisTestMessages.classA(1, 574001230)
                        .position(lon, lat)
                        .cogTenths(cog)
                        .heading(heading)
                        .sentence(),
                detail);
    }

    @Test
    void rejectsImpossibleLongRangeAndOtherValues() {
        checkImpossible(
                AisTestMessages.longRange(574002000, 0, tenthMinutes(109), tenthMinutes(95), 1, 1)
                        .sentence(),
                "latitude 95.0° is beyond ±90°");
        checkImpossible(
                AisTestMessages.longRange(574002000, 0, tenthMinutes(109), tenthMinutes(9), 1, 400)
                        .sentence(),
                "course 400° is beyond 359°");
        checkImpossible(
                AisTestMessages.classA(1, 1_000_000_000).sentence(), "MMSI 1000000000 has more than nine digits");
        AisSentenceWriter part2 = new AisSentenceWriter()
                .unsigned(24, 6)
                .unsigned(0, 2)
                .unsigned(416000555, 30)
                .unsigned(2, 2)
                .text("X", 20);
        checkImpossible(part2.sentence(), "type 24 part number 2 is neither A (0) nor B (1)");
    }

    @Test
    void convertsTheRateOfTurnIndicatorToDegreesPerMinute() {
        assertThat(rateOfTurn(0)).isEqualTo(0.0);
        assertThat(rateOfTurn(20)).isCloseTo(17.856, within(1e-3));
        assertThat(rateOfTurn(-20)).isCloseTo(-17.856, within(1e-3));
        assertThat(rateOfTurn(126)).as("the largest measured rate").isCloseTo(708.7, within(0.1));
    }

    @Test
    void decodesStaticDataWithEmptyAndPaddedText() {
        StaticData s = staticData(AisTestMessages.staticAndVoyage(
                567000123,
                0,
                "",
                "SIAM STAR   ",
                0,
                new int[] {511, 511, 63, 63},
                0,
                new int[] {0, 0, 24, 60},
                0,
                "  BANGKOK  "));
        assertThat(s.imo()).isNull();
        assertThat(s.callSign()).as("all '@' padding").isNull();
        assertThat(s.name()).isEqualTo("SIAM STAR");
        assertThat(s.destination())
                .as("leading spaces are kept, trailing ones go")
                .isEqualTo("  BANGKOK");
        assertThat(s.shipType()).isNull();
        assertThat(s.epfd()).isNull();
        assertThat(s.eta()).isNull();
        assertThat(s.draughtMetres()).isNull();
        assertThat(s.dimensions()).isEqualTo(new ShipDimensions(511, 511, 63, 63));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "date and time, 11, 5, 8, 30, 11, 5, 8, 30",
        "time not available, 2, 29, 24, 60, 2, 29, ,",
        "month not available, 0, 5, 8, 30, , , ,",
        "day not available, 11, 0, 8, 30, , , ,",
        "junk month, 13, 5, 8, 30, , , ,",
        "junk hour and minute, 12, 31, 25, 63, 12, 31, ,",
    })
    void decodesTheEta(
            String what,
            int month,
            int day,
            int hour,
            int minute,
            Integer eMonth,
            Integer eDay,
            Integer eHour,
            Integer eMinute) {
        StaticData s = staticData(AisTestMessages.staticAndVoyage(
                574001230,
                9123456,
                "3WAB9",
                "HAI PHONG 09",
                70,
                new int[] {120, 30, 10, 12},
                1,
                new int[] {month, day, hour, minute},
                74,
                "VN SGN"));
        assertThat(s.eta()).isEqualTo(eMonth == null ? null : new AisEta(eMonth, eDay, eHour, eMinute));
        assertThat(s.name()).as("a bad ETA does not sink the record").isEqualTo("HAI PHONG 09");
    }

    @Test
    void readsSixBitTextUpToTheFirstPaddingCharacter() {
        // '@' ends the text even when more characters follow, as in gpsd
        AisSentenceWriter writer = AisTestMessages.staticPartA(416000555, "FORMOSA@JUNK");
        assertThat(((StaticDataB) decodeOne(new AisDecoder(), writer.sentence()).message()).name())
                .isEqualTo("FORMOSA");
        String every = " !\"#$%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_";
        for (int i = 0; i < every.length(); i += 20) {
            String chunk = every.substring(i, Math.min(every.length(), i + 20));
            StaticDataB part = (StaticDataB) decodeOne(
                            new AisDecoder(),
                            AisTestMessages.staticPartA(416000555, chunk).sentence())
                    .message();
            assertThat(part.name()).isEqualTo(chunk.stripTrailing());
        }
    }

    @Test
    void decodesBothPartsOfClassBStaticData() {
        StaticDataB a = (StaticDataB) decodeOne(
                        new AisDecoder(),
                        AisTestMessages.staticPartA(416000555, "FORMOSA 8").sentence())
                .message();
        assertThat(a.part()).isEqualTo(StaticDataB.Part.A);
        assertThat(a.name()).isEqualTo("FORMOSA 8");
        assertThat(a.callSign()).isNull();
        assertThat(a.findFlag()).contains("TW");
        StaticDataB b = (StaticDataB) decodeOne(
                        new AisDecoder(),
                        AisTestMessages.staticPartB(416000555, 37, "SRT", 3, 12345, "BR1234", 8, 4, 2, 2)
                                .sentence())
                .message();
        assertThat(b.part()).isEqualTo(StaticDataB.Part.B);
        assertThat(b.name()).isNull();
        assertThat(b.shipType()).isEqualTo(37);
        assertThat(b.vendorId()).isEqualTo("SRT");
        assertThat(b.unitModel()).isEqualTo(3);
        assertThat(b.serialNumber()).isEqualTo(12345);
        assertThat(b.callSign()).isEqualTo("BR1234");
        assertThat(b.dimensions()).isEqualTo(new ShipDimensions(8, 4, 2, 2));
        assertThat(b.mothershipMmsi()).isNull();
    }

    @Test
    void anAuxiliaryCraftNamesItsMothershipInsteadOfDimensions() {
        StaticDataB b = (StaticDataB) decodeOne(
                        new AisDecoder(),
                        AisTestMessages.staticPartB(985741234, 52, "ABC", 1, 42, "", 574001230)
                                .sentence())
                .message();
        assertThat(b.mothershipMmsi()).isEqualTo(574001230);
        assertThat(b.dimensions()).isNull();
        assertThat(b.callSign()).isNull();
        assertThat(b.findFlag()).as("98 574 xxxx").contains("VN");
    }

    @Test
    void anExtendedClassBReportGivesPositionAndStaticData() {
        AisMessage message = decodeOne(
                        new AisDecoder(), "!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B")
                .message();
        ExtendedClassBReport e = (ExtendedClassBReport) message;
        assertThat(e.type()).isEqualTo(19);
        assertThat(e.mmsi()).isEqualTo(367059850);
        assertThat(message.findPosition()).contains(e.position());
        assertThat(e.position().sogKnots()).isEqualTo(8.7);
        assertThat(e.position().lon()).isCloseTo(-88.8103916667, within(1e-9));
        assertThat(e.position().lat()).isCloseTo(29.543695, within(1e-9));
        assertThat(e.position().cogDegrees()).isEqualTo(335.9);
        assertThat(e.position().headingDegrees()).isNull();
        assertThat(e.position().second()).isEqualTo(46);
        assertThat(e.name()).isEqualTo("CAPT.J.RIMES");
        assertThat(e.shipType()).isEqualTo(70);
        assertThat(e.dimensions()).isEqualTo(new ShipDimensions(5, 21, 4, 4));
        assertThat(e.epfd()).isEqualTo(1);
        assertThat(e.findFlag()).contains("US");
    }

    @Test
    void staticDataHasNoPosition() {
        AisMessage a = decodeOne(
                        new AisDecoder(),
                        AisTestMessages.staticPartA(416000555, "X").sentence())
                .message();
        assertThat(a.findPosition()).isEmpty();
    }

    private static double rateOfTurn(int indicator) {
        PositionReport p = position(
                AisTestMessages.classA(1, 574001230).rateOfTurn(indicator).sentence());
        assertThat(p.rateOfTurn()).isEqualTo(indicator);
        return p.findRateOfTurnDegreesPerMinute().orElseThrow();
    }

    private static PositionReport position(String line) {
        return (PositionReport) decodeOne(new AisDecoder(), line).message();
    }

    private static StaticData staticData(AisSentenceWriter writer) {
        AisDecoder decoder = new AisDecoder();
        List<String> lines = writer.sentences("A", 1, 60);
        decoder.feed(lines.get(0), AisDecoderTest.T0);
        return (StaticData) decodeOne(decoder, lines.get(1)).message();
    }

    private static void checkImpossible(String line, String detail) {
        List<AisResult> results = new AisDecoder().feed(line, Instant.EPOCH);
        assertThat(results).as(line).singleElement().isInstanceOfSatisfying(AisReject.class, reject -> {
            assertThat(reject.reason()).isEqualTo(Reason.IMPOSSIBLE_VALUE);
            assertThat(reject.detail()).isEqualTo(detail);
        });
    }
}
