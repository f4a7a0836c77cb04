package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.port.CachePort;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link CachePort} as typed, dated entries: a value is written with the instant until which it is
 * fresh ({@link EntryCodec}) and kept for its kind's time plus the stale grace ({@link CacheTtls#keepFor});
 * bytes that do not decode read as a miss. Thread safe; never throws for the store's trouble (the port
 * does not).
 */
public final class EntryStore {

    private final CachePort cache;
    private final CacheTtls ttls;
    private final Clock clock;

    /**
     * @param cache where entries are kept
     * @param ttls  how long each kind stays fresh, and the stale grace
     * @param clock the time freshness is judged by (tests pass a moving clock)
     */
    public EntryStore(CachePort cache, CacheTtls ttls, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Instant now() {
        return clock.instant();
    }

    /** The entries under {@code keys} that decode, in one round trip; the others are absent. */
    public <V> Map<String, EntryCodec.Entry<V>> getAll(Collection<String> keys, EntryCodec<V> codec) {
        return getAll(keys, codec, ReadRecorder.NONE);
    }

    /** As {@link #getAll(Collection, EntryCodec)}, telling {@code reads} what the round trip found. */
    public <V> Map<String, EntryCodec.Entry<V>> getAll(Collection<String> keys, EntryCodec<V> codec, ReadRecorder reads) {
        Map<String, EntryCodec.Entry<V>> entries = new HashMap<>();
        Map<String, byte[]> found = cache.getAll(keys);
        reads.entriesRead(keys, found);
        found.forEach((key, bytes) -> {
            EntryCodec.Entry<V> entry = codec.decode(bytes);
            if (entry != null) {
                entries.put(key, entry);
            }
        });
        return entries;
    }

    /** The entry under {@code key}, if there is one that decodes. */
    public <V> Optional<EntryCodec.Entry<V>> get(String key, EntryCodec<V> codec) {
        return cache.get(key).map(codec::decode);
    }

    /**
     * Stores what a read brought from upstream, unless a change to data of its kind began since the read
     * did ({@code began}): then it may be the old version. If one began during the write, what was written
     * is removed again: checking after the write closes the gap where the change's own invalidation ran
     * between our check and our write.
     */
    public <V> void putRead(DataKind kind, EntryCodec<V> codec, Map<String, V> entries, ChangeCounter.Mark began) {
        if (entries.isEmpty() || began.changed(kind)) {
            return;
        }
        Instant freshUntil = clock.instant().plus(ttls.freshFor(kind));
        Map<String, byte[]> encoded = new HashMap<>();
        entries.forEach((key, value) -> encoded.put(key, codec.encode(value, freshUntil)));
        cache.putAll(encoded, ttls.keepFor(kind));
        if (began.changed(kind)) {
            cache.delete(entries.keySet());
        }
    }

    public void delete(Collection<String> keys) {
        cache.delete(keys);
    }

    /** A store may keep entries longer than asked: one is never served past its fresh time plus the grace. */
    public boolean withinStaleGrace(EntryCodec.Entry<?> entry, Instant now) {
        return now.isBefore(entry.freshUntil().plus(ttls.staleGrace()));
    }

    /** Until when a value of {@code kind} stored at {@code at} or later is fresh, at the least. */
    public Instant freshUntilIfStoredAt(DataKind kind, Instant at) {
        return at.plus(ttls.freshFor(kind));
    }
}
