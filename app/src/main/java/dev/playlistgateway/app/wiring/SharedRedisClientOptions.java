package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.cache.redis.RedisCacheSettings;
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
final class SharedRedisClientOptions {

    private SharedRedisClientOptions() {
    }

    @Singleton
    static final class Standalone implements BeanCreatedEventListener<RedisClient> {
        private final Environment env;

        Standalone(Environment env) {
            this.env = env;
        }

        @Override
        public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
            RedisCacheSettings settings = CacheFactory.redisSettings(env);
            RedisClient client = event.getBean();
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandExpiry()))
                    .socketOptions(socketOptions(settings))
                    .build());
            return client;
        }
    }

    @Singleton
    static final class Cluster implements BeanCreatedEventListener<RedisClusterClient> {
        private final Environment env;

        Cluster(Environment env) {
            this.env = env;
        }

        @Override
        public RedisClusterClient onCreated(BeanCreatedEvent<RedisClusterClient> event) {
            RedisCacheSettings settings = CacheFactory.redisSettings(env);
            RedisClusterClient client = event.getBean();
            client.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandExpiry()))
                    .socketOptions(socketOptions(settings))
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(60))
                            .enableAllAdaptiveRefreshTriggers()
                            .build())
                    .build());
            return client;
        }
    }

    private static SocketOptions socketOptions(RedisCacheSettings settings) {
        return SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
    }
}
