package dev.playlistgateway.adapter.cache.redis;

import java.time.Duration;

/**
 * Tests start from a cache that is connected: a new cache connects in the background and misses until then.
 * A first attempt that fails (on a loaded machine the 1 s connect timeout can pass) is retried by the next
 * call the back-off lets through, as requests would: so this keeps calling, not only looking.
 */
final class Connected {

    private Connected() {
    }

    static RedisCache await(RedisCache cache) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cache.isAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cache did not connect to Redis within 30 s");
            }
            cache.get("connected?");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return cache;
    }
}
