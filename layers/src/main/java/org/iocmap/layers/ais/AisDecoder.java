package org.iocmap.layers.ais;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a feed of AIS NMEA 0183 lines: {@code !AIVDM} and {@code !AIVDO} sentences from any talker ({@code !BSVDM},
 * {@code !ABVDM}...), each optionally preceded by an NMEA 4.10 tag block {@code \s:source,c:unixtime*hh\}. Sentence
 * and tag block checksums are checked and multi-part messages are reassembled.
 * <p>Bad input never throws: a line that cannot be decoded, for a bad checksum, a corrupt field, an unknown sentence
 * such as {@code $GPGGA}, a message type not read here or an impossible value, becomes an {@link AisReject} saying
 * why. Fragments whose message does not complete within the fragment timeout become {@link
 * AisReject.Reason#FRAGMENT_TIMEOUT} rejects, and at most {@code maxPendingMessages} incomplete messages are kept, so
 * memory stays bounded under a flood. Every reject is counted by reason.
 * <p>Time is the caller's: {@code receivedAt} drives the fragment timeout, so a recorded feed can be replayed with its
 * own times. Not thread-safe: use one decoder per feed, from one thread at a time.
 */
public final class AisDecoder {
    /** Drops a multi-part message whose fragments have not all arrived within this time of the first one. */
    public static final Duration DEFAULT_FRAGMENT_TIMEOUT = Duration.ofSeconds(2);
    /** Keeps at most this many incomplete multi-part messages. */
    public static final int DEFAULT_MAX_PENDING_MESSAGES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AisDecoder.class);

    private final FragmentAssembler assembler;
    private final EnumMap<AisReject.Reason, Long> rejectCounts = new EnumMap<>(AisReject.Reason.class);
    private long decodedCount;

    /** Creates a decoder with the default fragment timeout (2 s) and pending message cap (1024). */
    public AisDecoder() {
        this(DEFAULT_FRAGMENT_TIMEOUT, DEFAULT_MAX_PENDING_MESSAGES);
    }

    /**
     * Creates a decoder.
     *
     * @param fragmentTimeout how long the first fragment of a multi-part message waits for the others; positive
     * @param maxPendingMessages how many incomplete multi-part messages may wait at once; at least 1
     */
    public AisDecoder(Duration fragmentTimeout, int maxPendingMessages) {
        this.assembler = new FragmentAssembler(fragmentTimeout, maxPendingMessages);
    }

    /**
     * Decodes one line, received at {@code receivedAt}. Returns a decoded message or a reject for it, nothing when it
     * is blank or one fragment of a message still incomplete, and also a reject for each incomplete message that has
     * timed out by {@code receivedAt} or was displaced by this line. Surrounding white space (such as CR LF) is ignored.
     */
    public List<AisResult> feed(String line, Instant receivedAt) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(receivedAt, "receivedAt");
        List<AisResult> results = new ArrayList<>(1);
        assembler.expire(receivedAt, results);
        String text = line.strip();
        if (!text.isEmpty()) {
            try {
                accept(text, receivedAt, results);
            } catch (RuntimeException e) {
                results.add(decoderError(e, text, null, receivedAt));
            }
        }
        count(results);
        return results;
    }

    /**
     * Drops the incomplete multi-part messages whose first fragment arrived more than the fragment timeout before
     * {@code now}, and returns a reject for each. {@link #feed} does this too; call this when the feed goes quiet.
     */
    public List<AisReject> expire(Instant now) {
        Objects.requireNonNull(now, "now");
        List<AisReject> rejects = new ArrayList<>(0);
        assembler.expire(now, rejects);
        rejects.forEach(reject -> rejectCounts.merge(reject.reason(), 1L, Long::sum));
        return rejects;
    }

    /** Returns how many rejects of each reason this decoder has returned; reasons never seen are absent. */
    public Map<AisReject.Reason, Long> rejectCounts() {
        return Collections.unmodifiableMap(new EnumMap<>(rejectCounts));
    }

    /** Returns how many messages this decoder has decoded. */
    public long decodedCount() {
        return decodedCount;
    }

    /** Returns how many incomplete multi-part messages are waiting for fragments. */
    public int pendingMessages() {
        return assembler.pendingCount();
    }

    private void accept(String text, Instant receivedAt, List<AisResult> results) {
        VdmLine fragment;
        try {
            fragment = VdmLine.parse(text);
        } catch (AisFormatException e) {
            results.add(new AisReject(e.reason(), e.getMessage(), text, e.source(), receivedAt));
            return;
        }
        List<VdmLine> fragments =
                fragment.fragmentCount() == 1 ? List.of(fragment) : assembler.add(fragment, receivedAt, results);
        if (fragments != null) {
            results.add(decode(fragments, receivedAt));
        }
    }

    private static AisResult decode(List<VdmLine> fragments, Instant receivedAt) {
        VdmLine first = fragments.getFirst();
        String source = null;
        Instant sourceTime = null;
        StringBuilder payload = new StringBuilder();
        for (VdmLine fragment : fragments) {
            payload.append(fragment.payload());
            // The first source and time found: many feeds put them in the first fragment's tag block only.
            if (fragment.tagBlock() != null) {
                source = source != null ? source : fragment.tagBlock().source();
                sourceTime =
                        sourceTime != null ? sourceTime : fragment.tagBlock().time();
            }
        }
        try {
            // Fill bits count only on the last fragment; earlier ones should carry 0 and are not trusted to.
            SixBitPayload bits = SixBitPayload.dearmor(
                    payload.toString(), fragments.getLast().fillBits());
            AisMessage message = AisPayloadDecoder.decode(bits);
            return new AisDecoded(message, source, sourceTime, receivedAt, first.ownVessel(), first.channel());
        } catch (AisFormatException e) {
            return new AisReject(e.reason(), e.getMessage(), lines(fragments), source, receivedAt);
        } catch (RuntimeException e) {
            return decoderError(e, lines(fragments), source, receivedAt);
        }
    }

    private static AisReject decoderError(RuntimeException e, String lines, String source, Instant receivedAt) {
        // A decoder bug must not stop the feed; the reject keeps the lines so that they can be replayed once fixed.
        LOG.warn("AIS decoder failed on {}", lines, e);
        return new AisReject(AisReject.Reason.DECODER_ERROR, "decoder failed: " + e, lines, source, receivedAt);
    }

    private static String lines(List<VdmLine> fragments) {
        return String.join("\n", fragments.stream().map(VdmLine::line).toList());
    }

    private void count(List<AisResult> results) {
        for (AisResult result : results) {
            switch (result) {
                case AisDecoded decoded -> decodedCount++;
                case AisReject reject -> rejectCounts.merge(reject.reason(), 1L, Long::sum);
            }
        }
    }
}
