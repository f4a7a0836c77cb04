package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.FlightLeases;
import dev.playlistgateway.domain.cache.SharedCounts;
import dev.playlistgateway.domain.port.CachePort;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link CachePort} on Redis, standalone or Cluster, and the factories that make one. The
 * implementation is package-private; this type adds only {@link #close()}.
 *
 * <p>Creating one never blocks on, or fails because of, Redis: the connection opens in the background,
 * and until it does (or while Redis is down) reads miss and writes are dropped; no call waits for a
 * connection. Writes are sent without waiting for Redis. A read waits while Redis keeps answering, at
 * most {@link RedisCacheSettings#maxWait()}, and gives up after {@link RedisCacheSettings#commandTimeout()}
 * of silence. Redis is judged down on evidence (a refused or dropped connection, or
 * {@link RedisCacheSettings#timeoutsToOpen()} silent reads in a row), then left alone for
 * {@link RedisCacheSettings#backoff()} until one call probes; a warning is logged at most once per
 * {@link RedisCacheSettings#failureLogInterval()}; {@link #isAvailable()} is false from then (or from
 * a dropped connection) until Redis answers again. Lettuce reconnects by itself.
 *
 * <p>Each cache owns its Lettuce client, made from the URIs given, and shuts it down on {@link #close()}.
 * The signatures name no Lettuce type, so nothing outside this module depends on the client library;
 * the client rejects commands at once while disconnected instead of queueing them until they time out.
 */
public interface RedisCache extends CachePort, AutoCloseable {

    /**
     * Leases for single flight across the gateway instances on this Redis
     * ({@code SingleFlight.acrossInstances}), on this cache's connection and under its failure rules:
     * while Redis is down, every lease is taken and none is held.
     */
    FlightLeases flightLeases();

    /**
     * Counts shared by the gateway instances on this Redis ({@code ChangeCounter.acrossInstances}), on
     * this cache's connection and under its failure rules: while Redis is down, none can be read.
     */
    SharedCounts sharedCounts();

    /** Closes the connection and the client. Calls after close miss and drop. */
    @Override
    void close();

    /**
     * A cache on a standalone Redis at {@code uri} ({@code redis://host:port[/db]}, {@code rediss://...}).
     *
     * @throws IllegalArgumentException when {@code uri} is not a Redis URI
     */
    static RedisCache standalone(String uri, RedisCacheSettings settings) {
        return standalone(uri, settings, null);
    }

    /**
     * As {@link #standalone(String, RedisCacheSettings)}, with each command's latency recorded in {@code meters}
     * ({@code lettuce.command.completion} and {@code lettuce.command.firstresponse}, with histograms), as
     * micronaut-redis-lettuce records them for the clients it builds.
     */
    static RedisCache standalone(String uri, RedisCacheSettings settings, MeterRegistry meters) {
        return RedisClients.standalone(uri, settings, meters).cache();
    }

    /**
     * A cache on a Redis Cluster, {@code uris} being seed nodes ({@code redis://host:port}).
     *
     * @throws IllegalArgumentException when {@code uris} is empty or one is not a Redis URI
     */
    static RedisCache cluster(List<String> uris, RedisCacheSettings settings) {
        return cluster(uris, settings, null);
    }

    /** As {@link #cluster(List, RedisCacheSettings)}, with each command's latency recorded in {@code meters}. */
    static RedisCache cluster(List<String> uris, RedisCacheSettings settings, MeterRegistry meters) {
        return RedisClients.cluster(uris, settings, meters).cache();
    }

}
