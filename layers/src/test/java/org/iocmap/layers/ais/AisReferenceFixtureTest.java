package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the reference fixture itself, so that AisGpsdecodeTest compares what it is meant to. */
class AisReferenceFixtureTest {
    @Test
    void theComposedPartOfTheFileMatchesTheHelperThatWroteIt() {
        assertThat(AisReferenceFixture.composedPartOfFile())
                .as("paste the output of AisReferenceFixture.main between the markers")
                .containsExactlyElementsOf(AisReferenceFixture.composedLines());
    }

    @Test
    void everySentenceOfTheFixtureDecodes() {
        AisDecoder decoder = new AisDecoder();
        List<AisResult> results = new ArrayList<>();
        for (String line : AisReferenceFixture.sentenceLines()) {
            results.addAll(decoder.feed(line, AisDecoderTest.T0));
        }
        assertThat(results).allMatch(AisDecoded.class::isInstance);
        assertThat(decoder.pendingMessages()).isZero();
        assertThat(results).extracting(r -> ((AisDecoded) r).message().type()).contains(1, 2, 3, 5, 18, 19, 24, 27);
    }
}
