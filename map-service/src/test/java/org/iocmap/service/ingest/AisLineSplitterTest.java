package org.iocmap.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AisLineSplitterTest {
    private final AisLineSplitter splitter = new AisLineSplitter();
    private final List<String> seen = new ArrayList<>();
    private final AisLineSplitter.Sink sink = new AisLineSplitter.Sink() {
        @Override
        public void line(String line) {
            seen.add(line);
        }

        @Override
        public void tooLong(long length) {
            seen.add("too long: " + length);
        }
    };

    private void feed(String text) {
        splitter.feed(text.getBytes(StandardCharsets.ISO_8859_1), sink);
    }

    @Test
    void linesEndWithNewlineOrCrLfWhateverTheChunks() {
        feed("!AIVDM,a\r\n!AI");
        feed("VDM,b\n\n");
        feed("rest");
        assertThat(seen).containsExactly("!AIVDM,a", "!AIVDM,b", "");
        splitter.finish(sink);
        assertThat(seen).containsExactly("!AIVDM,a", "!AIVDM,b", "", "rest");
    }

    @Test
    void aTooLongLineIsSkippedToItsEndAndTheNextLineStillComes() {
        String longest = "x".repeat(AisLineSplitter.MAX_LINE_CHARS);
        feed(longest + "\r\n");
        feed("y".repeat(5000));
        feed("y".repeat(5000) + "\nnext\n");
        assertThat(seen).containsExactly(longest, "too long: 10000", "next");
    }

    @Test
    void aLineOneCharacterTooLongIsReportedEvenWithCrLf() {
        feed("z".repeat(AisLineSplitter.MAX_LINE_CHARS + 1) + "\r\nok\n");
        assertThat(seen).containsExactly("too long: 1001", "ok");
    }
}
