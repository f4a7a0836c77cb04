package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.port.CachePort;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an answer was built from: the keys its request read with their {@link EntryStamp}s, and the
 * instant the first entry it served stops being fresh. An answer may be given again while
 * {@link #stillHoldIn} says so: then a new execution would read the same bytes, judge them fresh or not
 * the same way, and build the same answer. Thread safe; what it says never changes.
 *
 * <p>A hit checks thousands of keys (about 4,100 for 50 playlists of 100 tracks), so they are kept in
 * parallel arrays, handed to the cache as a list over the same array, and each key also remembers,
 * weakly, the byte array it was last found to hold with the right stamp. The cache adapters hand out
 * the arrays they hold, and nothing writes into a value once it is stored or read (they are encoded
 * into new arrays, {@link EntryCodec}), so the same instance again is the same bytes and its stamp
 * need not be computed again; any other array, even one with equal bytes, is hashed. The reference is
 * weak so that an answer does not keep alive values its cache has dropped; once collected it is a
 * miss of the shortcut, never a false yes.
 */
public final class ReadStamps {

    /**
     * About what one key costs here besides its characters: its String and array headers, the stamp,
     * two array slots and the weak reference.
     */
    private static final int BYTES_PER_KEY = 96;

    private final String[] keys;
    private final List<String> keyList;
    private final long[] stamps;
    /**
     * Per key, the array last found with its stamp (null: none yet, or nothing was there). Written by
     * any thread that checks without a lock: a racing reader sees null, an earlier reference or this one,
     * and each was proven when written (one published by a race may even read as empty: then it is hashed).
     */
    private final WeakReference<byte[]>[] proven;
    private final Instant validUntil;
    private final long weight;

    /**
     * @param read       each key read and the bytes it held then (null: nothing); the bytes are not copied
     *                   and must not change (as no stored value does)
     * @param validUntil until when every entry served stays fresh ({@link Instant#MAX}: none was read)
     */
    public static ReadStamps of(Map<String, byte[]> read, Instant validUntil) {
        Objects.requireNonNull(read, "read");
        String[] keys = new String[read.size()];
        byte[][] values = new byte[read.size()][];
        int i = 0;
        for (Map.Entry<String, byte[]> entry : read.entrySet()) {
            keys[i] = Objects.requireNonNull(entry.getKey(), "key");
            values[i++] = entry.getValue();
        }
        return new ReadStamps(keys, values, validUntil);
    }

    @SuppressWarnings("unchecked")
    private ReadStamps(String[] keys, byte[][] values, Instant validUntil) {
        this.validUntil = Objects.requireNonNull(validUntil, "validUntil");
        this.keys = keys;
        this.keyList = Collections.unmodifiableList(Arrays.asList(keys));
        this.stamps = new long[keys.length];
        this.proven = new WeakReference[keys.length];
        long bytes = 0;
        for (int i = 0; i < keys.length; i++) {
            stamps[i] = EntryStamp.of(values[i]);
            if (values[i] != null) {
                proven[i] = new WeakReference<>(values[i]);
            }
            bytes += keys[i].length() + BYTES_PER_KEY;
        }
        this.weight = bytes;
    }

    /** Until when every entry served stays fresh ({@link Instant#MAX}: none was read). */
    public Instant validUntil() {
        return validUntil;
    }

    /** About how many bytes these stamps take in memory (not counting the values they were made from). */
    public long weight() {
        return weight;
    }

    /** Each key read, and the stamp of what it held ({@link EntryStamp#ABSENT}: nothing); a copy. */
    public Map<String, Long> stamps() {
        Map<String, Long> all = new LinkedHashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            all.put(keys[i], stamps[i]);
        }
        return Collections.unmodifiableMap(all);
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
        if (keys.length == 0) {
            return true;
        }
        Map<String, byte[]> current = cache.getAll(keyList);
        for (int i = 0; i < keys.length; i++) {
            byte[] held = current.get(keys[i]);
            if (held == null) {
                if (stamps[i] != EntryStamp.ABSENT) {
                    return false;
                }
                continue;
            }
            WeakReference<byte[]> last = proven[i];
            if (last != null && last.get() == held) {
                continue;
            }
            if (EntryStamp.of(held) != stamps[i]) {
                return false;
            }
            // Equal bytes in another array (the near tier read them from Redis again): remember this one.
            proven[i] = new WeakReference<>(held);
        }
        return true;
    }
}
