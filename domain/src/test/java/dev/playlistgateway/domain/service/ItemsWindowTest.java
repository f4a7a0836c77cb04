package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.fake.CountingPlaylistPort;
import dev.playlistgateway.domain.fake.CountingPlaylistPort.Op;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Windows of a playlist's items, read in the port's blocks. */
class ItemsWindowTest {

    private static final Viewer ALICE = viewer("alice");
    private static final PlaylistId LONG = PlaylistId.of("alice-long");

    private final TestCatalog catalog = TestCatalog.builder()
            .user("alice")
            .playlist("alice", "alice-long", false, 260)
            .playlist("alice", "alice-short", true, 20)
            .playlist("alice", "alice-empty", true, 0)
            .build();
    private final Fixture f = new Fixture(catalog);

    private Playlist playlist(String id) {
        Playlist p = f.service.playlist(ALICE, PlaylistId.of(id), new QueryCost());
        f.port.resetCounts();
        return p;
    }

    /** The playlist as a list shows it: no items come with it. */
    private Playlist listed(String id) {
        Playlist p = f.service.playlists(ALICE, UserId.of("alice"), PageRequest.of(0, 50), new QueryCost()).items()
                .stream().filter(x -> x.id().value().equals(id)).findFirst().orElseThrow();
        f.port.resetCounts();
        return p;
    }

    private PlaylistItemsPage window(Playlist p, int offset, int limit, QueryCost cost) {
        ItemsWindow window = new ItemsWindow(p, PageRequest.of(offset, limit));
        return f.service.items(ALICE, List.of(window), cost).orThrow().get(window);
    }

    private List<TrackId> expected(String playlist, int from, int to) {
        return catalog.playlist(playlist).trackIds().subList(from, to);
    }

    @Test
    void windowCrossingABlockBoundaryReadsBothBlocksOnce() {
        Playlist p = listed("alice-long");

        PlaylistItemsPage page = window(p, 95, 10, new QueryCost());

        assertThat(page.items().items()).extracting(PlaylistItem::trackId).containsExactlyElementsOf(expected("alice-long", 95, 105));
        assertThat(page.items().offset()).isEqualTo(95);
        assertThat(page.items().total()).isEqualTo(260);
        assertThat(page.items().hasNext()).isTrue();
        assertThat(f.port.log(Op.ITEMS)).extracting(c -> c.asked().get(0))
                .containsExactlyInAnyOrder("alice-long@0+100", "alice-long@100+100");
    }

    @Test
    void blocksReadForOneWindowServeTheNextWindowsFromCache() {
        Playlist p = playlist("alice-long");
        window(p, 95, 10, new QueryCost());
        f.port.resetCounts();

        PlaylistItemsPage page = window(p, 30, 100, new QueryCost());

        assertThat(page.items().items()).extracting(PlaylistItem::trackId).containsExactlyElementsOf(expected("alice-long", 30, 130));
        assertThat(f.port.totalCalls()).isZero();
    }

    @Test
    void lastWindowIsShortAndWindowPastTheEndIsEmptyWithoutAnyCall() {
        Playlist p = playlist("alice-long");

        PlaylistItemsPage last = window(p, 250, 100, new QueryCost());
        f.port.resetCounts();
        PlaylistItemsPage beyond = window(p, 300, 10, new QueryCost());
        PlaylistItemsPage empty = window(playlist("alice-empty"), 0, 100, new QueryCost());

        assertThat(last.items().items()).extracting(PlaylistItem::trackId).containsExactlyElementsOf(expected("alice-long", 250, 260));
        assertThat(last.items().hasNext()).isFalse();
        assertThat(beyond.items().items()).isEmpty();
        assertThat(beyond.items().total()).isEqualTo(260);
        assertThat(empty.items().items()).isEmpty();
        assertThat(f.port.totalCalls()).isZero();
    }

    @Test
    void windowLargerThanAHundredIsInvalidInputAndCostsNothing() {
        Playlist p = playlist("alice-long");

        assertThatThrownBy(() -> window(p, 0, 101, new QueryCost())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 100");
        assertThatThrownBy(() -> f.service.playlists(ALICE, UserId.of("alice"), PageRequest.of(0, 51), new QueryCost()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(InvalidInputException.class);
        assertThat(f.port.totalCalls()).isZero();
    }

    @Test
    void firstItemsPageCarriedWithThePlaylistIsReusedForTheFirstWindow() {
        Playlist p = f.service.playlist(ALICE, LONG, new QueryCost());

        PlaylistItemsPage page = window(p, 0, 100, new QueryCost());

        assertThat(page.items().items()).extracting(PlaylistItem::trackId).containsExactlyElementsOf(expected("alice-long", 0, 100));
        assertThat(f.port.counts()).containsOnlyKeys(Op.PLAYLIST);
    }

    /** Regression: when the port reads items in blocks of 50 but the playlist read carries 100, none was reused. */
    @Test
    void firstItemsPageLargerThanThePortsBlockIsReusedBlockByBlock() {
        Fixture small = new Fixture(new CountingPlaylistPort(catalog).withItemsPageSize(50), null, Runnable::run,
                CacheObserver.NONE);
        Playlist p = small.service.playlist(ALICE, LONG, new QueryCost());
        ItemsWindow window = new ItemsWindow(p, PageRequest.of(0, 100));

        PlaylistItemsPage page = small.service.items(ALICE, List.of(window), new QueryCost()).orThrow().get(window);

        assertThat(page.items().items()).extracting(PlaylistItem::trackId).containsExactlyElementsOf(expected("alice-long", 0, 100));
        assertThat(small.port.counts()).containsOnlyKeys(Op.PLAYLIST);
    }

    @Test
    void tracksTheItemsCarriedAreCachedAndHandedBackSoTheyAreNeverFetchedById() {
        Playlist p = listed("alice-long");
        PlaylistItemsPage page = window(p, 95, 10, new QueryCost());

        assertThat(page.tracks()).extracting(Track::id).containsExactlyInAnyOrderElementsOf(expected("alice-long", 95, 105));
        QueryCost cost = new QueryCost();
        f.service.tracks(ALICE, expected("alice-long", 0, 200), cost);
        assertThat(f.port.calls(Op.TRACKS)).isZero();
        assertThat(cost.hits()).isEqualTo(200);
    }

    @Test
    void failureOfOnePlaylistsItemsFailsOnlyItsWindow() {
        Playlist longOne = playlist("alice-long");
        Playlist shortOne = playlist("alice-short");
        f.port.failItemsOf(LONG, Failure.FORBIDDEN);
        ItemsWindow refused = new ItemsWindow(longOne, PageRequest.of(0, 100));
        ItemsWindow fine = new ItemsWindow(shortOne, PageRequest.of(0, 100));
        // the playlist read carried the long one's first block: ask beyond it
        ItemsWindow refusedLater = new ItemsWindow(longOne, PageRequest.of(100, 100));

        var loaded = f.service.items(ALICE, List.of(refusedLater, fine, refused), new QueryCost());

        assertThat(loaded.values()).containsOnlyKeys(fine, refused);
        assertThat(loaded.values().get(fine).items().items()).hasSize(20);
        assertThat(loaded.failures()).containsOnlyKeys(refusedLater);
        assertThat(loaded.failures().get(refusedLater).failure()).isEqualTo(Failure.FORBIDDEN);
        assertThatThrownBy(loaded::orThrow).isInstanceOf(MusicDataException.class);
    }

    @Test
    void queryCostCountsHitsMissesAndUpstreamCalls() {
        Playlist p = playlist("alice-long");
        QueryCost cold = new QueryCost();
        window(p, 95, 10, cold); // block 0 came with the playlist; block 1 is fetched
        QueryCost warm = new QueryCost();
        window(p, 95, 10, warm);

        assertThat(cold.hits()).isEqualTo(1);
        assertThat(cold.misses()).isEqualTo(1);
        assertThat(cold.upstreamCalls()).isEqualTo(1);
        assertThat(warm.hits()).isEqualTo(2);
        assertThat(warm.misses()).isZero();
        assertThat(warm.upstreamCalls()).isZero();
        assertThat(warm.toString()).contains("hits=2");
    }
}
