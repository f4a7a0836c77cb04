package dev.playlistgateway.app.security.session;

import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole gateways for a test, each in Spotify mode against one {@link SpotifyStub}, keeping their cache and their
 * sessions in one test Redis, with short Redis timeouts (a busy machine still answers well within them) and one
 * token key, so that every gateway reads the sessions the others wrote. {@link #stopAll()} after each test.
 */
final class RedisBackedGateways {
    /** Base64 of 32 zero bytes: the key every gateway here seals sessions with. */
    static final String TOKEN_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final SpotifyStub spotify;
    private final RedisServer redis;
    private final List<EmbeddedServer> running = new ArrayList<>();

    RedisBackedGateways(SpotifyStub spotify, RedisServer redis) {
        this.spotify = spotify;
        this.redis = redis;
    }

    /** Starts a gateway, with {@code overrides} (key, value pairs) on top of the settings above. */
    EmbeddedServer start(String... overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.putAll(spotify.gatewayProperties());
        properties.put("redis.uri", redis.uri());
        properties.put("cache.redis.command-timeout", "200ms");
        properties.put("cache.redis.backoff", "500ms");
        properties.put("gateway.security.token-key", TOKEN_KEY);
        properties.put("gateway.security.redis.timeout", "500ms");
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        running.add(server);
        return server;
    }

    /** Stops one gateway before the test ends. */
    void stop(EmbeddedServer gateway) {
        gateway.close();
        running.remove(gateway);
    }

    void stopAll() {
        running.forEach(EmbeddedServer::close);
        running.clear();
    }
}
