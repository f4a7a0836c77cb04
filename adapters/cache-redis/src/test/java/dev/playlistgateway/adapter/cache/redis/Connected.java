package dev.playlistgateway.adapter.cache.redis;

import java.time.Duration;

/** Tests start from a cache that is connected: a new cache connects in the background and misses until then. */
final class Connected {

    private Connected() {
    }

    static RedisCache await(RedisCache cache) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cache.isAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cache did not connect to Redis within 10 s");
            }
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
