package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.fake.CountingPlaylistPort;
import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Past its TTL and within the grace, a cached copy is served while the music service throttles or fails. */
class StaleIfErrorTest {

    private static final Viewer ALICE = viewer("alice");
    private static final PlaylistId MIX = PlaylistId.of("alice-pl-01");

    private final TestCatalog catalog = TestCatalog.userWith("alice", 3, 10, 4);
    private final Fixture f = new Fixture(catalog);

    private Playlist read() {
        return f.service.playlist(ALICE, MIX, new QueryCost());
    }

    private void pastPlaylistsTtl() {
        f.clock.advance(f.ttls.freshFor(DataKind.PLAYLISTS).plusSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"RATE_LIMITED", "UPSTREAM_UNAVAILABLE"})
    void servesStalePlaylistAndListWhileTheMusicServiceFails(Failure failure) {
        var list = f.service.playlists(ALICE, UserId.of("alice"), PageRequest.of(0, 20), new QueryCost());
        Playlist fresh = read();
        pastPlaylistsTtl();
        f.port.failNext(2, failure);
        QueryCost cost = new QueryCost();

        assertThat(f.service.playlists(ALICE, UserId.of("alice"), PageRequest.of(0, 20), cost)).isEqualTo(list);
        assertThat(f.service.playlist(ALICE, MIX, cost)).isEqualTo(fresh);
        assertThat(cost.staleServed()).isEqualTo(2);
        assertThat(cost.upstreamCalls()).isEqualTo(2);
        assertThat(cost.misses()).isEqualTo(2);
    }

    @Test
    void staleServesAreReportedToTheObserver() {
        AtomicInteger stale = new AtomicInteger();
        Fixture observed = new Fixture(new CountingPlaylistPort(catalog), null, Runnable::run, new CacheObserver() {
            @Override
            public void staleServed(String kind, int count) {
                stale.addAndGet(count);
            }
        });
        observed.service.playlist(ALICE, MIX, new QueryCost());
        observed.clock.advance(observed.ttls.freshFor(DataKind.PLAYLISTS).plusSeconds(1));
        observed.port.failNext(1, Failure.RATE_LIMITED);

        observed.service.playlist(ALICE, MIX, new QueryCost());

        assertThat(stale.get()).isEqualTo(1);
    }

    @Test
    void servesStaleItemsWhileTheMusicServiceThrottles() {
        Playlist mix = read();
        ItemsWindow window = new ItemsWindow(mix, PageRequest.of(0, 10));
        var fresh = f.service.items(ALICE, List.of(window), new QueryCost()).orThrow().get(window);
        f.clock.advance(f.ttls.freshFor(DataKind.ITEMS).plusSeconds(1));
        f.port.failNext(1, Failure.RATE_LIMITED);
        QueryCost cost = new QueryCost();

        var stale = f.service.items(ALICE, List.of(window), cost).orThrow().get(window);

        assertThat(stale.items()).isEqualTo(fresh.items());
        assertThat(cost.staleServed()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Failure.class, names = {"NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED"})
    void doesNotMaskAnAnswerThatIsNotTransient(Failure failure) {
        read();
        pastPlaylistsTtl();
        f.port.failNext(1, failure);
        QueryCost cost = new QueryCost();

        assertThatThrownBy(() -> f.service.playlist(ALICE, MIX, cost))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(failure));
        assertThat(cost.staleServed()).isZero();
    }

    @Test
    void servesNothingStaleOnceTheGraceHasPassedToo() {
        read();
        f.clock.advance(f.ttls.keepFor(DataKind.PLAYLISTS).plusSeconds(1));
        f.port.failNext(1, Failure.RATE_LIMITED);

        assertThatThrownBy(this::read)
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED));
    }

    /** Regression: the grace was only as good as the store's expiry; a store keeping entries longer served them forever. */
    @Test
    void servesNothingStalePastTheGraceEvenFromAStoreThatKeepsEntriesLonger() {
        Fixture g = new Fixture(new CountingPlaylistPort(catalog), clock -> new FakeCache(clock).ignoringTtl(),
                Runnable::run, CacheObserver.NONE);
        g.service.playlist(ALICE, MIX, new QueryCost());
        g.clock.advance(g.ttls.keepFor(DataKind.PLAYLISTS).plusSeconds(1));
        g.port.failNext(1, Failure.UPSTREAM_UNAVAILABLE);

        assertThatThrownBy(() -> g.service.playlist(ALICE, MIX, new QueryCost()))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE));
    }

    @Test
    void failureWithNothingCachedIsTheCallersError() {
        f.port.failNext(1, Failure.RATE_LIMITED);

        assertThatThrownBy(this::read)
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
                    assertThat(e.retryAfter()).isPresent();
                });
    }

    @Test
    void freshCopyIsServedAgainOnceTheMusicServiceRecovers() {
        read();
        pastPlaylistsTtl();
        f.port.failNext(1, Failure.RATE_LIMITED);
        read();
        f.port.resetCounts();
        QueryCost cost = new QueryCost();

        read();
        f.service.playlist(ALICE, MIX, cost);

        assertThat(f.port.calls(CountingPlaylistPort.Op.PLAYLIST)).isEqualTo(1);
        assertThat(cost.staleServed()).isZero();
        assertThat(cost.hits()).isEqualTo(1);
    }
}
