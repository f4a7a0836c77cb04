package dev.playlistgateway.contract;

import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.PlaylistWithItems;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link PlaylistPort} must do, written once. An adapter's test extends this class and
 * implements {@link #fixture()}: the port and the ids its data source (a bundled catalogue, WireMock
 * stubs, a fake's test catalogue, ...) knows or does not know. Nothing here assumes a particular catalogue.
 *
 * <p>The fixture's playlist is changed by the mutation tests (a track added, then removed);
 * {@link #fixture()} is called once per test, so an adapter with state may hand out a fresh port.
 */
public abstract class PlaylistPortContract {

    /**
     * The adapter under test, with its data source ready, and the ids that source knows or does not
     * know. Called once per test.
     */
    protected abstract PlaylistPortFixture fixture();

    private PlaylistPortFixture fixture;
    private PlaylistPort port;

    @BeforeEach
    void setUpContract() {
        fixture = fixture();
        port = fixture.port();
    }

    // ------------------------------------------------------------------ users

    @Test
    void currentUserOfAnAnonymousViewerIsUnauthenticated() {
        assertFailure(() -> port.currentUser(Viewer.ANONYMOUS), Failure.UNAUTHENTICATED);
    }

    @Test
    void currentUserIsTheSignedInViewer() {
        User user = port.currentUser(fixture.viewer());

        assertThat(user.id()).isEqualTo(fixture.viewer().userId());
    }

    @Test
    void theViewersOwnPlaylistsIncludeThePlaylistTheyOwn() {
        Page<Playlist> page = port.playlists(fixture.viewer(), fixture.viewer().userId(), PageRequest.of(0, 50));

        assertThat(page.items()).extracting(Playlist::id).contains(fixture.ownedPlaylist());
        assertThat(page.total()).isGreaterThanOrEqualTo(page.items().size());
    }

    // ------------------------------------------------------------------ catalogue batches

    @Test
    void tracksByIdHoldEachFoundIdUnderItsOwnKey() {
        Map<TrackId, Track> found = port.tracks(fixture.viewer(), fixture.knownTracks());

        assertThat(found).containsOnlyKeys(fixture.knownTracks());
        found.forEach((id, track) -> assertThat(track.id()).isEqualTo(id));
    }

    @Test
    void artistsByIdHoldEachFoundIdUnderItsOwnKey() {
        Map<ArtistId, Artist> found = port.artists(fixture.viewer(), fixture.knownArtists());

        assertThat(found).containsOnlyKeys(fixture.knownArtists());
        found.forEach((id, artist) -> assertThat(artist.id()).isEqualTo(id));
    }

    @Test
    void albumsByIdHoldEachFoundIdUnderItsOwnKey() {
        Map<AlbumId, Album> found = port.albums(fixture.viewer(), fixture.knownAlbums());

        assertThat(found).containsOnlyKeys(fixture.knownAlbums());
        found.forEach((id, album) -> assertThat(album.id()).isEqualTo(id));
    }

    @Test
    void anUnknownTrackIsAbsentAndDoesNotFailTheBatch() {
        List<TrackId> asked = with(fixture.knownTracks(), fixture.unknownTrack());

        Map<TrackId, Track> found = port.tracks(fixture.viewer(), asked);

        assertThat(found).containsOnlyKeys(fixture.knownTracks()).doesNotContainKey(fixture.unknownTrack());
    }

    @Test
    void anUnknownArtistIsAbsentAndDoesNotFailTheBatch() {
        List<ArtistId> asked = with(fixture.knownArtists(), fixture.unknownArtist());

        Map<ArtistId, Artist> found = port.artists(fixture.viewer(), asked);

        assertThat(found).containsOnlyKeys(fixture.knownArtists()).doesNotContainKey(fixture.unknownArtist());
    }

    @Test
    void anUnknownAlbumIsAbsentAndDoesNotFailTheBatch() {
        List<AlbumId> asked = with(fixture.knownAlbums(), fixture.unknownAlbum());

        Map<AlbumId, Album> found = port.albums(fixture.viewer(), asked);

        assertThat(found).containsOnlyKeys(fixture.knownAlbums()).doesNotContainKey(fixture.unknownAlbum());
    }

    @Test
    void aBatchOfOnlyUnknownIdsIsAnEmptyMap() {
        assertThat(port.tracks(fixture.viewer(), List.of(fixture.unknownTrack()))).isEmpty();
    }

    @Test
    void anIdAskedTwiceIsAnsweredWithoutFailing() {
        TrackId first = fixture.knownTracks().get(0);

        Map<TrackId, Track> found = port.tracks(fixture.viewer(), List.of(first, first));

        assertThat(found).containsOnlyKeys(first);
    }

    @Test
    void anEmptyBatchIsAnEmptyMap() {
        assertThat(port.tracks(fixture.viewer(), List.of())).isEmpty();
        assertThat(port.artists(fixture.viewer(), List.of())).isEmpty();
        assertThat(port.albums(fixture.viewer(), List.of())).isEmpty();
    }

    // ------------------------------------------------------------------ playlists and items

    @Test
    void aPlaylistCarriesItsFirstPageOfItems() {
        PlaylistWithItems read = port.playlist(fixture.viewer(), fixture.ownedPlaylist());

        assertThat(read.playlist().id()).isEqualTo(fixture.ownedPlaylist());
        assertThat(read.playlist().trackCount()).isEqualTo(fixture.ownedPlaylistSize());
        assertThat(read.firstItemsPage()).hasValueSatisfying(first -> {
            assertThat(first.items().offset()).isZero();
            assertThat(first.items().total()).isEqualTo(fixture.ownedPlaylistSize());
            assertThat(first.items().items()).hasSize(Math.min(port.itemsPageSize(), fixture.ownedPlaylistSize()));
            assertCarriesItsTracks(first);
        });
    }

    @Test
    void theFirstItemsPageOfAPlaylistIsTheFirstWindowOfItems() {
        PlaylistItemsPage carried = port.playlist(fixture.viewer(), fixture.ownedPlaylist()).firstItemsPage().orElseThrow();

        PlaylistItemsPage read = port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(0, port.itemsPageSize()));

        assertThat(read.items().items()).isEqualTo(carried.items().items());
    }

    @Test
    void theFirstWindowOfItemsStartsAtTheStartAndCarriesItsTracks() {
        PlaylistItemsPage page = port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(0, 10));

        assertThat(page.items().offset()).isZero();
        assertThat(page.items().items()).hasSize(10);
        assertThat(page.items().total()).isEqualTo(fixture.ownedPlaylistSize());
        assertThat(page.items().hasNext()).isTrue();
        assertCarriesItsTracks(page);
    }

    @Test
    void aWindowAcrossAnUpstreamPageBoundaryHoldsTheEntriesOnBothSides() {
        int pageSize = port.itemsPageSize();
        List<PlaylistItem> firstTwoPages = new ArrayList<>(
                port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(0, pageSize)).items().items());
        firstTwoPages.addAll(port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(pageSize, pageSize)).items().items());

        PlaylistItemsPage window = port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(pageSize - 5, 10));

        assertThat(window.items().offset()).isEqualTo(pageSize - 5);
        assertThat(window.items().total()).isEqualTo(fixture.ownedPlaylistSize());
        assertThat(window.items().items()).isEqualTo(firstTwoPages.subList(pageSize - 5, pageSize + 5));
        assertCarriesItsTracks(window);
    }

    @Test
    void theLastWindowHoldsOnlyWhatIsLeft() {
        PlaylistItemsPage page = port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(fixture.ownedPlaylistSize() - 3, 10));

        assertThat(page.items().items()).hasSize(3);
        assertThat(page.items().total()).isEqualTo(fixture.ownedPlaylistSize());
        assertThat(page.items().hasNext()).isFalse();
    }

    @Test
    void aWindowPastTheEndIsEmptyAndStillTellsTheTotal() {
        PlaylistItemsPage page = port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(fixture.ownedPlaylistSize() + 20, 10));

        assertThat(page.items().items()).isEmpty();
        assertThat(page.tracks()).isEmpty();
        assertThat(page.items().total()).isEqualTo(fixture.ownedPlaylistSize());
        assertThat(page.items().hasNext()).isFalse();
    }

    @Test
    void anUnknownPlaylistIsNotFound() {
        assertFailure(() -> port.playlist(fixture.viewer(), fixture.unknownPlaylist()), Failure.NOT_FOUND);
        assertFailure(() -> port.items(fixture.viewer(), fixture.unknownPlaylist(), PageRequest.of(0, 10)), Failure.NOT_FOUND);
    }

    @Test
    void anotherUsersPrivatePlaylistIsNotFound() {
        assertFailure(() -> port.playlist(fixture.viewer(), fixture.otherUsersPrivatePlaylist()), Failure.NOT_FOUND);
        assertFailure(() -> port.items(fixture.viewer(), fixture.otherUsersPrivatePlaylist(), PageRequest.of(0, 10)), Failure.NOT_FOUND);
    }

    @Test
    void anotherUsersPublicPlaylistCanBeRead() {
        PlaylistWithItems read = port.playlist(fixture.viewer(), fixture.otherUsersPublicPlaylist());

        assertThat(read.playlist().id()).isEqualTo(fixture.otherUsersPublicPlaylist());
        assertThat(read.playlist().owner().id()).isNotEqualTo(fixture.viewer().userId());
    }

    // ------------------------------------------------------------------ changes

    @Test
    void addingATrackMakesANewSnapshotAndAppendsIt() {
        SnapshotId before = port.playlist(fixture.viewer(), fixture.ownedPlaylist()).playlist().snapshotId();

        SnapshotId after = port.addItems(fixture.viewer(), fixture.ownedPlaylist(), List.of(fixture.trackNotInOwnedPlaylist()));

        assertThat(after).isNotEqualTo(before);
        Playlist changed = port.playlist(fixture.viewer(), fixture.ownedPlaylist()).playlist();
        assertThat(changed.snapshotId()).isEqualTo(after);
        assertThat(changed.trackCount()).isEqualTo(fixture.ownedPlaylistSize() + 1);
        PlaylistItemsPage tail = port.items(fixture.viewer(), fixture.ownedPlaylist(), PageRequest.of(fixture.ownedPlaylistSize(), 10));
        assertThat(tail.items().total()).isEqualTo(fixture.ownedPlaylistSize() + 1);
        assertThat(tail.items().items()).extracting(PlaylistItem::trackId).containsExactly(fixture.trackNotInOwnedPlaylist());
        assertThat(tail.tracks()).extracting(Track::id).containsExactly(fixture.trackNotInOwnedPlaylist());
    }

    @Test
    void removingAnAddedTrackRestoresTheItemsUnderANewSnapshot() {
        PageRequest tailWindow = PageRequest.of(fixture.ownedPlaylistSize() - 5, 10);
        List<PlaylistItem> tailBefore = port.items(fixture.viewer(), fixture.ownedPlaylist(), tailWindow).items().items();
        SnapshotId added = port.addItems(fixture.viewer(), fixture.ownedPlaylist(), List.of(fixture.trackNotInOwnedPlaylist()));

        SnapshotId removed = port.removeItems(fixture.viewer(), fixture.ownedPlaylist(), List.of(fixture.trackNotInOwnedPlaylist()));

        assertThat(removed).isNotEqualTo(added);
        PlaylistItemsPage tailAfter = port.items(fixture.viewer(), fixture.ownedPlaylist(), tailWindow);
        assertThat(tailAfter.items().total()).isEqualTo(fixture.ownedPlaylistSize());
        assertThat(tailAfter.items().items()).isEqualTo(tailBefore);
        assertThat(port.playlist(fixture.viewer(), fixture.ownedPlaylist()).playlist().trackCount()).isEqualTo(fixture.ownedPlaylistSize());
    }

    @Test
    void changingAPlaylistAnonymouslyIsUnauthenticated() {
        List<TrackId> tracks = List.of(fixture.trackNotInOwnedPlaylist());

        assertFailure(() -> port.addItems(Viewer.ANONYMOUS, fixture.ownedPlaylist(), tracks), Failure.UNAUTHENTICATED);
        assertFailure(() -> port.removeItems(Viewer.ANONYMOUS, fixture.ownedPlaylist(), tracks), Failure.UNAUTHENTICATED);
    }

    @Test
    void changingAnotherUsersPublicPlaylistIsForbidden() {
        List<TrackId> tracks = List.of(fixture.trackNotInOwnedPlaylist());

        assertFailure(() -> port.addItems(fixture.viewer(), fixture.otherUsersPublicPlaylist(), tracks), Failure.FORBIDDEN);
        assertFailure(() -> port.removeItems(fixture.viewer(), fixture.otherUsersPublicPlaylist(), tracks), Failure.FORBIDDEN);
    }

    // ------------------------------------------------------------------ helpers

    /** Every catalogue track an item refers to comes with the page, once. */
    private static void assertCarriesItsTracks(PlaylistItemsPage page) {
        Set<TrackId> referred = page.items().items().stream().map(PlaylistItem::trackId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        List<TrackId> carried = page.tracks().stream().map(Track::id).toList();
        assertThat(carried).doesNotHaveDuplicates().containsAll(referred);
    }

    private static void assertFailure(ThrowingCallable call, Failure failure) {
        assertThatThrownBy(call)
                .isInstanceOf(MusicDataException.class)
                .satisfies(e -> assertThat(((MusicDataException) e).failure()).isEqualTo(failure));
    }

    private static <T> List<T> with(List<T> known, T unknown) {
        List<T> ids = new ArrayList<>(known);
        ids.add(ids.size() / 2, unknown);
        return ids;
    }
}
