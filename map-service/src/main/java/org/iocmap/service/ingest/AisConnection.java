package org.iocmap.service.ingest;

import java.time.Clock;
import java.time.Instant;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisDecoder;
import org.iocmap.layers.ais.AisReject;
import org.iocmap.layers.ais.AisResult;

/**
 * Decodes the byte stream of one AIS connection (a TCP client, the UDP socket, the feed client's current
 * connection): cuts it into lines, decodes each with this connection's own {@link AisDecoder} (so that the parts of a
 * multi-part message are joined only with parts from the same sender), counts every line and reject, and queues the
 * good messages for the source's {@link AisBatchStore}. A bad line never stops the next.
 *
 * <p>Used only from one event loop; not thread-safe.
 */
final class AisConnection implements AisLineSplitter.Sink {
    private final AisLineSplitter splitter = new AisLineSplitter();
    private final AisDecoder decoder = new AisDecoder();
    private final IngestStats.Source stats;
    private final AisBatchStore store;
    private final Clock clock;

    AisConnection(IngestStats.Source stats, AisBatchStore store, Clock clock) {
        this.stats = stats;
        this.store = store;
        this.clock = clock;
    }

    /** Takes the next bytes of the stream. */
    void feed(byte[] bytes) {
        splitter.feed(bytes, this);
    }

    /** Ends a datagram: its last line needs no line break. */
    void endOfDatagram() {
        splitter.finish(this);
    }

    /** Rejects the parts of multi-part messages that waited longer than the decoder's timeout. */
    void expire(Instant now) {
        decoder.expire(now).forEach(this::collect);
    }

    /** Ends the stream: the last line is decoded, and parts still waiting will never be completed. */
    void close() {
        splitter.finish(this);
        expire(clock.instant().plus(AisDecoder.DEFAULT_FRAGMENT_TIMEOUT).plusSeconds(1));
    }

    @Override
    public void line(String line) {
        if (line.isBlank()) {
            return;
        }
        Instant now = clock.instant();
        stats.line(now);
        for (AisResult result : decoder.feed(line, now)) {
            collect(result);
        }
    }

    @Override
    public void tooLong(long length) {
        stats.line(clock.instant());
        stats.rejected(IngestStats.LINE_TOO_LONG);
    }

    private void collect(AisResult result) {
        switch (result) {
            case AisDecoded d -> store.add(d);
            case AisReject r -> stats.rejected(r.reason().name());
        }
    }
}
