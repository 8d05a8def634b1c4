package org.iocmap.layers.ais;

import static org.iocmap.layers.ais.AisSentenceWriter.tagBlock;
import static org.iocmap.layers.ais.AisTestMessages.tenThousandthMinutes;
import static org.iocmap.layers.ais.AisTestMessages.tenthMinutes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the reference fixture {@code fixtures/ais/reference.nmea}, and composes its second part: sentences written
 * with {@link AisTestMessages} for vessels of the region, edge values and "not available" sentinels. The first part
 * holds public sample sentences (see DATA-SOURCES.md next to the fixture).
 * <p>To change the composed part, edit {@link #composedLines()} and paste the output of {@link #main} between the
 * markers; {@code AisReferenceFixtureTest} fails until the two agree.
 */
final class AisReferenceFixture {
    static final String RESOURCE = "/fixtures/ais/reference.nmea";
    static final String BEGIN = "# BEGIN composed by AisReferenceFixture";
    static final String END = "# END composed by AisReferenceFixture";

    private AisReferenceFixture() {}

    /** Returns every line of the fixture file, comments included. */
    static List<String> readAllLines() {
        try (InputStream in = AisReferenceFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Returns the fixture's sentence lines: no comments, no blank lines. */
    static List<String> sentenceLines() {
        return readAllLines().stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    /** Returns the lines between the composed part's markers in the fixture file. */
    static List<String> composedPartOfFile() {
        List<String> lines = readAllLines();
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(RESOURCE + " lacks the markers '" + BEGIN + "' and '" + END + "'");
        }
        return lines.subList(begin + 1, end);
    }

    /** Composes the second part of the fixture, comments included. */
    static List<String> composedLines() {
        List<String> out = new ArrayList<>();
        comment(out, "Type 1, Viet Nam (574): fishing off Nha Trang, turning to starboard, special manoeuvre");
        out.add(AisTestMessages.classA(1, 574001230)
                .navStatus(7)
                .rateOfTurn(20)
                .sogTenths(65)
                .accurate()
                .position(109.2435, 12.2388)
                .cogTenths(453)
                .heading(44)
                .second(30)
                .maneuver(2)
                .sentence());
        comment(out, "Type 3, China (413): at anchor near Hoang Sa; rate of turn and second not available");
        out.add(AisTestMessages.classA(3, 413256780)
                .navStatus(1)
                .sogTenths(0)
                .position(112.3333, 16.5)
                .cogTenths(0)
                .raim()
                .writer()
                .sentences("B", 0, 82)
                .getFirst());
        comment(out, "Type 2, Philippines (548): speed, course, heading and status not available; manual second");
        out.add(AisTestMessages.classA(2, 548123400)
                .rateOfTurn(0)
                .position(120.95, 14.58)
                .second(61)
                .maneuver(1)
                .sentence());
        comment(out, "Type 1, Malaysia (533): position not available (181, 91), dead reckoning second");
        out.add(AisTestMessages.classA(1, 533012345)
                .navStatus(0)
                .sogTenths(100)
                .rawPosition(181 * 600_000, 91 * 600_000)
                .cogTenths(1800)
                .heading(180)
                .second(62)
                .sentence());
        comment(out, "Type 1, Fiji (520): east of the antimeridian, southern hemisphere, fastest right turn 126");
        out.add(AisTestMessages.classA(1, 520100200)
                .navStatus(0)
                .rateOfTurn(126)
                .sogTenths(1022)
                .accurate()
                .position(179.9, -17.0)
                .cogTenths(3599)
                .heading(359)
                .second(59)
                .maneuver(1)
                .raim()
                .sentence());
        comment(out, "Type 1, Tuvalu (572): west of the antimeridian, turning left fast without indicator (-127)");
        out.add(AisTestMessages.classA(1, 572000100)
                .navStatus(8)
                .rateOfTurn(-127)
                .sogTenths(42)
                .position(-179.99, -8.5)
                .cogTenths(2700)
                .heading(270)
                .second(0)
                .sentence());
        comment(out, "Type 1, Russia (273) at the north pole and Australia (503) at the south pole");
        out.add(AisTestMessages.classA(1, 273000001)
                .navStatus(0)
                .rateOfTurn(0)
                .sogTenths(0)
                .position(0, 90)
                .cogTenths(0)
                .heading(0)
                .second(1)
                .sentence());
        out.add(AisTestMessages.classA(1, 503000002)
                .navStatus(5)
                .rateOfTurn(0)
                .sogTenths(0)
                .position(180, -90)
                .cogTenths(0)
                .heading(0)
                .second(2)
                .sentence());
        comment(
                out,
                "Type 5 in two fragments, Viet Nam (574), from a tagged station (c: in seconds); only the first is tagged");
        List<String> haiPhong = AisTestMessages.staticAndVoyage(
                        574001230,
                        9123456,
                        "3WAB9",
                        "HAI PHONG 09",
                        70,
                        new int[] {120, 30, 10, 12},
                        1,
                        new int[] {11, 5, 8, 30},
                        74,
                        "VN SGN")
                .sentences("A", 3, 60);
        out.add(tagBlock("s:vn-nhatrang,c:1736899200") + haiPhong.get(0));
        out.add(haiPhong.get(1));
        comment(out, "Type 5, Thailand (567): no IMO, no call sign, ETA not available, largest dimensions, draught");
        out.addAll(AisTestMessages.staticAndVoyage(
                        567000123,
                        0,
                        "",
                        "SIAM STAR",
                        80,
                        new int[] {511, 511, 63, 63},
                        0,
                        new int[] {0, 0, 24, 60},
                        255,
                        "BANGKOK")
                .sentences("B", 4, 60));
        comment(out, "Type 5, Korea (440): ETA date known, hour and minute not available; text with inner spaces");
        out.addAll(AisTestMessages.staticAndVoyage(
                        440123000,
                        9876543,
                        "D7AB",
                        "PAN OCEAN 1",
                        71,
                        new int[] {200, 50, 20, 20},
                        15,
                        new int[] {2, 29, 24, 60},
                        132,
                        "KR PUS > VN HPH")
                .sentences("A", 5, 60));
        comment(out, "Type 18, Thailand (567): 102.2 kn or more, heading not available");
        out.add(AisTestMessages.classB(
                        567123450, 1022, false, tenThousandthMinutes(100.5), tenThousandthMinutes(13.1), 3599, 511, 5)
                .sentence());
        comment(out, "Type 18, Singapore (563): a BSVDM line with tag block (c: in milliseconds)");
        out.add(tagBlock("s:sg-east,c:1736899200123")
                + AisTestMessages.classB(
                                563001000,
                                52,
                                true,
                                tenThousandthMinutes(103.85),
                                tenThousandthMinutes(1.26),
                                901,
                                90,
                                12)
                        .sentences("BSVDM", "B", 0, 82)
                        .getFirst());
        comment(out, "Type 19, Indonesia (525): name padded with @");
        out.addAll(AisTestMessages.extendedClassB(
                        525003000,
                        87,
                        false,
                        tenThousandthMinutes(106.8),
                        tenThousandthMinutes(-6.1),
                        1234,
                        123,
                        46,
                        "KM BAHARI",
                        30,
                        new int[] {10, 5, 2, 3},
                        1)
                .sentences("A", 6, 82));
        comment(out, "Type 24 parts A and B, Taiwan (416), from an ABVDM talker");
        out.add(AisTestMessages.staticPartA(416000555, "FORMOSA 8")
                .sentences("ABVDM", "A", 0, 82)
                .getFirst());
        out.add(AisTestMessages.staticPartB(416000555, 37, "SRT", 3, 12345, "BR1234", 8, 4, 2, 2)
                .sentences("ABVDM", "A", 0, 82)
                .getFirst());
        comment(out, "Type 24 of an auxiliary craft (98 574 xxxx) naming its Vietnamese mothership");
        out.add(AisTestMessages.staticPartA(985741234, "TENDER 1").sentence());
        out.add(AisTestMessages.staticPartB(985741234, 52, "ABC", 1, 42, "", 574001230)
                .sentence());
        comment(out, "Type 27, Viet Nam (574) long range, and Japan (431) with speed and course not available");
        out.add(AisTestMessages.longRange(574002000, 0, tenthMinutes(109.5), tenthMinutes(10.2), 12, 225)
                .sentence());
        out.add(AisTestMessages.longRange(431004000, 1, tenthMinutes(139.7), tenthMinutes(35.4), 63, 511)
                .sentence());
        comment(out, "Type 27, Indonesia (525): position not available (181 and 91 in 1/10 minute)");
        out.add(AisTestMessages.longRange(525000777, 5, 181 * 600, 91 * 600, 0, 0)
                .sentence());
        comment(out, "Own vessel (VDO) on channel 2, Cambodia (514)");
        out.add(AisTestMessages.classA(1, 514000321)
                .navStatus(0)
                .rateOfTurn(0)
                .sogTenths(55)
                .accurate()
                .position(103.5, 10.6)
                .cogTenths(1800)
                .heading(181)
                .second(20)
                .maneuver(1)
                .writer()
                .sentences("AIVDO", "2", 0, 82)
                .getFirst());
        return out;
    }

    private static void comment(List<String> out, String text) {
        out.add("# " + text);
    }

    /** Prints the composed part with its markers, to paste into the fixture file. */
    public static void main(String[] args) {
        System.out.println(BEGIN);
        composedLines().forEach(System.out::println);
        System.out.println(END);
    }
}
