package dev.playlistgateway.app.wiring;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micronaut.context.BeanContext;
import io.micronaut.context.event.BeanPreDestroyEvent;
import io.micronaut.context.event.BeanPreDestroyEventListener;
import jakarta.inject.Singleton;

/**
 * Shuts down the Lettuce clients micronaut-redis-lettuce makes ({@code redis.uri}, {@code redis.uris}) with
 * {@link LettuceShutdown}, before micronaut-redis's own {@code shutdown()} (which then does nothing). That
 * module gives each client resources of its own once a {@code ClientResourcesMutator} exists (ours,
 * {@link CacheFactory#reconnectWithinBackoff}), and never shuts them down: each closed context left a timer
 * and an executor behind, whose late tasks met event loops already gone and logged ERRORs into whatever
 * ran next. A {@link ClientResources} bean of the application's is left to its owner.
 */
@Singleton
final class RedisClientShutdown implements BeanPreDestroyEventListener<AbstractRedisClient> {
    private final BeanContext context;

    RedisClientShutdown(BeanContext context) {
        this.context = context;
    }

    @Override
    public AbstractRedisClient onPreDestroy(BeanPreDestroyEvent<AbstractRedisClient> event) {
        AbstractRedisClient client = event.getBean();
        LettuceShutdown.shutDown(client, context.containsBean(ClientResources.class) ? null : client.getResources());
        return client;
    }
}
