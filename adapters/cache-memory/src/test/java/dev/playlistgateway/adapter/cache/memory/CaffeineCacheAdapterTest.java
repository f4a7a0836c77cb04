package dev.playlistgateway.adapter.cache.memory;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.playlistgateway.contract.CachePortContract;
import dev.playlistgateway.domain.port.CachePort;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineCacheAdapterTest extends CachePortContract {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Override
    protected CachePort cache() {
        return InMemoryCache.create(InMemoryCache.DEFAULT_MAX_BYTES, nanos::get);
    }

    @Override
    protected CachePort cacheWithItsStoreDown() {
        return noStoreToTakeDown("Caffeine keeps its entries in the gateway's own heap");
    }

    @Override
    protected void letTimePass(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void staysWithinItsByteBoundByDroppingEntries() {
        CaffeineCacheAdapter small = new CaffeineCacheAdapter(100_000, ticker);
        for (int i = 0; i < 1_000; i++) {
            small.put("key-" + i, new byte[1_000], Duration.ofHours(1));
        }
        // 1,000 entries of ~1 KB cannot fit in 100 KB: Caffeine evicts down to the bound.
        assertThat(small.size()).isLessThanOrEqualTo(100);
        assertThat(small.size()).isGreaterThan(0);
    }
}
