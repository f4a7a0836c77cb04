package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.fake.CountingPlaylistPort.Op;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changes made through the gateway show at once: the playlist, its items and the owner's list. */
class MutationInvalidationTest {

    private static final Viewer ALICE = viewer("alice");
    private static final Viewer BOB = viewer("bob");
    private static final PlaylistId MIX = PlaylistId.of("alice-pl-00"); // public
    private static final PlaylistId DIARY = PlaylistId.of("alice-pl-01"); // private

    private final TestCatalog catalog = TestCatalog.builder().user("bob").user("alice").playlists("alice", 3, 10).build();
    private final Fixture f = new Fixture(catalog);
    private final TrackId extra = catalog.playlist("alice-pl-02").trackIds().get(0);

    private Playlist read(Viewer viewer, PlaylistId id) {
        return f.service.playlist(viewer, id, new QueryCost());
    }

    private List<TrackId> itemsOf(Viewer viewer, Playlist playlist) {
        return f.service.items(viewer, List.of(new ItemsWindow(playlist, PageRequest.of(0, 100))), new QueryCost())
                .orThrow().values().iterator().next().items().items().stream().map(PlaylistItem::trackId).toList();
    }

    private Playlist fromList(Viewer viewer, PlaylistId id) {
        return f.service.playlists(viewer, UserId.of("alice"), PageRequest.of(0, 50), new QueryCost()).items().stream()
                .filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void addedTracksShowAtOnceInThePlaylistItsItemsAndTheOwnersList() {
        for (PlaylistId id : List.of(MIX, DIARY)) {
            Playlist before = fromList(ALICE, id);
            itemsOf(ALICE, read(ALICE, id));

            Playlist changed = f.service.addTracks(ALICE, id, List.of(extra), new QueryCost());

            assertThat(changed.trackCount()).isEqualTo(11);
            assertThat(changed.snapshotId()).isNotEqualTo(before.snapshotId());
            Playlist after = read(ALICE, id);
            assertThat(after.trackCount()).isEqualTo(11);
            assertThat(after.snapshotId()).isEqualTo(changed.snapshotId());
            assertThat(itemsOf(ALICE, after)).hasSize(11).last().isEqualTo(extra);
            assertThat(fromList(ALICE, id).trackCount()).isEqualTo(11);
            assertThat(fromList(ALICE, id).snapshotId()).isEqualTo(changed.snapshotId());
        }
    }

    @Test
    void aCollaboratorsChangeShowsAtOnceInTheOwnersListEvenWhenTheCollaboratorHadNotReadThePlaylist() {
        TestCatalog shared = TestCatalog.builder().user("bob").user("alice").playlists("alice", 3, 10)
                .collaborator("alice-pl-01", "bob").build();
        Fixture g = new Fixture(shared);
        Playlist before = g.service.playlists(ALICE, UserId.of("alice"), PageRequest.of(0, 50), new QueryCost()).items()
                .stream().filter(p -> p.id().equals(DIARY)).findFirst().orElseThrow();

        g.service.addTracks(BOB, DIARY, List.of(shared.playlist("alice-pl-02").trackIds().get(0)), new QueryCost());

        Playlist inAlicesList = g.service.playlists(ALICE, UserId.of("alice"), PageRequest.of(0, 50), new QueryCost())
                .items().stream().filter(p -> p.id().equals(DIARY)).findFirst().orElseThrow();
        assertThat(inAlicesList.trackCount()).isEqualTo(before.trackCount() + 1);
        assertThat(inAlicesList.snapshotId()).isNotEqualTo(before.snapshotId());
    }

    @Test
    void removedTracksDisappearAtOnceFromThePlaylistItsItemsAndTheOwnersList() {
        Playlist before = fromList(ALICE, DIARY);
        List<TrackId> items = itemsOf(ALICE, before);

        f.service.removeTracks(ALICE, DIARY, List.of(items.get(0), items.get(1)), new QueryCost());

        Playlist after = read(ALICE, DIARY);
        assertThat(after.trackCount()).isEqualTo(8);
        assertThat(itemsOf(ALICE, after)).hasSize(8).doesNotContain(items.get(0), items.get(1));
        assertThat(fromList(ALICE, DIARY).trackCount()).isEqualTo(8);
    }

    @Test
    void changeToAPublicPlaylistShowsAtOnceToOtherUsersToo() {
        Playlist seenByBob = read(BOB, MIX);
        itemsOf(BOB, seenByBob);

        f.service.addTracks(ALICE, MIX, List.of(extra), new QueryCost());

        Playlist now = read(BOB, MIX);
        assertThat(now.trackCount()).isEqualTo(11);
        assertThat(itemsOf(BOB, now)).last().isEqualTo(extra);
    }

    @Test
    void mutationResponseAndNextReadCostOnlyTheChangeAndOneRead() {
        fromList(ALICE, DIARY);
        read(ALICE, DIARY);
        f.port.resetCounts();

        f.service.addTracks(ALICE, DIARY, List.of(extra), new QueryCost());
        read(ALICE, DIARY);

        assertThat(f.port.counts()).containsOnlyKeys(Op.ADD_ITEMS, Op.PLAYLIST);
        assertThat(f.port.calls(Op.PLAYLIST)).isEqualTo(1);
    }

    /**
     * Regression: a read of the playlist already on its way when the change was made was joined by the
     * mutation's own re-read (which answered the old track count), and stored the old playlist after the
     * invalidation, so later reads showed the old count until the TTL passed.
     */
    @Test
    void readAlreadyInFlightWhenAPlaylistChangesNeitherAnswersTheMutationNorOutlivesIt() throws Exception {
        f.port.withLatency(Op.PLAYLIST, java.time.Duration.ofMillis(300));
        Thread slowRead = new Thread(() -> read(ALICE, DIARY));
        slowRead.start();
        while (f.port.calls(Op.PLAYLIST) == 0) {
            Thread.onSpinWait();
        }
        f.port.withLatency(Op.PLAYLIST, java.time.Duration.ZERO);

        Playlist changed = f.service.addTracks(ALICE, DIARY, List.of(extra), new QueryCost());
        slowRead.join(5000);

        assertThat(changed.trackCount()).isEqualTo(11);
        assertThat(read(ALICE, DIARY).trackCount()).isEqualTo(11);
    }

    @Test
    void mutationsAreRefusedForAnonymousCallersEmptyOrOversizedChangesAndOtherUsersPlaylists() {
        assertThatThrownBy(() -> f.service.addTracks(Viewer.ANONYMOUS, MIX, List.of(extra), new QueryCost()))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.UNAUTHENTICATED));
        assertThatThrownBy(() -> f.service.addTracks(ALICE, MIX, List.of(), new QueryCost()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> f.service.removeTracks(ALICE, MIX, Collections.nCopies(101, extra), new QueryCost()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(f.port.totalCalls()).isZero();

        Playlist cached = read(BOB, MIX);
        assertThatThrownBy(() -> f.service.addTracks(BOB, MIX, List.of(extra), new QueryCost()))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.FORBIDDEN));
        assertThat(read(BOB, MIX)).isEqualTo(cached);
    }
}
