package dev.playlistgateway.adapter.cache.redis;

import dev.playlistgateway.domain.cache.CacheTtls;
import dev.playlistgateway.domain.cache.ChangeCounter;
import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.cache.EntryCodec;
import dev.playlistgateway.domain.cache.EntryStore;
import dev.playlistgateway.domain.cache.Loaded;
import dev.playlistgateway.domain.cache.PlaylistChanges;
import dev.playlistgateway.domain.cache.Read;
import dev.playlistgateway.domain.cache.ReadRecorder;
import dev.playlistgateway.domain.cache.ReadThrough;
import dev.playlistgateway.domain.cache.SingleFlight;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single flight and the change counter across gateway instances, each instance a {@link RedisCache}
 * of its own on one Redis (standalone or Cluster: the subclasses). The engine is the domain's.
 */
abstract class FleetCoordinationSuite {

    static final Duration LEASE = Duration.ofMillis(600);

    private final List<RedisCache> opened = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<List<String>> upstreamCalls = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch proceed = new CountDownLatch(0);
    /** Keys of this test only: the Redis is shared by the suite's tests. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A new, connected cache on the suite's Redis: one gateway instance. */
    protected abstract RedisCache newInstance();

    RedisCache instance() {
        RedisCache cache = Connected.await(newInstance());
        opened.add(cache);
        return cache;
    }

    @AfterEach
    void closeInstances() {
        pool.shutdownNow();
        opened.forEach(RedisCache::close);
    }

    String key(String name) {
        return "v1:test:" + run + ":" + name;
    }

    private ReadThrough engineOn(RedisCache cache) {
        return new ReadThrough(new EntryStore(cache, CacheTtls.defaults(), Clock.systemUTC()), Runnable::run, CacheObserver.NONE,
                SingleFlight.acrossInstances(cache.flightLeases(), LEASE, Duration.ofMillis(10)),
                ChangeCounter.acrossInstances(cache.sharedCounts(), PlaylistChanges.CHANGED_KINDS));
    }

    private Read<String, User> users() {
        return Read.of(DataKind.USERS, EntryCodec.USER, this::key).inOneCall(ids -> {
            upstreamCalls.add(List.copyOf(ids));
            try {
                proceed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, User> found = new HashMap<>();
            ids.forEach(id -> found.put(id, new User(UserId.of(id), "User " + id)));
            return found;
        }).perViewer();
    }

    @Test
    void aLeaseTakenByOneInstanceIsHeldForTheOthersAndLapsesByItself() throws Exception {
        RedisCache a = instance();
        RedisCache b = instance();

        assertThat(a.flightLeases().take(List.of(key("x"), key("y")), LEASE)).containsExactly(key("x"), key("y"));
        assertThat(b.flightLeases().take(List.of(key("x"), key("z")), LEASE)).containsExactly(key("z"));
        assertThat(b.flightLeases().held(List.of(key("x"), key("y"), key("w")))).containsExactly(key("x"), key("y"));

        Thread.sleep(LEASE.toMillis() + 100);
        assertThat(b.flightLeases().held(List.of(key("x"), key("y")))).isEmpty();
        assertThat(b.flightLeases().take(List.of(key("x")), LEASE)).containsExactly(key("x"));
    }

    @Test
    void onlyTheHolderGivesALeaseBack() throws Exception {
        RedisCache a = instance();
        RedisCache b = instance();
        a.flightLeases().take(List.of(key("x")), Duration.ofSeconds(30));

        b.flightLeases().giveBack(List.of(key("x")));
        assertThat(within(() -> !a.flightLeases().held(List.of(key("x"))).isEmpty())).isTrue();
        a.flightLeases().giveBack(List.of(key("x")));

        assertThat(within(() -> b.flightLeases().held(List.of(key("x"))).isEmpty())).isTrue();
    }

    @Test
    void instancesMissingTheSameKeysLoadThemOnceAndTheOthersReadTheValueFromRedis() throws Exception {
        proceed = new CountDownLatch(1);
        List<ReadThrough> instances = List.of(engineOn(instance()), engineOn(instance()), engineOn(instance()));
        List<Future<Loaded<String, User>>> reads = new ArrayList<>();
        reads.add(pool.submit(() -> instances.get(0).read(users(), List.of("x", "y"), ReadRecorder.NONE)));
        awaitUpstreamCalls(1);
        for (int i = 0; i < 9; i++) {
            ReadThrough on = instances.get(i % 3);
            reads.add(pool.submit(() -> on.read(users(), List.of("y", "x"), ReadRecorder.NONE)));
        }
        Thread.sleep(100);
        proceed.countDown();

        for (Future<Loaded<String, User>> read : reads) {
            assertThat(read.get(10, TimeUnit.SECONDS).values()).containsOnlyKeys("x", "y");
        }
        assertThat(upstreamCalls).containsExactly(List.of("x", "y"));
    }

    @Test
    void aDeadHolderKeepsTheOthersWaitingNoLongerThanItsLease() {
        RedisCache dead = instance();
        RedisCache alive = instance();
        long taken = System.nanoTime();
        assertThat(dead.flightLeases().take(List.of(key("x")), LEASE)).containsExactly(key("x"));
        dead.close(); // died holding the lease: it is never given back
        assertThat(alive.flightLeases().held(List.of(key("x")))).containsExactly(key("x"));
        ReadThrough survivor = engineOn(alive);
        long start = System.nanoTime();

        Loaded<String, User> loaded = survivor.read(users(), List.of("x"), ReadRecorder.NONE);

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // The lease runs from its taking; closing the dead instance (a bounded, quiet shutdown) used part of it.
        long sinceTaken = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - taken);
        assertThat(loaded.values()).containsOnlyKeys("x");
        assertThat(upstreamCalls).containsExactly(List.of("x"));
        assertThat(sinceTaken).as("ms since the lease was taken").isGreaterThanOrEqualTo(LEASE.toMillis() - 150);
        assertThat(waited).as("ms waited").isLessThanOrEqualTo(LEASE.toMillis() * 2 + 1_000);
    }

    @Test
    void aChangeThroughOneInstanceOutdatesReadsInFlightOnTheOthers() {
        ChangeCounter a = ChangeCounter.acrossInstances(instance().sharedCounts(), PlaylistChanges.CHANGED_KINDS);
        RedisCache onB = instance();
        ChangeCounter b = ChangeCounter.acrossInstances(onB.sharedCounts(), PlaylistChanges.CHANGED_KINDS);
        EntryStore store = new EntryStore(onB, CacheTtls.defaults(), Clock.systemUTC());
        ChangeCounter.Mark began = b.mark();

        a.changing(DataKind.PLAYLISTS);
        store.putRead(DataKind.PLAYLISTS, EntryCodec.USER, Map.of(key("old"), new User(UserId.of("u"), "Old")), began);

        assertThat(began.changed(DataKind.PLAYLISTS)).isTrue();
        assertThat(b.mark().changed(DataKind.PLAYLISTS)).isFalse();
        assertThat(onB.get(key("old"))).isEmpty();
    }

    private void awaitUpstreamCalls(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (upstreamCalls.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("upstream calls: " + upstreamCalls);
            }
            Thread.sleep(2);
        }
    }

    static boolean within(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
