package dev.playlistgateway.adapter.cache.memory;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cache.memory.max-bytes} bounds the heap the cache really takes, not only the bytes of its
 * keys and values. Measured as the heap in use after a full GC with the cache reachable, less the
 * same without it: the whole retained graph (Caffeine's nodes, map, frequency sketch, the entries).
 * Entries are shaped like the gateway's (key lengths and value sizes from docs/caching.md, "Value sizes").
 *
 * <p>Regression: the weigher counted 64 bytes of overhead per entry where the heap took about 220, so
 * a "64 MiB" cache of tracks took 79 MiB of heap and one of artists 84 MiB.
 */
class CaffeineCacheAdapterFootprintTest {

    private static final Duration TTL = Duration.ofHours(1);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "track,       'v1:track:',                                                      289",
            "artist,      'v1:artist:',                                                     120",
            "items page,  'v1:u:demo-listener:items:xZHueUT5881pdetA7Jgz1x:MTk4LDM3ZjQ5:100:',  3321",
            "playlist,    'v1:anon:playlist:',                                              700",
    })
    void weighsAnEntryAtLeastAsMuchAsItTakesOnTheHeap(String kind, String keyPrefix, int valueBytes) {
        int entries = 40_000;
        CaffeineCacheAdapter cache = new CaffeineCacheAdapter(Long.MAX_VALUE / 4, Ticker.systemTicker());
        long before = heapAfterGc();
        long weighed = 0;
        for (int i = 0; i < entries; i++) {
            String key = keyPrefix + spotifyLikeId(i);
            byte[] value = new byte[valueBytes];
            cache.put(key, value, TTL);
            weighed += CaffeineCacheAdapter.heapBytes(key, value);
        }
        long retained = heapAfterGc() - before;

        assertThat(cache.size()).isEqualTo(entries);
        assertThat(retained)
                .as("%s: %s per entry on the heap, weighed %s", kind,
                        perEntry(retained, entries), perEntry(weighed, entries))
                .isLessThanOrEqualTo(weighed);
        // ... and not so much more that the bound wastes a big share of what it allows.
        assertThat(weighed).isLessThanOrEqualTo(retained + retained / 5);
    }

    @Test
    void aFullCacheTakesNoMoreHeapThanMaxBytes() {
        long maxBytes = 16L * 1024 * 1024;
        long before = heapAfterGc();
        CaffeineCacheAdapter cache = new CaffeineCacheAdapter(maxBytes, Ticker.systemTicker());
        // Twice what fits, in the mix a busy gateway writes: mostly tracks and artists, some pages.
        for (int i = 0; i < 100_000; i++) {
            String id = spotifyLikeId(i);
            cache.put("v1:track:" + id, new byte[289], TTL);
            cache.put("v1:artist:" + id, new byte[120], TTL);
            if (i % 10 == 0) {
                cache.put("v1:u:demo-listener:items:" + id + ":MTk4LDM3ZjQ5:100:0", new byte[3321], TTL);
            }
        }
        cache.size(); // runs Caffeine's pending evictions
        long retained = heapAfterGc() - before;

        assertThat(retained).as("heap retained by a cache bounded to %d bytes", maxBytes)
                .isLessThanOrEqualTo(maxBytes);
        assertThat(retained).as("a full cache uses most of its bound").isGreaterThan(maxBytes * 3 / 4);
        assertThat(cache.size()).isGreaterThan(0);
    }

    /** 22 characters, as Spotify's base-62 ids. */
    private static String spotifyLikeId(int i) {
        return String.format(Locale.ROOT, "%022d", i);
    }

    private static String perEntry(long bytes, int entries) {
        return String.format(Locale.ROOT, "%.1f bytes", bytes / (double) entries);
    }

    /** Heap in use after full collections; the least of a few, so a collection that left garbage does not count. */
    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
