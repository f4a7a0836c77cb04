package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.fake.CountingPlaylistPort.Op;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No user is ever served another user's private data from the cache; public data is shared. */
class PrivacyTest {

    private static final Viewer ALICE = viewer("alice");
    private static final Viewer BOB = viewer("bob");
    private static final PlaylistId SECRET = PlaylistId.of("alice-secret");
    private static final PlaylistId UNSAID = PlaylistId.of("alice-unsaid");
    private static final PlaylistId OPEN = PlaylistId.of("alice-open");

    private final Fixture f = new Fixture(TestCatalog.builder()
            .user("alice").user("bob")
            .playlist("alice", "alice-secret", false, 30)
            .playlist("alice", "alice-unsaid", null, 5)
            .playlist("alice", "alice-open", true, 30)
            .build());

    @Test
    void privatePlaylistCachedForItsOwnerIsNeverServedToAnotherUser() {
        Playlist secret = f.service.playlist(ALICE, SECRET, new QueryCost());
        f.service.items(ALICE, List.of(new ItemsWindow(secret, PageRequest.of(0, 100))), new QueryCost()).orThrow();
        f.port.resetCounts();

        assertThatThrownBy(() -> f.service.playlist(BOB, SECRET, new QueryCost()))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND));
        assertThat(f.port.calls(Op.PLAYLIST)).as("bob's read must go to the music service").isEqualTo(1);
        assertThat(f.port.log(Op.PLAYLIST).get(0).asked()).containsExactly("alice-secret");
    }

    @Test
    void itemsOfAPrivatePlaylistCachedForItsOwnerAreNotServedToAnotherUserHoldingThePlaylist() {
        Playlist secret = f.service.playlist(ALICE, SECRET, new QueryCost());
        f.service.items(ALICE, List.of(new ItemsWindow(secret, PageRequest.of(0, 100))), new QueryCost()).orThrow();
        f.port.resetCounts();

        // Even if bob somehow held the playlist object, its items sit under alice's key.
        var loaded = f.service.items(BOB, List.of(new ItemsWindow(secret, PageRequest.of(0, 10))), new QueryCost());

        assertThat(loaded.values()).isEmpty();
        assertThat(loaded.failures().values()).extracting(MusicDataException::failure).containsExactly(Failure.NOT_FOUND);
        assertThat(f.port.calls(Op.ITEMS)).isEqualTo(1);
    }

    @Test
    void playlistOfUnknownVisibilityIsCachedOnlyForTheViewer() {
        f.service.playlist(ALICE, UNSAID, new QueryCost());

        assertThatThrownBy(() -> f.service.playlist(BOB, UNSAID, new QueryCost()))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND));
        assertThatThrownBy(() -> f.service.playlist(Viewer.ANONYMOUS, UNSAID, new QueryCost()))
                .isInstanceOf(MusicDataException.class);
        assertThat(f.cache.keys()).noneMatch(k -> k.contains("pub:") && k.contains("alice-unsaid"));
    }

    @Test
    void ownersListWithPrivatePlaylistsIsNotServedToAnotherUserListingThem() {
        Fixture.Rendered own = f.namesOfAllTracks(ALICE, "alice", new QueryCost());
        f.port.resetCounts();

        var bobsView = f.service.playlists(BOB, UserId.of("alice"), PageRequest.of(0, 50), new QueryCost());

        assertThat(own.playlists()).isEqualTo(3);
        assertThat(bobsView.items()).extracting(Playlist::id).containsExactly(OPEN);
        assertThat(f.port.calls(Op.PLAYLISTS)).isEqualTo(1);
    }

    @Test
    void publicPlaylistAndItsItemsAreSharedByAllUsersAndAnonymousCallers() {
        Playlist open = f.service.playlist(ALICE, OPEN, new QueryCost());
        f.service.items(ALICE, List.of(new ItemsWindow(open, PageRequest.of(0, 30))), new QueryCost()).orThrow();
        f.port.resetCounts();

        for (Viewer other : List.of(BOB, Viewer.ANONYMOUS)) {
            QueryCost cost = new QueryCost();
            Playlist seen = f.service.playlist(other, OPEN, cost);
            var items = f.service.items(other, List.of(new ItemsWindow(seen, PageRequest.of(0, 30))), cost).orThrow();
            assertThat(items.values().iterator().next().items().items()).hasSize(30);
            assertThat(cost.upstreamCalls()).isZero();
        }
        assertThat(f.port.totalCalls()).isZero();
    }

    @Test
    void playlistThatTurnedPrivateStopsBeingSharedOnceItsOwnerReadsItAgain() {
        f.service.playlist(ALICE, OPEN, new QueryCost());
        f.port.setPublic(OPEN, false);
        f.clock.advance(f.ttls.freshFor(DataKind.PLAYLISTS).plusSeconds(1));
        f.service.playlist(ALICE, OPEN, new QueryCost());
        f.port.resetCounts();

        assertThatThrownBy(() -> f.service.playlist(BOB, OPEN, new QueryCost()))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND));
        assertThat(f.port.calls(Op.PLAYLIST)).isEqualTo(1);
    }

    @Test
    void profilesAreCachedPerUser() {
        assertThat(f.service.currentUser(ALICE, new QueryCost())).get().extracting(u -> u.id().value()).isEqualTo("alice");
        assertThat(f.service.currentUser(BOB, new QueryCost())).get().extracting(u -> u.id().value()).isEqualTo("bob");
        f.port.resetCounts();

        assertThat(f.service.currentUser(ALICE, new QueryCost())).get().extracting(u -> u.id().value()).isEqualTo("alice");
        assertThat(f.service.currentUser(Viewer.ANONYMOUS, new QueryCost())).isEmpty();
        assertThat(f.port.totalCalls()).isZero();
    }
}
