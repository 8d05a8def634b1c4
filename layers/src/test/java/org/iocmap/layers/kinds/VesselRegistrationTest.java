package org.iocmap.layers.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reads Vietnamese fishing-vessel registration numbers from the names and call signs boats send over AIS. */
class VesselRegistrationTest {
    @Test
    void registrationNumbersAreReadInTheirUsualSpellings() {
        assertThat(VesselPositions.registrationOf("QNA-90123-TS")).isEqualTo("QNA-90123-TS");
        assertThat(VesselPositions.registrationOf("QNa-90123-TS")).isEqualTo("QNA-90123-TS");
        assertThat(VesselPositions.registrationOf("KH 96012 TS")).isEqualTo("KH-96012-TS");
        assertThat(VesselPositions.registrationOf(" BTH-1234-TS ")).isEqualTo("BTH-1234-TS");
    }

    @Test
    void otherNamesAreNotRegistrationNumbers() {
        assertThat(VesselPositions.registrationOf("HAI PHONG 01")).isNull();
        assertThat(VesselPositions.registrationOf("QNA-90123")).isNull();
        assertThat(VesselPositions.registrationOf("QNA-123-TS")).isNull();
        assertThat(VesselPositions.registrationOf(null)).isNull();
    }
}
