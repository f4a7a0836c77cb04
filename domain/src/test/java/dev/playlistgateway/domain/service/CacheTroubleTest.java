package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.fake.CountingPlaylistPort;
import dev.playlistgateway.domain.fake.CountingPlaylistPort.Op;
import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;

/** A cache is an optimisation, never a source of errors or wrong answers. */
class CacheTroubleTest {

    private static final Viewer ALICE = viewer("alice");
    private final TestCatalog catalog = TestCatalog.userWith("alice", 4, 30, 5);

    @Test
    void brokenEntryIsAMissNotAnError() {
        Fixture f = new Fixture(catalog);
        Fixture.Rendered before = f.namesOfAllTracks(ALICE, "alice", new QueryCost());
        TrackId victim = catalog.playlist("alice-pl-02").trackIds().get(7);
        assertThat(f.cache.corrupt("track:" + victim.value(), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})).isEqualTo(1);
        assertThat(f.cache.corrupt("playlists:alice", new byte[]{99})).isEqualTo(1);
        assertThat(f.cache.corrupt(":items:alice-pl-01", new byte[0])).isEqualTo(1);
        f.port.resetCounts();
        QueryCost cost = new QueryCost();

        Fixture.Rendered after = f.namesOfAllTracks(ALICE, "alice", cost);

        assertThat(after).isEqualTo(before);
        // each broken entry is read again, and only it
        assertThat(f.port.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(Op.PLAYLISTS, 1, Op.ITEMS, 1, Op.TRACKS, 1));
        assertThat(f.port.log(Op.ITEMS).get(0).asked()).containsExactly("alice-pl-01@0+100");
        assertThat(f.port.log(Op.TRACKS).get(0).asked()).containsExactly(victim.value());
        assertThat(cost.misses()).isEqualTo(3);
    }

    @Test
    void unavailableCacheStillGivesCorrectAnswers() {
        Fixture reference = new Fixture(catalog);
        Fixture.Rendered expected = reference.namesOfAllTracks(ALICE, "alice", new QueryCost());
        Fixture f = new Fixture(new CountingPlaylistPort(catalog), clock -> new FakeCache(clock).unavailable(),
                Runnable::run, CacheObserver.NONE);

        Fixture.Rendered first = f.namesOfAllTracks(ALICE, "alice", new QueryCost());
        Fixture.Rendered second = f.namesOfAllTracks(ALICE, "alice", new QueryCost());

        assertThat(first).isEqualTo(expected);
        assertThat(second).isEqualTo(expected);
        // without a cache every query pays: the list, each playlist's items, and the tracks by id
        assertThat(f.port.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(Op.PLAYLISTS, 2, Op.ITEMS, 8, Op.TRACKS, 2));
    }

    @Test
    void unavailableCacheStillLetsMutationsShowAtOnce() {
        Fixture f = new Fixture(new CountingPlaylistPort(catalog), clock -> new FakeCache(clock).unavailable(),
                Runnable::run, CacheObserver.NONE);
        PlaylistId id = PlaylistId.of("alice-pl-01");
        TrackId extra = catalog.playlist("alice-pl-00").trackIds().get(0);

        f.service.addTracks(ALICE, id, List.of(extra), new QueryCost());

        assertThat(f.service.playlist(ALICE, id, new QueryCost()).trackCount()).isEqualTo(31);
        assertThat(f.service.playlists(ALICE, UserId.of("alice"), PageRequest.of(0, 10), new QueryCost()).items())
                .filteredOn(p -> p.id().equals(id)).extracting(p -> p.trackCount()).containsExactly(31);
    }
}
