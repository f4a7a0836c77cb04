package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.FakeFleetStore;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on several "instances": each its own {@link ReadThrough} and single flight, all on one
 * cache and one {@link FakeFleetStore}, as gateways on one Redis are.
 */
class FleetSingleFlightTest {

    private static final Duration LEASE = Duration.ofMillis(400);
    private static final Duration POLL = Duration.ofMillis(5);

    private final MutableClock clock = MutableClock.now();
    private final FakeCache cache = new FakeCache(clock);
    private final EntryStore store = new EntryStore(cache, CacheTtls.defaults(), clock);
    private final FakeFleetStore fleet = new FakeFleetStore();
    private final List<List<String>> upstreamCalls = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private volatile CountDownLatch proceed = new CountDownLatch(0);
    private volatile MusicDataException failNext;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private ReadThrough instance(String name) {
        return new ReadThrough(store, Runnable::run, CacheObserver.NONE,
                SingleFlight.acrossInstances(fleet.leasesOf(name), LEASE, POLL), ChangeCounter.inProcess());
    }

    private Read<String, User> users() {
        return Read.of(DataKind.USERS, EntryCodec.USER, (String id) -> "test:" + id).inOneCall(ids -> {
            upstreamCalls.add(List.copyOf(ids));
            try {
                proceed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            MusicDataException failure = failNext;
            if (failure != null) {
                failNext = null;
                throw failure;
            }
            Map<String, User> found = new HashMap<>();
            ids.forEach(id -> found.put(id, new User(UserId.of(id), "User " + id)));
            return found;
        }).perViewer();
    }

    private Future<Loaded<String, User>> readOn(ReadThrough instance, List<String> ids) {
        return pool.submit(() -> instance.read(users(), ids, ReadRecorder.NONE));
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

    @Test
    void instancesMissingTheSameKeysLoadThemOnceAndTheOthersReadTheCache() throws Exception {
        proceed = new CountDownLatch(1);
        List<ReadThrough> instances = List.of(instance("a"), instance("b"), instance("c"));
        Future<Loaded<String, User>> first = readOn(instances.get(0), List.of("x", "y"));
        awaitUpstreamCalls(1);
        List<Future<Loaded<String, User>>> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(readOn(instances.get(1 + i % 2), List.of("x", "y")));
        }
        Thread.sleep(50);
        proceed.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).values()).containsOnlyKeys("x", "y");
        for (Future<Loaded<String, User>> other : others) {
            assertThat(other.get(10, TimeUnit.SECONDS).values().get("y").displayName()).isEqualTo("User y");
        }
        assertThat(upstreamCalls).containsExactly(List.of("x", "y"));
    }

    @Test
    void aDeadHoldersLeaseKeepsTheOthersWaitingNoLongerThanTheLease() throws Exception {
        fleet.leaseHeldByADeadInstance("test:x", LEASE);
        long start = System.nanoTime();

        Loaded<String, User> loaded = instance("b").read(users(), List.of("x"), ReadRecorder.NONE);

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(loaded.values()).containsOnlyKeys("x");
        assertThat(upstreamCalls).containsExactly(List.of("x"));
        assertThat(waited).as("waited ms").isGreaterThanOrEqualTo(LEASE.toMillis() - 50).isLessThan(LEASE.toMillis() * 2 + 500);
    }

    @Test
    void whenTheHolderFailsAnotherInstanceLoadsTheKeyItself() throws Exception {
        proceed = new CountDownLatch(1);
        failNext = new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "down");
        Future<Loaded<String, User>> holder = readOn(instance("a"), List.of("x"));
        awaitUpstreamCalls(1);
        Future<Loaded<String, User>> waiter = readOn(instance("b"), List.of("x"));
        Thread.sleep(30);
        proceed.countDown();

        assertThat(holder.get(10, TimeUnit.SECONDS).failures()).containsOnlyKeys("x");
        assertThat(waiter.get(10, TimeUnit.SECONDS).values()).containsOnlyKeys("x");
        assertThat(upstreamCalls).hasSize(2);
    }

    @Test
    void aKeyStoredByAnotherInstanceJustBeforeOurLeaseIsReadNotLoaded() {
        ReadThrough b = instance("b");
        // b's first cache read misses; instance a lands the key right after it, before b takes the lease.
        AtomicInteger reads = new AtomicInteger();
        cache.afterGetAll(keys -> {
            if (reads.getAndIncrement() == 0) {
                store.putRead(DataKind.USERS, EntryCodec.USER, Map.of("test:x", new User(UserId.of("x"), "From a")),
                        ChangeCounter.inProcess().mark());
            }
        });
        Loaded<String, User> loaded = b.read(users(), List.of("x"), ReadRecorder.NONE);

        assertThat(loaded.values().get("x").displayName()).isEqualTo("From a");
        assertThat(upstreamCalls).isEmpty();
    }

    @Test
    void withTheStoreDownEachInstanceLoadsForItselfAndStillJoinsWithinItself() throws Exception {
        fleet.down(true);
        proceed = new CountDownLatch(1);
        ReadThrough a = instance("a");
        ReadThrough b = instance("b");
        List<Future<Loaded<String, User>>> reads = new ArrayList<>();
        reads.add(readOn(a, List.of("x")));
        awaitUpstreamCalls(1);
        reads.add(readOn(b, List.of("x")));
        awaitUpstreamCalls(2);
        reads.add(readOn(a, List.of("x")));
        reads.add(readOn(b, List.of("x")));
        Thread.sleep(50);
        proceed.countDown();

        for (Future<Loaded<String, User>> read : reads) {
            assertThat(read.get(10, TimeUnit.SECONDS).values()).containsOnlyKeys("x");
        }
        assertThat(upstreamCalls).as("one per instance").hasSize(2);
    }
}
