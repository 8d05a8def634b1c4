package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MmsiFlagsTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "Viet Nam, 574001230, VN",
        "China 412, 412345678, CN",
        "China 413, 413256780, CN",
        "China 414, 414000001, CN",
        "Malaysia, 533012345, MY",
        "Indonesia, 525003000, ID",
        "Philippines, 548123400, PH",
        "Thailand, 567000123, TH",
        "Taiwan, 416000555, TW",
        "Hong Kong, 477123456, HK",
        "Singapore 563, 563001000, SG",
        "Singapore 566, 566123456, SG",
        "Japan, 431004000, JP",
        "Korea, 440123000, KR",
        "Cambodia, 514000321, KH",
        "Myanmar, 506000001, MM",
        "Brunei, 508000001, BN",
        "Timor-Leste, 550000001, TL",
        "Lao, 531000001, LA",
        "Australia, 503000002, AU",
        "Panama, 371798000, PA",
        "Liberia, 636012345, LR",
        "Marshall Islands, 538004962, MH",
        "United States, 367059850, US",
        "Norway, 258442000, NO",
        "coast station 00MID, 005741234, VN",
        "group of ships 0MID, 057412345, VN",
        "craft of a mothership 98MID, 985741234, VN",
        "aid to navigation 99MID, 995741234, VN",
        "SAR aircraft 111MID, 111574123, VN",
        "handheld VHF 8MID, 857412345, VN",
    })
    void findsTheFlagFromTheMid(String what, String mmsi, String expected) {
        // a String, not an int: JUnit would read a leading 0 as octal
        assertThat(MmsiFlags.findCountry(Integer.parseInt(mmsi))).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SART, 970123456",
        "man overboard, 972123456",
        "EPIRB, 974123456",
        "unassigned MID 200, 200123456",
        "ambiguous MID 306, 306123456",
        "unassigned MID 799, 799123456",
        "starts with 1, 123456789",
        "zero, 0",
        "ten digits, 1000000000",
        "negative, -1",
    })
    void findsNoFlagWhenTheMmsiCarriesNoKnownMid(String what, int mmsi) {
        assertThat(MmsiFlags.findCountry(mmsi)).isEmpty();
    }

    @Test
    void everyCodeIsAnIso3166Alpha2Country() {
        Set<String> iso = Set.of(Locale.getISOCountries());
        for (int mid = 200; mid < 800; mid++) {
            MmsiFlags.findCountry(mid * 1_000_000)
                    .ifPresent(code -> assertThat(iso).contains(code));
        }
    }

    @Test
    void coversEveryMidOfSouthEastAndEastAsia() {
        int[] mids = {
            412, 413, 414, 416, 431, 432, 440, 441, 445, 453, 457, 477, 506, 508, 514, 515, 525, 531, 533, 548, 550,
            563, 564, 565, 566, 567, 574
        };
        for (int mid : mids) {
            assertThat(MmsiFlags.findCountry(mid * 1_000_000)).as("MID %d", mid).isPresent();
        }
    }
}
