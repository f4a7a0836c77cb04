package dev.playlistgateway.domain.cache;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The cache entries one request read, each with the {@link EntryStamp} of the bytes it found (or
 * {@link EntryStamp#ABSENT}): what an answer built from them depends on, so that the answer can be
 * given again only while every one of them is unchanged ({@link ReadStamps}). Filled through the
 * request's {@link ReadRecorder} from any thread the request's loads run on; thread safe.
 */
public final class EntriesRead {

    private final Instant startedAt;
    private final Map<String, byte[]> found = new HashMap<>();
    private boolean inconsistent;

    /** @param startedAt when the request began: an entry fresh only until before then was not served by it */
    public EntriesRead(Instant startedAt) {
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Hears one cache round trip: the keys asked for, and the bytes of those that were there. */
    public synchronized void read(Collection<String> keys, Map<String, byte[]> bytes) {
        for (String key : keys) {
            byte[] value = bytes.get(key);
            byte[] now = value == null ? NOTHING : value;
            byte[] before = found.putIfAbsent(key, now);
            if (before != null && before != now && (before == NOTHING || now == NOTHING || !Arrays.equals(before, now))) {
                // Two reads of one key within the request saw different things: the answer was built from
                // both, which no single state of the cache explains.
                inconsistent = true;
            }
        }
    }

    /**
     * The stamps of what was read, or null when the request saw a key change while it ran. Call it once
     * the request is done.
     */
    public synchronized ReadStamps stamps() {
        if (inconsistent) {
            return null;
        }
        Map<String, byte[]> read = new HashMap<>(found.size() * 2);
        Instant validUntil = Instant.MAX;
        for (Map.Entry<String, byte[]> entry : found.entrySet()) {
            byte[] value = entry.getValue() == NOTHING ? null : entry.getValue();
            read.put(entry.getKey(), value);
            Instant freshUntil = EntryCodec.freshUntilOf(value);
            // An entry no longer fresh when the request began was not served (it was a miss, or a shared copy
            // passed over, and stays so while its bytes are unchanged); every other one must still be fresh.
            if (freshUntil != null && freshUntil.isAfter(startedAt) && freshUntil.isBefore(validUntil)) {
                validUntil = freshUntil;
            }
        }
        return ReadStamps.of(read, validUntil);
    }

    private static final byte[] NOTHING = new byte[0];
}
