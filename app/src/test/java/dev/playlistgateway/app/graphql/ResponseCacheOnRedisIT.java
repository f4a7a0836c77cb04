package dev.playlistgateway.app.graphql;

import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** The response cache's tests again, with the entries it checks in a real Redis. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseCacheOnRedisIT extends ResponseCacheIT {

    private RedisServer redis;

    @Override
    Map<String, String> moreProperties() {
        redis = RedisServer.start();
        return Map.of("redis.uri", redis.uri(), "gateway.security.token-key", dev.playlistgateway.app.fleet.GatewayFleet.TOKEN_KEY);
    }

    @AfterAll
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }
}
