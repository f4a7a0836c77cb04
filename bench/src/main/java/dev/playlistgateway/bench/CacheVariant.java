package dev.playlistgateway.bench;

import java.util.Map;
import java.util.function.Function;

/**
 * One cache set-up of the gateway for the throughput phase: its name and the environment that
 * selects it, given a private Redis's URI when it needs one. Adding a variant is one line in
 * {@link #all}.
 */
record CacheVariant(String name, boolean needsRedis, Function<String, Map<String, String>> env) {

    /** The variants this run measures; the near cache only where the built gateway knows {@code CACHE_NEAR_ENABLED}. */
    static java.util.List<CacheVariant> all(boolean nearCacheKnown) {
        java.util.List<CacheVariant> all = new java.util.ArrayList<>();
        all.add(new CacheVariant("memory", false, redis -> Map.of()));
        // The near tier is on by default with Redis: the plain Redis row turns it off.
        all.add(new CacheVariant("Redis", true, redis -> Map.of("REDIS_URI", redis, "CACHE_NEAR_ENABLED", "false")));
        if (nearCacheKnown) {
            all.add(new CacheVariant("Redis + near cache", true,
                    redis -> Map.of("REDIS_URI", redis, "CACHE_NEAR_ENABLED", "true")));
        }
        return all;
    }
}
