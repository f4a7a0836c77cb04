package dev.playlistgateway.app.fleet;

import dev.playlistgateway.adapter.spotify.CallBudget;
import dev.playlistgateway.adapter.spotify.ThrottleGate;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the gateway instances on one Redis share about Spotify: the Retry-After gate and the call budget, on a
 * connection of their own from the given Lettuce client. Build one per process; {@link #close()} closes the
 * connection (not the client). Thread safe.
 */
public final class FleetState implements AutoCloseable {

    /**
     * How the fleet's scripts talk to Redis.
     *
     * @param keyPrefix          prefix of the keys (the cache's {@code cache.redis.key-prefix})
     * @param clientId           the Spotify app's client id: the budget and the gate are the app's
     * @param connectTimeout     the longest a call waits for the connection to open (it opens at start-up)
     * @param timeout            the longest one script may take before the instance goes on alone
     * @param backoff            after a failure, how long Redis is not asked again
     * @param failureLogInterval at most one WARN per interval
     */
    public record Settings(String keyPrefix, String clientId, Duration connectTimeout, Duration timeout, Duration backoff,
                           Duration failureLogInterval) {
        public Settings {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(failureLogInterval, "failureLogInterval");
        }
    }

    private final FleetRedis redis;
    private final FleetKeys keys;

    private FleetState(FleetRedis redis, FleetKeys keys) {
        this.redis = redis;
        this.keys = keys;
        redis.connectSoon();
    }

    public static FleetState standalone(RedisClient client, RedisURI uri, Settings settings) {
        return new FleetState(new FleetRedis(() -> client.connectAsync(StringCodec.UTF8, uri)
                .thenApply(c -> new FleetRedis.Link(c, c.async())), settings.connectTimeout(),
                settings.timeout(), settings.backoff(), settings.failureLogInterval()), FleetKeys.of(settings.keyPrefix(), settings.clientId()));
    }

    public static FleetState cluster(RedisClusterClient client, Settings settings) {
        // A new cluster client has no partitions yet: connectAsync alone fails (Lettuce 6.8), so load the topology first.
        return new FleetState(new FleetRedis(() -> client.refreshPartitionsAsync().toCompletableFuture()
                .thenCompose(ignored -> client.connectAsync(StringCodec.UTF8))
                .thenApply(c -> new FleetRedis.Link(c, c.async())), settings.connectTimeout(),
                settings.timeout(), settings.backoff(), settings.failureLogInterval()), FleetKeys.of(settings.keyPrefix(), settings.clientId()));
    }

    /** The Retry-After gate every instance obeys, with this process's own under it for when Redis is away. */
    public ThrottleGate throttleGate() {
        return ThrottleGate.shared(new RedisThrottleGate(redis, keys, Clock.systemUTC()));
    }

    /** {@code calls} per rolling {@code window} for all instances together, each keeping to its share while Redis is away. */
    public CallBudget callBudget(int calls, Duration window) {
        return CallBudget.shared(new RedisCallLog(redis, keys), calls, window);
    }

    @Override
    public void close() {
        redis.close();
    }
}
