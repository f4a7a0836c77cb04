package dev.playlistgateway.domain.cache;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long each kind of data counts as fresh, and how long past that a stale copy is kept to be
 * served while the music service throttles or fails. The reasons for the defaults are in
 * docs/caching.md.
 *
 * @param fresh      time to live per kind; every kind must be present
 * @param staleGrace how long an entry is kept after it stops being fresh (zero: not at all)
 */
public record CacheTtls(Map<DataKind, Duration> fresh, Duration staleGrace) {

    public CacheTtls {
        EnumMap<DataKind, Duration> copy = new EnumMap<>(DataKind.class);
        for (DataKind kind : DataKind.values()) {
            Duration ttl = Objects.requireNonNull(fresh.get(kind), () -> "no TTL for " + kind.tag());
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("TTL for " + kind.tag() + " must be positive, was " + ttl);
            }
            copy.put(kind, ttl);
        }
        fresh = Map.copyOf(copy);
        Objects.requireNonNull(staleGrace, "staleGrace");
        if (staleGrace.isNegative()) {
            throw new IllegalArgumentException("staleGrace must not be negative");
        }
    }

    /** The defaults documented in docs/caching.md. */
    public static CacheTtls defaults() {
        EnumMap<DataKind, Duration> map = new EnumMap<>(DataKind.class);
        map.put(DataKind.TRACKS, Duration.ofHours(24));
        map.put(DataKind.ARTISTS, Duration.ofHours(24));
        map.put(DataKind.ALBUMS, Duration.ofHours(24));
        map.put(DataKind.PLAYLISTS, Duration.ofMinutes(2));
        map.put(DataKind.ITEMS, Duration.ofHours(24));
        map.put(DataKind.USERS, Duration.ofMinutes(10));
        return new CacheTtls(map, Duration.ofHours(1));
    }

    public Duration freshFor(DataKind kind) {
        return fresh.get(kind);
    }

    /** How long the store keeps an entry: fresh time plus the stale grace. */
    public Duration keepFor(DataKind kind) {
        return fresh.get(kind).plus(staleGrace);
    }

    /** A copy with one kind's TTL changed. */
    public CacheTtls with(DataKind kind, Duration ttl) {
        EnumMap<DataKind, Duration> map = new EnumMap<>(fresh);
        map.put(kind, ttl);
        return new CacheTtls(map, staleGrace);
    }

    /** A copy with another stale grace. */
    public CacheTtls withStaleGrace(Duration grace) {
        return new CacheTtls(fresh, grace);
    }
}
