package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.fake.CountingPlaylistPort;
import dev.playlistgateway.domain.fake.CountingPlaylistPort.Op;
import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caching targets (docs/caching.md, "Targets and the tests that prove them"), measured at service
 * level with a counting fake port.
 */
class CachingTargetsTest {

    private static final Viewer ALICE = viewer("alice");
    private static final Viewer BOB = viewer("bob");

    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void stopPools() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    @Test
    void coldQueryOfFiftyPlaylistsOfHundredTracksCostsOneListCallAndOneItemsCallPerPlaylist() {
        Fixture f = new Fixture(TestCatalog.userWith("alice", 50, 100, 30));
        QueryCost cost = new QueryCost();

        Fixture.Rendered rendered = f.namesOfAllTracks(ALICE, "alice", cost);

        assertThat(rendered.playlists()).isEqualTo(50);
        assertThat(rendered.tracks()).isEqualTo(5000);
        assertThat(f.port.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(Op.PLAYLISTS, 1, Op.ITEMS, 50));
        assertThat(f.port.log(Op.ITEMS)).extracting(c -> c.asked().get(0)).doesNotHaveDuplicates();
        assertThat(cost.upstreamCalls()).isEqualTo(51);
    }

    @Test
    void warmQueryCostsNoUpstreamCallAndShowsTheSameAnswer() {
        Fixture f = new Fixture(TestCatalog.userWith("alice", 50, 100, 30));
        Fixture.Rendered cold = f.namesOfAllTracks(ALICE, "alice", new QueryCost());
        f.port.resetCounts();
        QueryCost cost = new QueryCost();

        Fixture.Rendered warm = f.namesOfAllTracks(ALICE, "alice", cost);

        assertThat(f.port.totalCalls()).isZero();
        assertThat(cost.upstreamCalls()).isZero();
        assertThat(cost.misses()).isZero();
        assertThat(cost.hits()).isEqualTo(1 + 50 + 5000);
        assertThat(warm).isEqualTo(cold);
    }

    @Test
    void warmQueryJustBeforePlaylistsTtlEndsIsStillFree() {
        Fixture f = new Fixture(TestCatalog.userWith("alice", 5, 10, 3));
        f.namesOfAllTracks(ALICE, "alice", new QueryCost());
        f.port.resetCounts();
        f.clock.advance(f.ttls.freshFor(DataKind.PLAYLISTS).minusSeconds(1));

        f.namesOfAllTracks(ALICE, "alice", new QueryCost());

        assertThat(f.port.totalCalls()).isZero();
    }

    @Test
    void artistGenresForAPlaylistCostOneArtistsCallThenNothingForLaterQueriesAndOtherUsers() {
        TestCatalog catalog = TestCatalog.builder().distinctArtists(30)
                .user("alice").playlist("alice", "alice-mix", true, 100)
                .user("bob").playlist("bob", "bob-mix", true, 100)
                .build();
        Fixture f = new Fixture(catalog);
        Set<ArtistId> distinct = catalog.artistsOf("alice-mix");

        Set<ArtistId> credited = creditedArtistsOf(f, ALICE, "alice-mix");
        QueryCost first = new QueryCost();
        var artists = f.service.artists(ALICE, credited, first);

        assertThat(artists).hasSize(30).allSatisfy((id, artist) -> assertThat(artist.genres()).isNotEmpty());
        assertThat(f.port.calls(Op.ARTISTS)).isEqualTo(1);
        assertThat(f.port.log(Op.ARTISTS).get(0).asked())
                .containsExactlyInAnyOrderElementsOf(distinct.stream().map(ArtistId::value).toList());

        f.port.resetCounts();
        f.service.artists(ALICE, credited, new QueryCost());
        Set<ArtistId> bobs = creditedArtistsOf(f, BOB, "bob-mix");
        f.port.resetCounts();
        QueryCost bobCost = new QueryCost();
        f.service.artists(BOB, bobs, bobCost);

        assertThat(bobs).isEqualTo(distinct); // same 30 artists, credited on other tracks
        assertThat(f.port.calls(Op.ARTISTS)).isZero();
        assertThat(bobCost.hits()).isEqualTo(30);
    }

    private static Set<ArtistId> creditedArtistsOf(Fixture f, Viewer viewer, String playlist) {
        QueryCost cost = new QueryCost();
        Playlist p = f.service.playlist(viewer, PlaylistId.of(playlist), cost);
        var page = f.service.items(viewer, List.of(new ItemsWindow(p, PageRequest.of(0, 100))), cost).orThrow()
                .values().iterator().next();
        Set<TrackId> ids = new LinkedHashSet<>();
        page.items().items().forEach(i -> ids.add(i.trackId()));
        Set<ArtistId> artists = new LinkedHashSet<>();
        for (Track track : f.service.tracks(viewer, ids, cost).values()) {
            track.artists().forEach(a -> artists.add(a.id()));
        }
        return artists;
    }

    @Test
    void sixteenIdenticalColdQueriesAtOnceCostWhatOneCosts() throws Exception {
        CountingPlaylistPort port = new CountingPlaylistPort(TestCatalog.userWith("alice", 50, 100, 30))
                .withLatency(Duration.ofMillis(40));
        AtomicInteger joins = new AtomicInteger();
        CacheObserver observer = new CacheObserver() {
            @Override
            public void singleFlightJoins(String kind, int count) {
                joins.addAndGet(count);
            }
        };
        Fixture f = new Fixture(port, null, pool(16), observer);
        ExecutorService requests = pool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Fixture.Rendered>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(requests.submit(() -> {
                start.await();
                return f.namesOfAllTracks(ALICE, "alice", new QueryCost());
            }));
        }
        start.countDown();
        List<Fixture.Rendered> rendered = new ArrayList<>();
        for (Future<Fixture.Rendered> answer : answers) {
            rendered.add(answer.get(60, TimeUnit.SECONDS));
        }

        assertThat(rendered).allSatisfy(r -> assertThat(r).isEqualTo(rendered.get(0)));
        assertThat(rendered.get(0).tracks()).isEqualTo(5000);
        assertThat(port.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(Op.PLAYLISTS, 1, Op.ITEMS, 50));
        assertThat(joins.get()).isPositive();
    }

    /**
     * Regression: a request that missed in the cache, but reached the single flight only after the
     * leader had finished and left, went upstream a second time for the same key.
     */
    @Test
    void requestThatMissedJustBeforeAnotherFinishedLoadingDoesNotCallUpstreamAgain() throws Exception {
        Fixture f = new Fixture(TestCatalog.userWith("alice", 1, 10, 3));
        CountDownLatch missed = new CountDownLatch(1);
        CountDownLatch leaderDone = new CountDownLatch(1);
        AtomicBoolean holdOnce = new AtomicBoolean(true);
        f.cache.afterGetAll(keys -> {
            if (Thread.currentThread().getName().equals("late") && holdOnce.getAndSet(false)) {
                missed.countDown();
                await(leaderDone);
            }
        });
        Thread late = new Thread(() -> f.service.playlists(ALICE, dev.playlistgateway.domain.model.UserId.of("alice"),
                PageRequest.of(0, 20), new QueryCost()), "late");
        late.start();
        assertThat(missed.await(5, TimeUnit.SECONDS)).isTrue();
        f.service.playlists(ALICE, dev.playlistgateway.domain.model.UserId.of("alice"), PageRequest.of(0, 20), new QueryCost());
        leaderDone.countDown();
        late.join(5000);

        assertThat(late.isAlive()).isFalse();
        assertThat(f.port.calls(Op.PLAYLISTS)).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void afterAnOutsideEditAndPlaylistsTtlOnlyTheListAndThatPlaylistsItemsAreFetched() {
        Fixture f = new Fixture(TestCatalog.userWith("alice", 50, 100, 30));
        f.namesOfAllTracks(ALICE, "alice", new QueryCost());
        PlaylistId edited = PlaylistId.of("alice-pl-17");
        TrackId added = f.port.editOutside(edited);
        f.port.resetCounts();
        f.clock.advance(f.ttls.freshFor(DataKind.PLAYLISTS).plusSeconds(1));

        Fixture.Rendered after = f.namesOfAllTracks(ALICE, "alice", new QueryCost());

        assertThat(f.port.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(Op.PLAYLISTS, 1, Op.ITEMS, 1));
        // the new snapshot's first block: the window is the first 100 of its 101 items
        assertThat(f.port.log(Op.ITEMS).get(0).asked()).containsExactly("alice-pl-17@0+100");
        assertThat(after.lines()).contains("# Playlist alice-pl-17 (101)");
        Playlist now = f.service.playlist(ALICE, edited, new QueryCost());
        var tail = f.service.items(ALICE, List.of(new ItemsWindow(now, PageRequest.of(100, 10))), new QueryCost())
                .orThrow().values().iterator().next();
        assertThat(tail.items().items()).extracting(i -> i.trackId()).containsExactly(added);
    }

    @Test
    void coldQueryWithTheFakeCacheCountsFewCacheRoundTrips() {
        FakeCache cache;
        Fixture f = new Fixture(TestCatalog.userWith("alice", 50, 100, 30));
        cache = f.cache;
        f.namesOfAllTracks(ALICE, "alice", new QueryCost());
        cache.resetCounts();

        f.namesOfAllTracks(ALICE, "alice", new QueryCost());

        // warm: one batch read per step of the query (list, items, tracks)
        assertThat(cache.getAllCalls()).isEqualTo(3);
        assertThat(cache.writes()).isZero();
    }
}
