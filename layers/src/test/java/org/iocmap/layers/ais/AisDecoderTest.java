package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.iocmap.layers.ais.AisSentenceWriter.sentence;
import static org.iocmap.layers.ais.AisSentenceWriter.tagBlock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.iocmap.layers.ais.AisReject.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests line handling: checksums, tag blocks, sentence fields, reassembly, timeouts, bounds and junk. */
class AisDecoderTest {
    static final Instant T0 = Instant.parse("2025-01-15T00:00:00Z");
    // gpsd test/sample.aivdm: type 1 from 371798000, and type 5 from 351759000 in two fragments
    private static final String TYPE_1 = "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A";
    private static final String TYPE_5_PART_1 =
            "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
    private static final String TYPE_5_PART_2 = "!AIVDM,2,2,1,A,88888888880,2*25";

    @Test
    void decodesOneSentence() {
        AisDecoded decoded = decodeOne(new AisDecoder(), TYPE_1);
        assertThat(decoded.message().mmsi()).isEqualTo(371798000);
        assertThat(decoded.channel()).isEqualTo("A");
        assertThat(decoded.ownVessel()).isFalse();
        assertThat(decoded.source()).isNull();
        assertThat(decoded.time()).isEqualTo(T0);
    }

    @Test
    void surroundingWhiteSpaceAndCrLfAreIgnoredAndBlankLinesGiveNothing() {
        AisDecoder decoder = new AisDecoder();
        assertThat(decoder.feed("  " + TYPE_1 + "\r\n", T0)).singleElement().isInstanceOf(AisDecoded.class);
        assertThat(decoder.feed("", T0)).isEmpty();
        assertThat(decoder.feed(" \r\n", T0)).isEmpty();
        assertThat(decoder.rejectCounts()).isEmpty();
    }

    @Test
    void acceptsOtherTalkersAndOwnVesselSentences() {
        String body = TYPE_1.substring(1, TYPE_1.indexOf('*'));
        for (String talker : List.of("BS", "AB", "AR", "SA")) {
            AisDecoded decoded = decodeOne(new AisDecoder(), sentence(body.replace("AIVDM", talker + "VDM")));
            assertThat(decoded.message().mmsi()).as(talker).isEqualTo(371798000);
        }
        assertThat(decodeOne(new AisDecoder(), sentence(body.replace("AIVDM", "AIVDO")))
                        .ownVessel())
                .isTrue();
    }

    @Test
    void acceptsMetadataAfterTheChecksumAndLowerCaseHex() {
        // US Coast Guard feeds append ",s…,d…,T…" after the checksum (gpsd test/sample.aivdm has such lines)
        assertThat(decodeOne(new AisDecoder(), TYPE_1 + ",s28089,d-103,T39.44353985,x147521,r08TPHI1,1242958962")
                        .message()
                        .mmsi())
                .isEqualTo(371798000);
        assertThat(decodeOne(new AisDecoder(), TYPE_1.replace("*4A", "*4a"))
                        .message()
                        .mmsi())
                .isEqualTo(371798000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "checksum off by one | !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B | BAD_CHECKSUM | checksum is 4A but the sentence says 4B",
                "payload character changed | !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CR,0*4A | BAD_CHECKSUM | but the sentence says 4A",
                "no checksum | !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0 | MALFORMED | no *checksum",
                "one hex digit | !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4 | MALFORMED | 2 hex digits",
                "not hex | !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4G | MALFORMED | 2 hex digits",
                "junk after checksum | !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4Axyz | MALFORMED | after the checksum",
                "no start mark | AIVDM,2,2,1,B,00000000000,2*26 | MALFORMED | expected a sentence starting with ! or $ but found 'A'",
            })
    void rejectsBrokenFraming(String what, String line, Reason reason, String detail) {
        checkReject(line, reason, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "GPS fix | GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,, | $GPGGA is not an AIS sentence",
                "AIS receiver status | AIVSI,1234567899,,041848.95096061,0427,-098,03 | $AIVSI is not an AIS sentence",
                "proprietary | PGRME,15.0,M,45.0,M,25.0,M | $PGRME is not an AIS sentence",
            })
    void rejectsSentencesThatAreNotAis(String what, String body, String detail) {
        String line = "$" + body + "*" + AisSentenceWriter.checksum(body);
        checkReject(line, Reason.NOT_AIS, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "fragment count 0 | AIVDM,0,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0 | BAD_FIELD | fragment count 0 is not within 1-9",
                "number above count | AIVDM,1,2,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0 | BAD_FIELD | fragment number 2 is not within 1-1",
                "count not a digit | AIVDM,x,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0 | BAD_FIELD | fragment count 'x' is not a digit",
                "sequence id 10 | AIVDM,1,1,10,A,15RTgt0PAso;90TKcjM8h6g208CQ,0 | BAD_FIELD | sequential message id '10'",
                "channel of two letters | AIVDM,1,1,,AB,15RTgt0PAso;90TKcjM8h6g208CQ,0 | BAD_FIELD | channel 'AB'",
                "fill bits 6 | AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,6 | BAD_FIELD | fill bits 6 is not within 0-5",
                "no fill bits | AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ, | BAD_FIELD | fill bits '' is not a digit",
                "payload char outside armoring | AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQx,0 | BAD_FIELD | payload character 'x' at position 29",
                "empty payload | AIVDM,1,1,,A,,0 | BAD_FIELD | payload is empty",
                "six fields | AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ | MALFORMED | needs 7 fields but has 6",
                "eight fields | AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0,0 | MALFORMED | needs 7 fields but has 8",
                "lower-case talker | aiVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0 | MALFORMED | talker id 'ai'",
            })
    void rejectsCorruptFields(String what, String body, Reason reason, String detail) {
        checkReject(sentence(body), reason, detail);
    }

    @Test
    void rejectsMessageTypesItDoesNotReadAndPayloadsTooShort() {
        // gpsd test/sample.aivdm: a type 4 base station report
        checkReject(
                "!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D",
                Reason.UNSUPPORTED_TYPE,
                "type 4 (base station report) is not decoded");
        checkReject(sentence("AIVDM,1,1,,A,15RTgt0PAso;90TK,0"), Reason.TOO_SHORT, "type 1 needs at least 149 bits");
        checkReject(sentence("AIVDM,1,1,,A,15RTgt,0"), Reason.TOO_SHORT, "even the MMSI needs 38");
    }

    @Test
    void readsTheTagBlockSourceAndTimeInSecondsOrMilliseconds() {
        AisDecoded seconds = decodeOne(new AisDecoder(), tagBlock("s:vn-nhatrang,c:1736899200") + TYPE_1);
        assertThat(seconds.source()).isEqualTo("vn-nhatrang");
        assertThat(seconds.sourceTime()).isEqualTo(Instant.parse("2025-01-15T00:00:00Z"));
        assertThat(seconds.time()).isEqualTo(seconds.sourceTime());
        AisDecoded millis = decodeOne(new AisDecoder(), tagBlock("c:1736899200123,s:sg-east") + TYPE_1);
        assertThat(millis.sourceTime()).isEqualTo(Instant.parse("2025-01-15T00:00:00.123Z"));
        AisDecoded other = decodeOne(new AisDecoder(), tagBlock("g:1-2-0042,n:17,t:text") + TYPE_1);
        assertThat(other.source()).isNull();
        assertThat(other.time()).isEqualTo(T0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // from pyais tests/test_tag_block.py, whose checksum is wrong
                "wrong checksum (pyais sample) | \\n:3140,s:FooBar,c:1428451253*1C\\ | tag block checksum is 5E but the block says 1C",
                "no checksum | \\s:FooBar,c:1428451253\\ | tag block has no *checksum",
                "not closed | \\s:FooBar*7D | tag block is not closed by a backslash",
                "checksum of 3 digits | \\s:FooBar*07D\\ | tag block checksum must be 2 hex digits",
            })
    void rejectsBadTagBlocks(String what, String prefix, String detail) {
        checkReject(prefix + "!BSVDM,1,1,,A,13nN34?000QFpgRWnQLLSPpF00SO,0*06", Reason.BAD_TAG_BLOCK, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "time not a number | s:rx,c:yesterday | c:yesterday is not a UNIX time",
                "negative time | c:-5 | c:-5 is not a UNIX time",
                "time too long | c:12345678901234 | c:12345678901234 is not a UNIX time",
                "field without code | s:rx,junk | tag block field 'junk' is not code:value",
            })
    void rejectsTagBlocksWithFieldsThatCannotBeRead(String what, String fields, String detail) {
        checkReject(tagBlock(fields) + TYPE_1, Reason.BAD_TAG_BLOCK, detail);
    }

    @Test
    void aRejectAfterAGoodTagBlockNamesItsSource() {
        List<AisResult> results =
                new AisDecoder().feed(tagBlock("s:vn-vungtau,c:1736899200") + TYPE_1.replace("*4A", "*4B"), T0);
        assertThat(results).singleElement().isInstanceOfSatisfying(AisReject.class, reject -> {
            assertThat(reject.reason()).isEqualTo(Reason.BAD_CHECKSUM);
            assertThat(reject.source()).isEqualTo("vn-vungtau");
        });
    }

    @Test
    void rejectsATagBlockWithNoSentence() {
        checkReject(tagBlock("s:rx,c:1736899200"), Reason.MALFORMED, "no sentence follows the tag block");
    }

    @Test
    void joinsFragmentsAndReportsTheTimeOfTheLast() {
        AisDecoder decoder = new AisDecoder();
        assertThat(decoder.feed(TYPE_5_PART_1, T0)).isEmpty();
        assertThat(decoder.pendingMessages()).isEqualTo(1);
        List<AisResult> results = decoder.feed(TYPE_5_PART_2, T0.plusMillis(300));
        assertThat(results).singleElement().isInstanceOfSatisfying(AisDecoded.class, decoded -> {
            assertThat(decoded.message()).isInstanceOf(StaticData.class);
            assertThat(decoded.receivedAt()).isEqualTo(T0.plusMillis(300));
        });
        assertThat(decoder.pendingMessages()).isZero();
    }

    @Test
    void joinsFragmentsThatArriveOutOfOrder() {
        AisDecoder decoder = new AisDecoder();
        assertThat(decoder.feed(TYPE_5_PART_2, T0)).isEmpty();
        assertThat(decoder.feed(TYPE_5_PART_1, T0)).singleElement().isInstanceOf(AisDecoded.class);
    }

    @Test
    void keepsInterleavedMessagesOnDifferentChannelsApart() {
        // gpsd test/sample.aivdm, "channel multiplexing test"
        AisDecoder decoder = new AisDecoder();
        List<AisResult> results = feedAll(
                decoder,
                "!AIVDM,2,1,6,B,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht50000000000,0*3B",
                "!AIVDM,2,1,2,A,542M92h00001@<7;?G0PD4i@R0<tqA8tj37>220o0h:2240Ht500000000000000,0*3C",
                "!AIVDM,2,2,2,A,0000002,2*24",
                "!AIVDM,2,2,6,B,00000000000,2*21");
        assertThat(results).hasSize(2).allMatch(AisDecoded.class::isInstance);
        assertThat(results).extracting(r -> ((AisDecoded) r).channel()).containsExactly("A", "B");
        assertThat(results).extracting(r -> ((AisDecoded) r).message().mmsi()).containsOnly(271010059);
    }

    @Test
    void keepsTwoMessagesWithTheSameSequenceIdOnChannelsAAndBApart() {
        int[] dimensions = {100, 20, 5, 5};
        int[] eta = {1, 2, 3, 4};
        List<String> a = AisTestMessages.staticAndVoyage(
                        574000001, 0, "A1", "ALPHA", 70, dimensions, 1, eta, 50, "VN HPH")
                .sentences("A", 4, 60);
        List<String> b = AisTestMessages.staticAndVoyage(
                        413000002, 0, "B2", "BRAVO", 70, dimensions, 1, eta, 50, "CN SHA")
                .sentences("B", 4, 60);
        List<AisResult> results = feedAll(new AisDecoder(), a.get(0), b.get(0), b.get(1), a.get(1));
        assertThat(results)
                .extracting(r -> ((StaticData) ((AisDecoded) r).message()).name())
                .containsExactly("BRAVO", "ALPHA");
    }

    @Test
    void aContinuationWithoutSourceJoinsTheMessageWhoseFirstFragmentWasTagged() {
        AisDecoder decoder = new AisDecoder();
        List<AisResult> results = feedAll(
                decoder, tagBlock("s:rx1,c:1736899200,g:1-2-7") + TYPE_5_PART_1, tagBlock("g:2-2-7") + TYPE_5_PART_2);
        assertThat(results).singleElement().isInstanceOfSatisfying(AisDecoded.class, decoded -> {
            assertThat(decoded.source()).isEqualTo("rx1");
            assertThat(decoded.sourceTime()).isEqualTo(Instant.parse("2025-01-15T00:00:00Z"));
        });
    }

    @Test
    void keepsFragmentsOfTwoTaggedSourcesApart() {
        AisDecoder decoder = new AisDecoder();
        List<AisResult> results = feedAll(
                decoder,
                tagBlock("s:rx1") + TYPE_5_PART_1,
                tagBlock("s:rx2") + TYPE_5_PART_1,
                tagBlock("s:rx2") + TYPE_5_PART_2,
                tagBlock("s:rx1") + TYPE_5_PART_2);
        assertThat(results).hasSize(2).allMatch(AisDecoded.class::isInstance);
        assertThat(results).extracting(AisResult::source).containsExactly("rx2", "rx1");
    }

    @Test
    void dropsAnOrphanFragmentAfterTheTimeoutAndCountsIt() {
        AisDecoder decoder = new AisDecoder(Duration.ofSeconds(2), 16);
        assertThat(decoder.feed(TYPE_5_PART_1, T0)).isEmpty();
        assertThat(decoder.expire(T0.plusSeconds(2)))
                .as("exactly at the timeout")
                .isEmpty();
        List<AisReject> rejects = decoder.expire(T0.plusMillis(2001));
        assertThat(rejects).singleElement().satisfies(reject -> {
            assertThat(reject.reason()).isEqualTo(Reason.FRAGMENT_TIMEOUT);
            assertThat(reject.detail()).contains("fragments 2 of 2 did not arrive within 2000 ms");
            assertThat(reject.line()).isEqualTo(TYPE_5_PART_1);
        });
        assertThat(decoder.pendingMessages()).isZero();
        assertThat(decoder.rejectCounts()).containsExactly(Map.entry(Reason.FRAGMENT_TIMEOUT, 1L));
    }

    @Test
    void aLateFragmentDoesNotJoinAnExpiredMessage() {
        AisDecoder decoder = new AisDecoder();
        assertThat(decoder.feed(TYPE_5_PART_1, T0)).isEmpty();
        List<AisResult> results = decoder.feed(TYPE_5_PART_2, T0.plusSeconds(3));
        assertThat(results).singleElement().isInstanceOfSatisfying(AisReject.class, reject -> assertThat(
                        reject.reason())
                .isEqualTo(Reason.FRAGMENT_TIMEOUT));
        assertThat(decoder.pendingMessages())
                .as("the late fragment now waits alone")
                .isEqualTo(1);
        assertThat(decoder.expire(T0.plusSeconds(6))).singleElement().satisfies(reject -> assertThat(reject.detail())
                .contains("fragments 1 of 2"));
    }

    @Test
    void aRepeatedFirstFragmentSupersedesTheIncompleteMessage() {
        AisDecoder decoder = new AisDecoder();
        assertThat(decoder.feed(TYPE_5_PART_1, T0)).isEmpty();
        List<AisResult> results = decoder.feed(TYPE_5_PART_1, T0.plusMillis(100));
        assertThat(results).singleElement().isInstanceOfSatisfying(AisReject.class, reject -> {
            assertThat(reject.reason()).isEqualTo(Reason.FRAGMENT_SUPERSEDED);
            assertThat(reject.detail()).contains("fragments 2 of 2 never arrived");
        });
        assertThat(decoder.feed(TYPE_5_PART_2, T0.plusMillis(200)))
                .singleElement()
                .isInstanceOf(AisDecoded.class);
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfIncompleteMessages() {
        AisDecoder decoder = new AisDecoder(Duration.ofSeconds(2), 4);
        List<AisResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.addAll(decoder.feed(tagBlock("s:rx" + i) + TYPE_5_PART_1, T0));
        }
        assertThat(decoder.pendingMessages()).isEqualTo(4);
        assertThat(results).hasSize(6).allSatisfy(result -> assertThat(((AisReject) result).reason())
                .isEqualTo(Reason.FRAGMENT_OVERFLOW));
        assertThat(results).extracting(AisResult::source).containsExactly("rx0", "rx1", "rx2", "rx3", "rx4", "rx5");
    }

    @Test
    void countsDecodedMessagesAndRejectsByReason() {
        AisDecoder decoder = new AisDecoder();
        feedAll(
                decoder,
                TYPE_1,
                TYPE_1.replace("*4A", "*4B"),
                TYPE_1.replace("*4A", "*00"),
                "$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*76",
                "hello");
        assertThat(decoder.decodedCount()).isEqualTo(1);
        assertThat(decoder.rejectCounts())
                .containsOnly(
                        Map.entry(Reason.BAD_CHECKSUM, 2L),
                        Map.entry(Reason.NOT_AIS, 1L),
                        Map.entry(Reason.MALFORMED, 1L));
    }

    @Test
    void aFloodOfJunkNeverThrowsAndKeepsMemoryBounded() {
        AisDecoder decoder = new AisDecoder(Duration.ofSeconds(2), 64);
        Random random = new Random(20250115);
        String alphabet = "!$\\*,:0123456789ABCDEFVDMOsc`w@?<>;=PQRSTUVWabcdefghijklmnopqrstuvwxyz \t";
        List<String> valid = new ArrayList<>(AisReferenceFixture.sentenceLines());
        for (int i = 0; i < 30_000; i++) {
            String line =
                    switch (i % 6) {
                        case 0 -> randomText(random, alphabet, random.nextInt(120));
                        case 1 -> mutate(random, valid.get(random.nextInt(valid.size())));
                        case 2 -> {
                            String whole = valid.get(random.nextInt(valid.size()));
                            yield whole.substring(0, random.nextInt(whole.length()));
                        }
                        // first fragments that never complete, on every channel, sequence id and source
                        case 3 ->
                            tagBlock("s:rx" + random.nextInt(1000))
                                    + sentence("AIVDM,3,1," + random.nextInt(10) + ",A,58Lft>l000000000001<T4n1=@58,0");
                        case 4 -> randomBytes(random, random.nextInt(200));
                        default -> valid.get(random.nextInt(valid.size()));
                    };
            Instant at = T0.plusMillis(i);
            assertThatCode(() -> decoder.feed(line, at)).as(line).doesNotThrowAnyException();
            assertThat(decoder.pendingMessages()).isLessThanOrEqualTo(64);
        }
        assertThatCode(() -> decoder.feed("!" + "A".repeat(1_000_000), T0)).doesNotThrowAnyException();
        assertThat(decoder.decodedCount()).isPositive();
        assertThat(decoder.rejectCounts()).doesNotContainKey(Reason.DECODER_ERROR);
    }

    @Test
    void keepsAtMostTheFirstKilobyteOfARejectedLine() {
        List<AisResult> results = new AisDecoder().feed("!" + "A".repeat(1_000_000), T0);
        assertThat(results).singleElement().isInstanceOfSatisfying(AisReject.class, reject -> {
            assertThat(reject.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(reject.line()).hasSize(AisReject.MAX_LINE_CHARS);
            assertThat(reject.detail()).contains("1000001 characters long");
        });
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String randomBytes(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    /** Changes one character of {@code line}, sometimes fixing the checksum so the damage reaches the decoder. */
    private static String mutate(Random random, String line) {
        int at = random.nextInt(line.length());
        String changed = line.substring(0, at) + (char) (32 + random.nextInt(95)) + line.substring(at + 1);
        int bang = changed.indexOf('!');
        int star = changed.lastIndexOf('*');
        if (random.nextBoolean() && bang >= 0 && star > bang) {
            return changed.substring(0, bang) + sentence(changed.substring(bang + 1, star));
        }
        return changed;
    }

    static List<AisResult> feedAll(AisDecoder decoder, String... lines) {
        List<AisResult> results = new ArrayList<>();
        for (String line : lines) {
            results.addAll(decoder.feed(line, T0));
        }
        return results;
    }

    static AisDecoded decodeOne(AisDecoder decoder, String line) {
        List<AisResult> results = decoder.feed(line, T0);
        assertThat(results).as(line).singleElement().isInstanceOf(AisDecoded.class);
        return (AisDecoded) results.getFirst();
    }

    private static void checkReject(String line, Reason reason, String detail) {
        List<AisResult> results = new AisDecoder().feed(line, T0);
        assertThat(results).as(line).singleElement().isInstanceOfSatisfying(AisReject.class, reject -> {
            assertThat(reject.reason()).isEqualTo(reason);
            assertThat(reject.detail()).contains(detail);
            assertThat(reject.line()).isEqualTo(line.strip());
            assertThat(reject.message()).startsWith(reason + ": ");
        });
    }
}
