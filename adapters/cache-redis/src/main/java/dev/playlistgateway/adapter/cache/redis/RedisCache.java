package dev.playlistgateway.adapter.cache.redis;

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
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
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
 * <p>Factories that take a URI own their client and shut it down on {@link #close()}. Those that take
 * a client (the one micronaut-redis-lettuce configures) leave it to its owner; configure it with
 * {@link #clientOptions} or {@link #clusterClientOptions} so that commands are rejected at once while
 * disconnected instead of queueing until they time out.
 */
public interface RedisCache extends CachePort, AutoCloseable {

    /** String keys (ASCII, built by the service), values as the opaque bytes the service encoded. */
    RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Closes the connection, and the client if this cache made it. Calls after close miss and drop. */
    @Override
    void close();

    /** A cache on a standalone Redis at {@code uri} ({@code redis://host:port[/db]}, {@code rediss://...}). */
    static RedisCache standalone(String uri, RedisCacheSettings settings) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
        RedisURI redisUri = RedisURI.create(uri);
        // Bounds the connection handshake too; calls never wait beyond the command timeout anyway.
        redisUri.setTimeout(settings.connectTimeout());
        return standalone(redisUri, settings);
    }

    /** A cache on a standalone Redis at {@code uri}, with a client of its own. */
    static RedisCache standalone(RedisURI uri, RedisCacheSettings settings) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
        ClientResources resources = ownResources(settings);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(clientOptions(settings));
        return standalone(client, uri, settings, resources, () -> shutdown(client, resources));
    }

    /**
     * A cache on a standalone Redis through an existing client, which stays its owner's: {@link #close()}
     * closes only this cache's connection. Pass the URI the client was made for (with
     * micronaut-redis-lettuce, the {@code RedisConfiguration} bean is that URI).
     */
    static RedisCache standalone(RedisClient client, RedisURI uri, RedisCacheSettings settings) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
        // The URI's timeout also bounds each (re)connection's handshake: 60 s unless set. A copy with
        // the cache's connect timeout, so that a reconnection to a hung Redis gives up in time.
        RedisURI bounded = RedisURI.builder(uri).withTimeout(settings.connectTimeout()).build();
        return standalone(client, bounded, settings, client.getResources(), () -> { });
    }

    private static RedisCache standalone(RedisClient client, RedisURI uri, RedisCacheSettings settings,
                                         ClientResources resources, Runnable shutdown) {
        return create(() -> client.connectAsync(CODEC, uri).toCompletableFuture().thenApply(connection -> {
            connection.setTimeout(settings.commandExpiry());
            return new Link.Api(connection.async(), connection.async(), connection.async(), connection);
        }), settings, resources, shutdown);
    }

    /** A cache on a Redis Cluster, {@code uris} being seed nodes ({@code redis://host:port}), with a client of its own. */
    static RedisCache cluster(List<String> uris, RedisCacheSettings settings) {
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
        ClientResources resources = ownResources(settings);
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(clusterClientOptions(settings));
        return cluster(client, settings, resources, () -> shutdown(client, resources));
    }

    /** A cache on a Redis Cluster through an existing client, which stays its owner's. */
    static RedisCache cluster(RedisClusterClient client, RedisCacheSettings settings) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        return cluster(client, settings, client.getResources(), () -> { });
    }

    private static RedisCache cluster(RedisClusterClient client, RedisCacheSettings settings, ClientResources resources,
                                      Runnable shutdown) {
        // connectAsync alone fails with "Partitions not initialized" on a new client (Lettuce 6.8):
        // load the topology first, asynchronously too.
        return create(() -> client.refreshPartitionsAsync().toCompletableFuture()
                .thenCompose(ignored -> client.connectAsync(CODEC)).thenApply(connection -> {
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

    /**
     * Client options for a standalone client shared with this cache: reconnect by itself, reject
     * commands at once while disconnected (instead of queueing them), expire any command still
     * unanswered after {@link RedisCacheSettings#commandExpiry()} (a safety net: the cache stops
     * waiting for reads earlier, and nobody waits for its writes), connect within {@code connectTimeout}.
     */
    static ClientOptions clientOptions(RedisCacheSettings settings) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandExpiry()))
                .socketOptions(socketOptions(settings))
                .build();
    }

    /** As {@link #clientOptions}, for a cluster client, with topology refresh on a schedule and on redirects. */
    static ClusterClientOptions clusterClientOptions(RedisCacheSettings settings) {
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
     * Resources for a client this cache owns: reconnect attempts back off exponentially, but never
     * wait longer than the back-off window, so that a Redis that comes back is used again within
     * about one window (Lettuce's default lets the wait grow to 30 s).
     */
    private static ClientResources ownResources(RedisCacheSettings settings) {
        Duration upper = settings.backoff().compareTo(Duration.ofMillis(20)) > 0 ? settings.backoff() : Duration.ofMillis(20);
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), upper, 2, TimeUnit.MILLISECONDS))
                .build();
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
