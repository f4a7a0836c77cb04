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
 * The Lettuce client a Redis cache owns, made from URI strings: the cache's factories build it here, and
 * so does the near tier, whose invalidation channel needs the same client. Package-private: nothing
 * outside the adapter sees a Lettuce type.
 */
final class RedisClients {

    /** A cache on a standalone Redis, the client it owns, and the URI it was made from (timeout set). */
    record Standalone(RedisCache cache, RedisClient client, RedisURI uri) {
    }

    /** A cache on a Redis Cluster and the client it owns. */
    record Cluster(RedisCache cache, RedisClusterClient client) {
    }

    private RedisClients() {
    }

    static Standalone standalone(String uri, RedisCacheSettings settings, MeterRegistry meters) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
        RedisURI redisUri = RedisURI.create(uri);
        // Bounds the connection handshake too; calls never wait beyond the command timeout anyway.
        redisUri.setTimeout(settings.connectTimeout());
        ClientResources resources = ownResources(settings, meters);
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(clientOptions(settings));
        RedisCache cache = create(() -> client.connectAsync(codec(), redisUri).toCompletableFuture().thenApply(connection -> {
            connection.setTimeout(settings.commandExpiry());
            return new Link.Api(connection.async(), connection.async(), connection.async(), connection);
        }), settings, resources, () -> shutdown(client, resources));
        return new Standalone(cache, client, redisUri);
    }

    static Cluster cluster(List<String> uris, RedisCacheSettings settings, MeterRegistry meters) {
        Objects.requireNonNull(uris, "uris");
        Objects.requireNonNull(settings, "settings");
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one seed URI");
        }
        List<RedisURI> seeds = uris.stream().map(uri -> {
            RedisURI seed = RedisURI.create(Objects.requireNonNull(uri, "uri"));
            seed.setTimeout(settings.connectTimeout());
            return seed;
        }).toList();
        ClientResources resources = ownResources(settings, meters);
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(clusterClientOptions(settings));
        return new Cluster(cluster(client, settings, resources, () -> shutdown(client, resources)), client);
    }

    private static RedisCache cluster(RedisClusterClient client, RedisCacheSettings settings, ClientResources resources,
                                      Runnable shutdown) {
        // connectAsync alone fails with "Partitions not initialized" on a new client (Lettuce 6.8):
        // load the topology first, asynchronously too.
        return create(() -> client.refreshPartitionsAsync().toCompletableFuture()
                .thenCompose(ignored -> client.connectAsync(codec())).thenApply(connection -> {
            connection.setTimeout(settings.commandExpiry());
            return new Link.Api(connection.async(), connection.async(), null, connection);
        }), settings, resources, shutdown);
    }

    private static RedisCache create(Supplier<CompletableFuture<Link.Api>> connector, RedisCacheSettings settings,
                                     ClientResources resources, Runnable shutdown) {
        Logger log = LoggerFactory.getLogger(RedisCache.class);
        FailureGate gate = new FailureGate(settings.backoff(),
                settings.commandTimeout().multipliedBy(settings.timeoutsToOpen()), settings.failureLogInterval(),
                System::nanoTime, log);
        ThrottledWarning trouble = new ThrottledWarning(log, settings.failureLogInterval(), System::nanoTime);
        Link link = new Link(connector, failure -> gate.down("connect", failure), shutdown);
        return new LettuceCacheAdapter(link.open(), settings, gate, trouble, EventLoopWatch.of(resources));
    }

    /** String keys (ASCII, built by the service), values as the opaque bytes the service encoded. */
    private static RedisCodec<String, byte[]> codec() {
        return RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    }

    /**
     * Client options for the standalone client: reconnect by itself, reject
     * commands at once while disconnected (instead of queueing them), expire any command still
     * unanswered after {@link RedisCacheSettings#commandExpiry()} (a safety net: the cache stops
     * waiting for reads earlier, and nobody waits for its writes), connect within {@code connectTimeout}.
     */
    private static ClientOptions clientOptions(RedisCacheSettings settings) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandExpiry()))
                .socketOptions(socketOptions(settings))
                .build();
    }

    /** As {@link #clientOptions}, for a cluster client, with topology refresh on a schedule and on redirects. */
    private static ClusterClientOptions clusterClientOptions(RedisCacheSettings settings) {
        return ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandExpiry()))
                .socketOptions(socketOptions(settings))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(60))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build();
    }

    private static SocketOptions socketOptions(RedisCacheSettings settings) {
        return SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
    }

    /**
     * Resources for the client this cache owns: reconnect attempts back off exponentially, but never
     * wait longer than the back-off window, so that a Redis that comes back is used again within
     * about one window (Lettuce's default lets the wait grow to 30 s).
     */
    private static ClientResources ownResources(RedisCacheSettings settings, MeterRegistry meters) {
        Duration upper = settings.backoff().compareTo(Duration.ofMillis(20)) > 0 ? settings.backoff() : Duration.ofMillis(20);
        ClientResources.Builder resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), upper, 2, TimeUnit.MILLISECONDS));
        if (meters != null) {
            resources.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(meters,
                    MicrometerOptions.builder().histogram(true).build()));
        }
        return resources.build();
    }

    private static void shutdown(io.lettuce.core.AbstractRedisClient client, ClientResources resources) {
        // Shutting down a cache must not fail the application's shutdown: errors are ignored. The client
        // first (it closes the connection, which stops reconnecting), then the resources; each with a short
        // quiet period, so that a closing connection's last listeners still find an executor (with none,
        // Netty logs "Event loop shut down?" at ERROR). Before both, the timer: a connection attempt that
        // Redis refused leaves its handshake timeout armed, and fired after the event loops are gone it logs
        // that ERROR too. Stopped, it fires nothing (and schedules no reconnect).
        resources.timer().stop();
        try {
            client.shutdown(Duration.ofMillis(100), Duration.ofSeconds(2));
        } catch (RuntimeException ignored) {
            // already shut down, or the event loop refused: nothing left to release here
        }
        try {
            resources.shutdown(100, 2_000, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
