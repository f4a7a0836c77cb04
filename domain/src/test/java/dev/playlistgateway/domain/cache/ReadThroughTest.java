package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine on its own, with a codec of the model and keys made up for the test. */
class ReadThroughTest {

    private final MutableClock clock = MutableClock.now();
    private final FakeCache cache = new FakeCache(clock);
    private final CacheTtls ttls = CacheTtls.defaults();
    private final EntryStore store = new EntryStore(cache, ttls, clock);
    private final ReadThrough readThrough = new ReadThrough(store, Runnable::run, CacheObserver.NONE,
            SingleFlight.inProcess(), ChangeCounter.inProcess());
    private final List<List<String>> upstreamCalls = new ArrayList<>();
    private final Recorded cost = new Recorded();

    /** A user's display name per id, as if read upstream. */
    private Map<String, User> upstream(List<String> ids) {
        upstreamCalls.add(List.copyOf(ids));
        Map<String, User> found = new HashMap<>();
        ids.stream().filter(id -> !id.startsWith("unknown"))
                .forEach(id -> found.put(id, new User(UserId.of(id), "User " + id)));
        return found;
    }

    private Read.Builder<String, User> users() {
        return Read.of(DataKind.USERS, EntryCodec.USER, (String id) -> "test:" + id);
    }

    @Test
    void missesOfAReadInOneCallGoUpstreamTogetherAndAreHitsAfterwards() {
        Read<String, User> read = users().inOneCall(this::upstream).perViewer();

        readThrough.read(read, List.of("a", "b", "c"), cost);
        Loaded<String, User> again = readThrough.read(read, List.of("a", "b", "c"), cost);

        assertThat(upstreamCalls).containsExactly(List.of("a", "b", "c"));
        assertThat(again.values()).containsOnlyKeys("a", "b", "c");
        assertThat(cost.hits).isEqualTo(3);
        assertThat(cost.misses).isEqualTo(3);
        assertThat(cost.upstreamCalls).isEqualTo(1);
    }

    @Test
    void missesOfAReadOneCallEachGoUpstreamOneByOne() {
        Read<String, User> read = users()
                .oneCallEach(id -> upstream(List.of(id))).perViewer();

        readThrough.read(read, List.of("a", "b"), cost);

        assertThat(upstreamCalls).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aFreshSharedCopyServesTheReadWithoutItsOwnKey() {
        cache.put("shared:a", EntryCodec.USER.encode(new User(
                UserId.of("a"), "Shared a"), clock.instant().plusSeconds(60)), Duration.ofMinutes(5));
        Read<String, User> read = users().sharedCopyUnder(id -> "shared:" + id)
                .inOneCall(this::upstream).sameForEveryone();

        Loaded<String, User> loaded = readThrough.read(read, List.of("a", "b"), cost);

        assertThat(loaded.values().get("a").displayName()).isEqualTo("Shared a");
        assertThat(upstreamCalls).containsExactly(List.of("b"));
        assertThat(cost.freshUntil).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void anIdUpstreamDoesNotKnowIsNeitherAValueNorAFailureAndCountsAsUnshared() {
        Read<String, User> read = users().inOneCall(this::upstream).sameForEveryone();

        Loaded<String, User> loaded = readThrough.read(read, List.of("unknown-1"), cost);

        assertThat(loaded.values()).isEmpty();
        assertThat(loaded.failures()).isEmpty();
        assertThat(cost.unshared).isTrue();
    }

    @Test
    void aPortThatThrowsSomethingElseFailsTheIdsAsUpstreamUnavailable() {
        Read<String, User> read = users().inOneCall(ids -> {
            throw new IllegalStateException("bug in a port");
        }).perViewer();

        Loaded<String, User> loaded = readThrough.read(read, List.of("a"), cost);

        assertThat(loaded.failures().get("a").failure()).isEqualTo(MusicDataException.Failure.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void aReadMustSayHowItsMissesAreLoaded() {
        assertThatThrownBy(() -> users().perViewer()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inOneCall or oneCallEach");
    }

    @Test
    void readWhoseMissesWereAllJoinedByAnotherFlightMakesNoUpstreamCallWithNoIds() throws Exception {
        CountDownLatch inUpstream = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        Read<String, User> read = users().inOneCall(ids -> {
            if (!ids.isEmpty() && inUpstream.getCount() > 0) {
                inUpstream.countDown();
                await(proceed);
            }
            return upstream(ids);
        }).perViewer();
        Recorded joinerCost = new Recorded();
        Thread loader = new Thread(() -> readThrough.read(read, List.of("a"), cost));
        loader.start();
        inUpstream.await(10, TimeUnit.SECONDS);
        Thread joiner = new Thread(() -> readThrough.read(read, List.of("a"), joinerCost));
        joiner.start();
        awaitParked(joiner);

        proceed.countDown();
        loader.join(10_000);
        joiner.join(10_000);

        assertThat(upstreamCalls).containsExactly(List.of("a"));
        assertThat(joinerCost.upstreamCalls).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the joiner did not park: " + thread.getState());
            }
            Thread.sleep(5);
        }
    }

    /** What the engine told the request. */
    private static final class Recorded implements ReadRecorder {
        int hits;
        int misses;
        int upstreamCalls;
        boolean unshared;
        Instant freshUntil = Instant.MAX;

        @Override
        public synchronized void hits(int count) {
            hits += count;
        }

        @Override
        public synchronized void misses(int count) {
            misses += count;
        }

        @Override
        public synchronized void upstreamCall() {
            upstreamCalls++;
        }

        @Override
        public void staleServed(int count) {
        }

        @Override
        public synchronized void readShared(Instant until) {
            freshUntil = until.isBefore(freshUntil) ? until : freshUntil;
        }

        @Override
        public synchronized void readUnshared() {
            unshared = true;
        }
    }
}
