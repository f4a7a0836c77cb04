package dev.playlistgateway.app.wiring;

import dev.playlistgateway.testsupport.redis.RedisCluster;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache {@code redis.uri(s)} choose, handed to the Redis adapter as strings. */
class CacheChoiceIT {

    @Test
    void redisUrisGivenCommaSeparatedMakeAClusterCacheOnEverySeed() throws InterruptedException {
        try (RedisCluster cluster = RedisCluster.start(3);
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "redis.uris", String.join(" , ", cluster.uris()),
                     "gateway.security.session-store", "memory"))) {
            CacheFactory.CacheHandle handle = server.getApplicationContext().getBean(CacheFactory.CacheHandle.class);

            assertThat(handle.adapter()).as("the near tier is on by default with Redis").isEqualTo("redis-cluster+near");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            byte[] value = {1};
            while (handle.port().get("choice").isEmpty() && System.nanoTime() < deadline) {
                handle.port().put("choice", value, Duration.ofMinutes(1));
                Thread.sleep(20);
            }
            assertThat(handle.port().get("choice")).hasValue(value);
        }
    }

    @Test
    void theClientTheSessionsShareRejectsCommandsWhileDisconnectedAsTheCachesOwnDoes() {
        try (RedisServer redis = RedisServer.start();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("redis.uri", redis.uri()))) {
            ClientOptions options = server.getApplicationContext().getBean(RedisClient.class).getOptions();

            assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
            assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
            assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void theCachesCommandsAreTimedAsMicronautTimesItsOwnClients() throws InterruptedException {
        try (RedisServer redis = RedisServer.start();
             EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("redis.uri", redis.uri()))) {
            CacheFactory.CacheHandle handle = server.getApplicationContext().getBean(CacheFactory.CacheHandle.class);
            MeterRegistry meters = server.getApplicationContext().getBean(MeterRegistry.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (meters.find("lettuce.command.completion").tag("command", "GET").timer() == null
                    && System.nanoTime() < deadline) {
                handle.port().get("timed");
                Thread.sleep(20);
            }

            assertThat(meters.find("lettuce.command.completion").tag("command", "GET").timer()).isNotNull();
        }
    }

    @Test
    void aRedisUriThatIsNoUriStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "redis.uri", "mongodb://127.0.0.1:27017", "gateway.security.session-store", "memory")).close())
                .rootCause().isInstanceOf(ConfigurationException.class).hasMessageContaining("redis.uri");
    }
}
