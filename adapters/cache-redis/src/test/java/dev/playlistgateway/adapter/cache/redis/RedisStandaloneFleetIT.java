package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.testsupport.redis.RedisServer;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Single flight and the change counter across instances on a standalone Redis; and with Redis down. */
class RedisStandaloneFleetIT extends FleetCoordinationSuite {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected RedisCache newInstance() {
        return RedisCache.standalone(redis.uri(), RedisCacheSettings.defaults());
    }

    @Test
    void countsAndLeasesHaveAnExpiryLikeEveryKeyOfTheCache() {
        RedisCache cache = instance();
        cache.sharedCounts().increment("changes:playlists");
        cache.flightLeases().take(List.of(key("x")), LEASE);

        assertThat(cache.sharedCounts().get("changes:playlists")).isPresent();
        assertThat((Long) redis.server().command("PTTL", "pgw:changes:playlists")).isPositive();
        assertThat((Long) redis.server().command("PTTL", "pgw:lease:{pgw:" + key("x") + "}")).isBetween(1L, LEASE.toMillis());
    }

    @Test
    void withRedisDownEveryLeaseIsTakenNoneIsHeldAndNoCountIsReadPromptlyAndWithoutThrowing() {
        try (RedisServer dying = RedisServer.start();
             RedisCache cache = Connected.await(RedisCache.standalone(dying.uri(), RedisCacheSettings.defaults()))) {
            cache.flightLeases().take(List.of(key("held")), Duration.ofMinutes(1));
            dying.kill();
            long start = System.nanoTime();

            assertThat(cache.flightLeases().take(List.of(key("held"), key("y")), LEASE)).containsExactly(key("held"), key("y"));
            assertThat(cache.flightLeases().held(List.of(key("held")))).isEmpty();
            cache.flightLeases().giveBack(List.of(key("held")));
            assertThat(cache.sharedCounts().get("changes:" + DataKind.PLAYLISTS.tag())).isEmpty();
            assertThat(cache.sharedCounts().increment("changes:" + DataKind.PLAYLISTS.tag())).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }
}
