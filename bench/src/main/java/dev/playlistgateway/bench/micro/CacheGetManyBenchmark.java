package dev.playlistgateway.bench.micro;

import dev.playlistgateway.adapter.cache.memory.InMemoryCache;
import dev.playlistgateway.adapter.cache.redis.RedisCache;
import dev.playlistgateway.adapter.cache.redis.RedisCacheSettings;
import dev.playlistgateway.domain.port.CachePort;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One {@code getAll} of 100 present keys (a page's tracks) or 2,000 (a wide query level) on each cache
 * adapter, values of 300 bytes (a cached track is 289). Redis is a private {@code redis-server} on a
 * free port, on loopback, so a read pays the round trip and the decoding on Lettuce's I/O thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheGetManyBenchmark {

    @Param({"memory", "redis"})
    public String adapter;

    @Param({"100", "2000"})
    public int keys;

    private RedisServer redis;
    private CachePort cache;
    private List<String> keyList;

    @Setup(Level.Trial)
    public void fill() {
        if (adapter.equals("redis")) {
            redis = RedisServer.start();
            cache = RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults());
        } else {
            cache = InMemoryCache.create(InMemoryCache.DEFAULT_MAX_BYTES);
        }
        Random random = new Random(42);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        keyList = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            byte[] value = new byte[300];
            random.nextBytes(value);
            String key = "bench:track:" + i;
            entries.put(key, value);
            keyList.add(key);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Redis writes are sent without waiting (and dropped while the connection opens): retry until all read back.
        while (cache.getAll(keyList).size() < keys) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(adapter + ": the values never all arrived");
            }
            cache.putAll(entries, Duration.ofHours(1));
            sleep();
        }
    }

    @Benchmark
    public Map<String, byte[]> getAll() {
        Map<String, byte[]> values = cache.getAll(keyList);
        if (values.size() != keys) {
            throw new IllegalStateException(adapter + " answered " + values.size() + " of " + keys + " keys");
        }
        return values;
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (cache instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
