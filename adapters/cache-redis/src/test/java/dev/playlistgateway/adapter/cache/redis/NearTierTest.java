package dev.playlistgateway.adapter.cache.redis;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The near tier's rules without Redis: what it keeps, for how long, and the races a read can lose. */
class NearTierTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final FakeRedis redis = new FakeRedis();
    private final FakeChannel channel = new FakeChannel();
    private final NearTier tier = new NearTier(redis, NearCacheSettings.defaults().withTtl(Duration.ofSeconds(5)),
            listener -> {
                channel.listener = listener;
                return channel;
            }, ticker);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<byte[]> value) {
        return value.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void aValueReadFromRedisIsHeldForTheNearTtlThenReadAgain() {
        redis.values.put("k", bytes("v1"));
        assertThat(text(tier.get("k"))).isEqualTo("v1");
        redis.values.put("k", bytes("v2")); // changed behind the tier's back, no message

        advance(Duration.ofMillis(4_900));
        assertThat(text(tier.get("k"))).isEqualTo("v1");
        advance(Duration.ofMillis(200));
        assertThat(text(tier.get("k"))).isEqualTo("v2");
        assertThat(redis.reads).isEqualTo(2);
    }

    @Test
    void aWriteHereIsHeldAtOnceNeverLongerThanItsOwnTtlAndAnnounced() {
        tier.put("k", bytes("v1"), Duration.ofSeconds(1));

        assertThat(text(tier.get("k"))).isEqualTo("v1");
        assertThat(redis.reads).isZero();
        assertThat(channel.published).containsExactly(List.of("k"));
        advance(Duration.ofMillis(1_100));
        redis.values.remove("k"); // Redis expired it too
        assertThat(tier.get("k")).isEmpty();
    }

    @Test
    void aDeleteHereDropsAtOnceAndIsAnnounced() {
        tier.putAll(Map.of("a", bytes("1"), "b", bytes("2")), Duration.ofMinutes(1));

        tier.delete(List.of("a"));

        assertThat(tier.get("a")).isEmpty();
        assertThat(text(tier.get("b"))).isEqualTo("2");
        assertThat(channel.published.get(1)).containsExactly("a");
    }

    @Test
    void anAnnouncedChangeDropsTheKeyAndAReadWithinTheQuarantineIsNotKept() {
        redis.values.put("k", bytes("v1"));
        tier.get("k");

        channel.listener.invalidated(List.of("k"));
        // the change's SET may not have reached Redis yet: the read still finds the old value ...
        assertThat(text(tier.get("k"))).isEqualTo("v1");
        redis.values.put("k", bytes("v2"));
        // ... and it was not kept
        assertThat(text(tier.get("k"))).isEqualTo("v2");

        advance(NearTier.QUARANTINE);
        tier.get("k");
        int reads = redis.reads;
        assertThat(text(tier.get("k"))).isEqualTo("v2");
        assertThat(redis.reads).as("kept once the quarantine passed").isEqualTo(reads);
        assertThat(tier.stats().invalidatedKeys()).isEqualTo(1);
    }

    @Test
    void aReadThatCrossedAnAnnouncedChangeIsNotKept() {
        redis.values.put("k", bytes("old"));
        redis.duringRead = () -> channel.listener.invalidated(List.of("k"));

        assertThat(text(tier.get("k"))).isEqualTo("old");
        redis.duringRead = null;
        redis.values.put("k", bytes("new"));
        advance(NearTier.QUARANTINE);

        assertThat(text(tier.get("k"))).isEqualTo("new");
    }

    @Test
    void aReadThatCrossedAFlushIsNotKept() {
        redis.values.put("k", bytes("old"));
        redis.duringRead = () -> channel.listener.resubscribed();

        tier.getAll(List.of("k"));
        redis.duringRead = null;
        redis.values.put("k", bytes("new"));

        assertThat(text(tier.get("k"))).isEqualTo("new");
    }

    @Test
    void aSlowReadIsNotKept() {
        redis.values.put("k", bytes("v1"));
        redis.duringRead = () -> advance(NearTier.QUARANTINE);

        tier.get("k");
        redis.duringRead = null;
        tier.get("k");

        assertThat(redis.reads).isEqualTo(2);
    }

    @Test
    void anOlderValueAConcurrentReadBroughtNeverReplacesAWriteMadeHere() {
        redis.values.put("k", bytes("old"));
        redis.duringRead = () -> tier.put("k", bytes("new"), Duration.ofMinutes(1));

        tier.get("k"); // returns what Redis had when it read; the write came meanwhile
        redis.duringRead = null;

        assertThat(text(tier.get("k"))).isEqualTo("new");
    }

    @Test
    void aResubscriptionFlushesEverything() {
        tier.putAll(Map.of("a", bytes("1"), "b", bytes("2")), Duration.ofMinutes(1));
        redis.values.clear();

        channel.listener.resubscribed();

        assertThat(tier.getAll(List.of("a", "b"))).isEmpty();
        assertThat(tier.stats().flushes()).isEqualTo(1);
    }

    @Test
    void getAllAsksRedisOnlyForWhatTheTierDoesNotHold() {
        tier.put("a", bytes("1"), Duration.ofMinutes(1));
        redis.values.put("b", bytes("2"));

        Map<String, byte[]> found = tier.getAll(List.of("a", "b", "c"));

        assertThat(found).containsOnlyKeys("a", "b");
        assertThat(redis.askedFor).containsExactly(List.of("b", "c"));
        assertThat(tier.stats().hits()).isEqualTo(1);
        assertThat(tier.stats().misses()).isEqualTo(2);
    }

    /** Runs {@code read} on a thread of its own, and waits until it has returned or is parked (joining a read). */
    private static Thread reading(Runnable read) {
        Thread thread = new Thread(read, "second-reader");
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (thread.isAlive() && thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return thread;
    }

    @Test
    void aCallThatMissesKeysAnotherIsReadingJoinsThatRead() throws InterruptedException {
        redis.values.put("a", bytes("1"));
        redis.values.put("b", bytes("2"));
        AtomicReference<Map<String, byte[]>> second = new AtomicReference<>();
        AtomicReference<Thread> joiner = new AtomicReference<>();
        redis.duringRead = () -> {
            redis.duringRead = null;
            joiner.set(reading(() -> second.set(tier.getAll(List.of("b", "a")))));
        };

        Map<String, byte[]> first = tier.getAll(List.of("a", "b"));
        joiner.get().join(5_000);

        assertThat(redis.reads).as("one read from Redis for both calls").isEqualTo(1);
        assertThat(text(Optional.ofNullable(first.get("a")))).isEqualTo("1");
        assertThat(second.get()).containsOnlyKeys("a", "b");
        assertThat(text(Optional.ofNullable(second.get().get("b")))).isEqualTo("2");
    }

    @Test
    void aCallAfterAChangeNeverJoinsAReadThatBeganBeforeIt() throws InterruptedException {
        redis.values.put("deleted", bytes("old"));
        redis.values.put("announced", bytes("old"));
        AtomicReference<Map<String, byte[]>> after = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        redis.duringRead = () -> {
            redis.duringRead = null;
            tier.delete(List.of("deleted"));
            channel.listener.invalidated(List.of("announced"));
            redis.values.put("announced", bytes("new"));
            Thread thread = reading(() -> after.set(tier.getAll(List.of("deleted", "announced"))));
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            second.set(thread);
        };

        tier.getAll(List.of("deleted", "announced"));

        assertThat(second.get().isAlive()).as("the later call waited for the earlier read").isFalse();
        assertThat(after.get()).containsOnlyKeys("announced");
        assertThat(text(Optional.ofNullable(after.get().get("announced")))).isEqualTo("new");
        assertThat(redis.reads).isEqualTo(2);
    }

    /** A Redis cache in a map, that can run something while a read is under way. */
    private static final class FakeRedis implements RedisCache {
        @Override
        public dev.playlistgateway.domain.cache.FlightLeases flightLeases() {
            throw new UnsupportedOperationException("not used by the near tier's tests");
        }

        @Override
        public dev.playlistgateway.domain.cache.SharedCounts sharedCounts() {
            throw new UnsupportedOperationException("not used by the near tier's tests");
        }

        final Map<String, byte[]> values = new ConcurrentHashMap<>();
        final List<List<String>> askedFor = new ArrayList<>();
        Runnable duringRead;
        int reads;

        @Override
        public Optional<byte[]> get(String key) {
            reads++;
            Optional<byte[]> value = Optional.ofNullable(values.get(key));
            if (duringRead != null) {
                duringRead.run();
            }
            return value;
        }

        @Override
        public Map<String, byte[]> getAll(Collection<String> keys) {
            reads++;
            askedFor.add(List.copyOf(keys));
            Map<String, byte[]> found = new HashMap<>();
            keys.forEach(key -> {
                if (values.containsKey(key)) {
                    found.put(key, values.get(key));
                }
            });
            if (duringRead != null) {
                duringRead.run();
            }
            return found;
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            values.put(key, value);
        }

        @Override
        public void putAll(Map<String, byte[]> entries, Duration ttl) {
            values.putAll(entries);
        }

        @Override
        public void delete(Collection<String> keys) {
            keys.forEach(values::remove);
        }

        @Override
        public void close() {
        }
    }

    private static final class FakeChannel implements Invalidations {
        Invalidations.Listener listener;
        final List<List<String>> published = new ArrayList<>();

        @Override
        public void publish(Collection<String> keys) {
            published.add(List.copyOf(keys));
        }

        @Override
        public boolean isUp() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
