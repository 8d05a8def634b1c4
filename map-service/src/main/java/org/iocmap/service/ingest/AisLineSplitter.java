package org.iocmap.service.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into NMEA lines on {@code \n} or {@code \r\n}, whatever size the chunks come in. A line longer
 * than {@value #MAX_LINE_CHARS} characters (an NMEA sentence has at most 82, a tag block adds a few dozen) is reported
 * by its length and skipped up to its end, so that a flood of junk never holds more than one line's worth of memory
 * and never stops the lines after it.
 *
 * <p>Bytes are read as ISO-8859-1, so that every byte of junk stays one character and the decoder can name it.
 * One splitter per connection; not thread-safe.
 */
final class AisLineSplitter {
    /** The longest line passed on. */
    static final int MAX_LINE_CHARS = 1000;

    /** Receives the lines. */
    interface Sink {
        /** Receives one line without its line break. */
        void line(String line);

        /** Receives the length of a line that was too long and was skipped. */
        void tooLong(long length);
    }

    private final byte[] buffer = new byte[MAX_LINE_CHARS + 1]; // + 1: room for a trailing \r
    private int length;
    private long skipped; // > 0 while skipping the rest of a too long line
    private byte last;

    /** Passes every line completed by {@code bytes} to {@code sink}; keeps the unfinished rest for the next call. */
    void feed(byte[] bytes, Sink sink) {
        for (byte b : bytes) {
            if (b == '\n') {
                endLine(sink);
                continue;
            }
            last = b;
            if (skipped > 0) {
                skipped++;
            } else if (length == buffer.length) {
                skipped = length + 1L;
                length = 0;
            } else {
                buffer[length++] = b;
            }
        }
    }

    /** Ends the stream (a closed connection, the end of a datagram): the unfinished rest is a line too. */
    void finish(Sink sink) {
        if (length > 0 || skipped > 0) {
            endLine(sink);
        }
    }

    private void endLine(Sink sink) {
        if (skipped > 0) {
            long tooLong = last == '\r' ? skipped - 1 : skipped;
            skipped = 0;
            sink.tooLong(tooLong);
            return;
        }
        int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
        length = 0;
        if (end > MAX_LINE_CHARS) {
            sink.tooLong(end);
        } else {
            sink.line(new String(buffer, 0, end, StandardCharsets.ISO_8859_1));
        }
    }
}
