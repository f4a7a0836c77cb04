package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.port.CachePort;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What an answer was built from: the keys its request read with their {@link EntryStamp}s, and the
 * instant the first entry it served stops being fresh. An answer may be given again while
 * {@link #stillHoldIn} says so: then a new execution would read the same bytes, judge them fresh or not
 * the same way, and build the same answer. Immutable.
 *
 * @param stamps     each key read, and the stamp of what it held ({@link EntryStamp#ABSENT}: nothing)
 * @param validUntil until when every entry served stays fresh ({@link Instant#MAX}: none was read)
 * @param weight     about how many bytes these stamps take in memory
 */
public record ReadStamps(Map<String, Long> stamps, Instant validUntil, long weight) {

    public ReadStamps {
        Objects.requireNonNull(stamps, "stamps");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /**
     * Whether, at {@code now}, every entry is still fresh and {@code cache} holds the same bytes under every
     * key (and still nothing where there was nothing), in one round trip. A write, a removal, an expiry or
     * an eviction of any of them, by this instance or another on the same store, is a no; so is a store that
     * cannot answer (its reads are misses).
     */
    public boolean stillHoldIn(CachePort cache, Instant now) {
        if (!now.isBefore(validUntil)) {
            return false;
        }
        if (stamps.isEmpty()) {
            return true;
        }
        Map<String, byte[]> current = cache.getAll(stamps.keySet());
        for (Map.Entry<String, Long> entry : stamps.entrySet()) {
            if (EntryStamp.of(current.get(entry.getKey())) != entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
