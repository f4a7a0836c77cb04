package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.cache.redis.RedisCacheSettings;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Options for the Lettuce client micronaut-redis-lettuce builds from {@code redis.uri(s)}, which the
 * sign-in sessions use when they share the cache's Redis: the options the Redis cache gives its own
 * client (reject commands at once while disconnected instead of queueing them, expire commands after
 * {@link RedisCacheSettings#commandExpiry()}, connect within {@code cache.redis.connect-timeout}; on a
 * cluster, refresh the topology on a schedule and on redirects). The cache's client is its own and the
 * cache's factories name no Lettuce type, so the app sets these here.
 */
@Singleton
final class SharedRedisClientOptions implements BeanCreatedEventListener<AbstractRedisClient> {
    private final Environment env;

    SharedRedisClientOptions(Environment env) {
        this.env = env;
    }

    @Override
    public AbstractRedisClient onCreated(BeanCreatedEvent<AbstractRedisClient> event) {
        RedisCacheSettings settings = CacheFactory.redisSettings(env);
        if (event.getBean() instanceof RedisClusterClient cluster) {
            cluster.setOptions(failFast(ClusterClientOptions.builder(), settings)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(60))
                            .enableAllAdaptiveRefreshTriggers()
                            .build())
                    .build());
        } else if (event.getBean() instanceof RedisClient standalone) {
            standalone.setOptions(failFast(ClientOptions.builder(), settings).build());
        }
        return event.getBean();
    }

    /** What both clients share: reconnect by themselves, reject while disconnected, expire, connect in time. */
    private static <B extends ClientOptions.Builder> B failFast(B builder, RedisCacheSettings settings) {
        builder.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandExpiry()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build());
        return builder;
    }
}
