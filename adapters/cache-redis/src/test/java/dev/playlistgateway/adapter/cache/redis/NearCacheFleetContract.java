package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.testsupport.redis.RedisServer;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances (two near caches, each with its own client) on one Redis: what one writes or
 * deletes, the other's near tier stops serving within a bound; with the invalidation channel cut,
 * within the near TTL; a reconnected channel flushes the tier.
 */
abstract class NearCacheFleetContract {

    /** Long enough that a change seen within {@link #HEARD_WITHIN} can only have been heard on the channel. */
    static final Duration TTL = Duration.ofSeconds(3);
    static final Duration HEARD_WITHIN = Duration.ofMillis(500);

    /** The Redis servers (one, or every node of a cluster). */
    abstract List<RedisServer> servers();

    abstract NearInstance instance(NearCacheSettings settings);

    NearInstance one;
    NearInstance other;
    String key;

    @BeforeEach
    void twoInstances() {
        NearCacheSettings settings = NearCacheSettings.defaults().withTtl(TTL).withChannel("test:" + UUID.randomUUID());
        one = instance(settings);
        other = instance(settings);
        key = "v1:track:" + UUID.randomUUID();
    }

    @AfterEach
    void closeInstances() {
        if (one != null) {
            one.close();
        }
        if (other != null) {
            other.close();
        }
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Optional<byte[]> value) {
        return value.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
    }

    /**
     * The other instance holds {@code value} in its near tier (a read is a near hit). Writes are sent,
     * not awaited, and a key just announced as changed is not kept for {@link NearTier#QUARANTINE}: wait.
     */
    void otherHoldsNear(String value) {
        NearInstance.await(() -> {
            long hits = other.cache.stats().hits();
            return value.equals(text(other.cache.get(key))) && other.cache.stats().hits() == hits + 1;
        }, NearTier.QUARANTINE.multipliedBy(3), "the other instance to hold " + value + " near");
    }

    @Test
    void warmReadsAreAnsweredByTheNearTier() {
        one.cache.put(key, bytes("v1"), Duration.ofMinutes(1));
        otherHoldsNear("v1");
        long misses = other.cache.stats().misses();
        long hits = other.cache.stats().hits();

        for (int i = 0; i < 10; i++) {
            assertThat(other.cache.getAll(List.of(key))).containsKey(key);
        }

        assertThat(other.cache.stats().misses()).as("%s", other.cache.stats()).isEqualTo(misses);
        assertThat(other.cache.stats().hits()).isEqualTo(hits + 10);
    }

    @Test
    void aWriteOnOneInstanceIsSeenByTheOthersNearTierWithinTheBound() {
        one.cache.put(key, bytes("v1"), Duration.ofMinutes(1));
        otherHoldsNear("v1");

        long written = System.nanoTime();
        one.cache.put(key, bytes("v2"), Duration.ofMinutes(1));

        NearInstance.await(() -> "v2".equals(text(other.cache.get(key))), HEARD_WITHIN, "the other instance to see v2");
        assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(TTL);
        assertThat(other.cache.stats().invalidatedKeys()).isPositive();
        // and the writer's own near tier has the new value at once
        assertThat(text(one.cache.get(key))).isEqualTo("v2");
    }

    @Test
    void aDeleteOnOneInstanceIsSeenByTheOthersNearTierWithinTheBound() {
        one.cache.putAll(Map.of(key, bytes("v1"), key + ":b", bytes("b")), Duration.ofMinutes(1));
        otherHoldsNear("v1");

        one.cache.delete(List.of(key));

        NearInstance.await(() -> other.cache.get(key).isEmpty(), HEARD_WITHIN, "the other instance to miss");
        assertThat(one.cache.get(key)).isEmpty();
        assertThat(text(other.cache.get(key + ":b"))).isEqualTo("b");
    }

    @Test
    void aLargeWriteIsAnnouncedInFull() throws InterruptedException {
        List<String> keys = new ArrayList<>();
        java.util.HashMap<String, byte[]> first = new java.util.HashMap<>();
        java.util.HashMap<String, byte[]> second = new java.util.HashMap<>();
        for (int i = 0; i < 2_500; i++) {
            keys.add(key + ":" + i);
            first.put(key + ":" + i, bytes("old"));
            second.put(key + ":" + i, bytes("new"));
        }
        one.cache.putAll(first, Duration.ofMinutes(1));
        NearInstance.await(() -> other.cache.getAll(keys).size() == 2_500, Duration.ofSeconds(5), "the first write to land");
        Thread.sleep(NearTier.QUARANTINE.toMillis());
        NearInstance.await(() -> other.cache.getAll(keys).size() == 2_500 && other.cache.stats().size() >= 2_500,
                Duration.ofSeconds(5), "the other instance to hold every key near");

        one.cache.putAll(second, Duration.ofMinutes(1));

        NearInstance.await(() -> other.cache.getAll(keys).values().stream()
                .allMatch(value -> "new".equals(new String(value, StandardCharsets.UTF_8))), HEARD_WITHIN.multipliedBy(2),
                "every key to be new on the other instance");
    }

    @Test
    void withTheChannelCutAChangeGoesUnseenForAtMostTheTtlAndAReconnectFlushes() throws Exception {
        one.cache.put(key, bytes("v1"), Duration.ofMinutes(1));
        otherHoldsNear("v1");
        long held = System.nanoTime();
        long flushes = other.cache.stats().flushes();

        List<ChannelCut> cuts = new ArrayList<>();
        try {
            for (RedisServer server : servers()) {
                cuts.add(ChannelCut.on(server));
            }
            NearInstance.await(() -> !other.cache.stats().channelUp(), Duration.ofSeconds(5), "the channel to go down");
            long written = System.nanoTime();
            one.cache.put(key, bytes("v2"), Duration.ofMinutes(1));

            // not heard: the other instance serves what it holds, but no longer than the near TTL
            Thread.sleep(HEARD_WITHIN.toMillis());
            String seen = text(other.cache.get(key));
            // On a loaded machine cutting the channel can outlast the TTL of the held v1: then it is gone already.
            if (Duration.ofNanos(System.nanoTime() - held).compareTo(TTL) < 0 || !"v2".equals(seen)) {
                assertThat(seen).isEqualTo("v1");
            }
            NearInstance.await(() -> "v2".equals(text(other.cache.get(key))), TTL, "the near TTL to pass");
            assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(TTL.plus(HEARD_WITHIN));

            // filled again while the channel is down ...
            assertThat(text(other.cache.get(key))).isEqualTo("v2");
        } finally {
            cuts.forEach(ChannelCut::close);
        }
        // ... and flushed when it is back, since what was said meanwhile is lost
        NearInstance.await(() -> other.cache.stats().channelUp(), Duration.ofSeconds(10), "the channel to come back");
        assertThat(other.cache.stats().flushes()).isGreaterThan(flushes);
        one.cache.put(key, bytes("v3"), Duration.ofMinutes(1));
        NearInstance.await(() -> "v3".equals(text(other.cache.get(key))), HEARD_WITHIN, "the other instance to see v3");
    }

    /**
     * Cuts the pub/sub connections of one Redis server: kills them and refuses new connections
     * (maxclients at the count left) until closed. The cache's own connections stay up.
     */
    static final class ChannelCut implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> admin;
        private final String maxClients;

        private ChannelCut(RedisClient client, StatefulRedisConnection<String, String> admin, String maxClients) {
            this.client = client;
            this.admin = admin;
            this.maxClients = maxClients;
        }

        static ChannelCut on(RedisServer server) {
            RedisClient client = RedisClient.create(server.uri());
            StatefulRedisConnection<String, String> admin = client.connect();
            String maxClients = admin.sync().configGet("maxclients").get("maxclients");
            Map<String, String> info = parse(admin.sync().info("clients"));
            long subscribers = admin.sync().clientList().lines().filter(line -> line.contains("sub=1")).count();
            long open = Long.parseLong(info.get("connected_clients")) + Long.parseLong(info.getOrDefault("cluster_connections", "0"));
            admin.sync().configSet("maxclients", Long.toString(open - subscribers));
            admin.sync().clientKill(KillArgs.Builder.typePubsub());
            return new ChannelCut(client, admin, maxClients);
        }

        private static Map<String, String> parse(String info) {
            Map<String, String> fields = new java.util.HashMap<>();
            for (String line : info.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            return fields;
        }

        @Override
        public void close() {
            admin.sync().configSet("maxclients", maxClients);
            admin.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
