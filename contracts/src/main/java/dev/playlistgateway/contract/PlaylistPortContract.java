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
import dev.playlistgateway.domain.model.PlaylistId;
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
 * supplies the port and a fixture: ids that its data source (a bundled catalogue, WireMock stubs, ...)
 * knows or does not know. Nothing here assumes a particular catalogue.
 *
 * <p>The fixture's playlist is changed by the mutation tests (a track added, then removed);
 * {@link #port()} is called once per test, so an adapter with state may hand out a fresh one.
 */
public abstract class PlaylistPortContract {

    // ------------------------------------------------------------------ the fixture

    /** The adapter under test, with its data source ready. Called once per test. */
    protected abstract PlaylistPort port();

    /** A signed-in viewer the data source knows. */
    protected abstract Viewer viewer();

    /**
     * A playlist {@link #viewer()} owns, holding {@link #ownedPlaylistSize()} items, so that its items
     * span more than one upstream page: at least {@code itemsPageSize() + 10}.
     */
    protected abstract PlaylistId ownedPlaylist();

    /** How many items {@link #ownedPlaylist()} holds. */
    protected abstract int ownedPlaylistSize();

    /** A known track that is not in {@link #ownedPlaylist()}: the mutation tests add and remove it. */
    protected abstract TrackId trackNotInOwnedPlaylist();

    /** Two or more distinct tracks the data source knows. */
    protected abstract List<TrackId> knownTracks();

    /** Two or more distinct artists the data source knows. */
    protected abstract List<ArtistId> knownArtists();

    /** Two or more distinct albums the data source knows. */
    protected abstract List<AlbumId> knownAlbums();

    /** Well-formed ids the data source does not know. */
    protected abstract TrackId unknownTrack();

    protected abstract ArtistId unknownArtist();

    protected abstract AlbumId unknownAlbum();

    protected abstract PlaylistId unknownPlaylist();

    /** A private playlist of another user, on which {@link #viewer()} does not collaborate. */
    protected abstract PlaylistId otherUsersPrivatePlaylist();

    /** A public playlist of another user, on which {@link #viewer()} does not collaborate. */
    protected abstract PlaylistId otherUsersPublicPlaylist();

    private PlaylistPort port;

    @BeforeEach
    void setUpContract() {
        port = port();
    }

    // ------------------------------------------------------------------ users

    @Test
    void currentUserOfAnAnonymousViewerIsUnauthenticated() {
        assertFailure(() -> port.currentUser(Viewer.ANONYMOUS), Failure.UNAUTHENTICATED);
    }

    @Test
    void currentUserIsTheSignedInViewer() {
        User user = port.currentUser(viewer());

        assertThat(user.id()).isEqualTo(viewer().userId());
    }

    @Test
    void theViewersOwnPlaylistsIncludeThePlaylistTheyOwn() {
        Page<Playlist> page = port.playlists(viewer(), viewer().userId(), PageRequest.of(0, 50));

        assertThat(page.items()).extracting(Playlist::id).contains(ownedPlaylist());
        assertThat(page.total()).isGreaterThanOrEqualTo(page.items().size());
    }

    // ------------------------------------------------------------------ catalogue batches

    @Test
    void tracksByIdHoldEachFoundIdUnderItsOwnKey() {
        Map<TrackId, Track> found = port.tracks(viewer(), knownTracks());

        assertThat(found).containsOnlyKeys(knownTracks());
        found.forEach((id, track) -> assertThat(track.id()).isEqualTo(id));
    }

    @Test
    void artistsByIdHoldEachFoundIdUnderItsOwnKey() {
        Map<ArtistId, Artist> found = port.artists(viewer(), knownArtists());

        assertThat(found).containsOnlyKeys(knownArtists());
        found.forEach((id, artist) -> assertThat(artist.id()).isEqualTo(id));
    }

    @Test
    void albumsByIdHoldEachFoundIdUnderItsOwnKey() {
        Map<AlbumId, Album> found = port.albums(viewer(), knownAlbums());

        assertThat(found).containsOnlyKeys(knownAlbums());
        found.forEach((id, album) -> assertThat(album.id()).isEqualTo(id));
    }

    @Test
    void anUnknownTrackIsAbsentAndDoesNotFailTheBatch() {
        List<TrackId> asked = with(knownTracks(), unknownTrack());

        Map<TrackId, Track> found = port.tracks(viewer(), asked);

        assertThat(found).containsOnlyKeys(knownTracks()).doesNotContainKey(unknownTrack());
    }

    @Test
    void anUnknownArtistIsAbsentAndDoesNotFailTheBatch() {
        List<ArtistId> asked = with(knownArtists(), unknownArtist());

        Map<ArtistId, Artist> found = port.artists(viewer(), asked);

        assertThat(found).containsOnlyKeys(knownArtists()).doesNotContainKey(unknownArtist());
    }

    @Test
    void anUnknownAlbumIsAbsentAndDoesNotFailTheBatch() {
        List<AlbumId> asked = with(knownAlbums(), unknownAlbum());

        Map<AlbumId, Album> found = port.albums(viewer(), asked);

        assertThat(found).containsOnlyKeys(knownAlbums()).doesNotContainKey(unknownAlbum());
    }

    @Test
    void aBatchOfOnlyUnknownIdsIsAnEmptyMap() {
        assertThat(port.tracks(viewer(), List.of(unknownTrack()))).isEmpty();
    }

    @Test
    void anIdAskedTwiceIsAnsweredWithoutFailing() {
        TrackId first = knownTracks().get(0);

        Map<TrackId, Track> found = port.tracks(viewer(), List.of(first, first));

        assertThat(found).containsOnlyKeys(first);
    }

    @Test
    void anEmptyBatchIsAnEmptyMap() {
        assertThat(port.tracks(viewer(), List.of())).isEmpty();
        assertThat(port.artists(viewer(), List.of())).isEmpty();
        assertThat(port.albums(viewer(), List.of())).isEmpty();
    }

    // ------------------------------------------------------------------ playlists and items

    @Test
    void aPlaylistCarriesItsFirstPageOfItems() {
        PlaylistWithItems read = port.playlist(viewer(), ownedPlaylist());

        assertThat(read.playlist().id()).isEqualTo(ownedPlaylist());
        assertThat(read.playlist().trackCount()).isEqualTo(ownedPlaylistSize());
        assertThat(read.firstItemsPage()).hasValueSatisfying(first -> {
            assertThat(first.items().offset()).isZero();
            assertThat(first.items().total()).isEqualTo(ownedPlaylistSize());
            assertThat(first.items().items()).hasSize(Math.min(port.itemsPageSize(), ownedPlaylistSize()));
            assertCarriesItsTracks(first);
        });
    }

    @Test
    void theFirstItemsPageOfAPlaylistIsTheFirstWindowOfItems() {
        PlaylistItemsPage carried = port.playlist(viewer(), ownedPlaylist()).firstItemsPage().orElseThrow();

        PlaylistItemsPage read = port.items(viewer(), ownedPlaylist(), PageRequest.of(0, port.itemsPageSize()));

        assertThat(read.items().items()).isEqualTo(carried.items().items());
    }

    @Test
    void theFirstWindowOfItemsStartsAtTheStartAndCarriesItsTracks() {
        PlaylistItemsPage page = port.items(viewer(), ownedPlaylist(), PageRequest.of(0, 10));

        assertThat(page.items().offset()).isZero();
        assertThat(page.items().items()).hasSize(10);
        assertThat(page.items().total()).isEqualTo(ownedPlaylistSize());
        assertThat(page.items().hasNext()).isTrue();
        assertCarriesItsTracks(page);
    }

    @Test
    void aWindowAcrossAnUpstreamPageBoundaryHoldsTheEntriesOnBothSides() {
        int pageSize = port.itemsPageSize();
        List<PlaylistItem> firstTwoPages = new ArrayList<>(
                port.items(viewer(), ownedPlaylist(), PageRequest.of(0, pageSize)).items().items());
        firstTwoPages.addAll(port.items(viewer(), ownedPlaylist(), PageRequest.of(pageSize, pageSize)).items().items());

        PlaylistItemsPage window = port.items(viewer(), ownedPlaylist(), PageRequest.of(pageSize - 5, 10));

        assertThat(window.items().offset()).isEqualTo(pageSize - 5);
        assertThat(window.items().total()).isEqualTo(ownedPlaylistSize());
        assertThat(window.items().items()).isEqualTo(firstTwoPages.subList(pageSize - 5, pageSize + 5));
        assertCarriesItsTracks(window);
    }

    @Test
    void theLastWindowHoldsOnlyWhatIsLeft() {
        PlaylistItemsPage page = port.items(viewer(), ownedPlaylist(), PageRequest.of(ownedPlaylistSize() - 3, 10));

        assertThat(page.items().items()).hasSize(3);
        assertThat(page.items().total()).isEqualTo(ownedPlaylistSize());
        assertThat(page.items().hasNext()).isFalse();
    }

    @Test
    void aWindowPastTheEndIsEmptyAndStillTellsTheTotal() {
        PlaylistItemsPage page = port.items(viewer(), ownedPlaylist(), PageRequest.of(ownedPlaylistSize() + 20, 10));

        assertThat(page.items().items()).isEmpty();
        assertThat(page.tracks()).isEmpty();
        assertThat(page.items().total()).isEqualTo(ownedPlaylistSize());
        assertThat(page.items().hasNext()).isFalse();
    }

    @Test
    void anUnknownPlaylistIsNotFound() {
        assertFailure(() -> port.playlist(viewer(), unknownPlaylist()), Failure.NOT_FOUND);
        assertFailure(() -> port.items(viewer(), unknownPlaylist(), PageRequest.of(0, 10)), Failure.NOT_FOUND);
    }

    @Test
    void anotherUsersPrivatePlaylistIsNotFound() {
        assertFailure(() -> port.playlist(viewer(), otherUsersPrivatePlaylist()), Failure.NOT_FOUND);
        assertFailure(() -> port.items(viewer(), otherUsersPrivatePlaylist(), PageRequest.of(0, 10)), Failure.NOT_FOUND);
    }

    @Test
    void anotherUsersPublicPlaylistCanBeRead() {
        PlaylistWithItems read = port.playlist(viewer(), otherUsersPublicPlaylist());

        assertThat(read.playlist().id()).isEqualTo(otherUsersPublicPlaylist());
        assertThat(read.playlist().owner().id()).isNotEqualTo(viewer().userId());
    }

    // ------------------------------------------------------------------ changes

    @Test
    void addingATrackMakesANewSnapshotAndAppendsIt() {
        SnapshotId before = port.playlist(viewer(), ownedPlaylist()).playlist().snapshotId();

        SnapshotId after = port.addItems(viewer(), ownedPlaylist(), List.of(trackNotInOwnedPlaylist()));

        assertThat(after).isNotEqualTo(before);
        Playlist changed = port.playlist(viewer(), ownedPlaylist()).playlist();
        assertThat(changed.snapshotId()).isEqualTo(after);
        assertThat(changed.trackCount()).isEqualTo(ownedPlaylistSize() + 1);
        PlaylistItemsPage tail = port.items(viewer(), ownedPlaylist(), PageRequest.of(ownedPlaylistSize(), 10));
        assertThat(tail.items().total()).isEqualTo(ownedPlaylistSize() + 1);
        assertThat(tail.items().items()).extracting(PlaylistItem::trackId).containsExactly(trackNotInOwnedPlaylist());
        assertThat(tail.tracks()).extracting(Track::id).containsExactly(trackNotInOwnedPlaylist());
    }

    @Test
    void removingAnAddedTrackRestoresTheItemsUnderANewSnapshot() {
        PageRequest tailWindow = PageRequest.of(ownedPlaylistSize() - 5, 10);
        List<PlaylistItem> tailBefore = port.items(viewer(), ownedPlaylist(), tailWindow).items().items();
        SnapshotId added = port.addItems(viewer(), ownedPlaylist(), List.of(trackNotInOwnedPlaylist()));

        SnapshotId removed = port.removeItems(viewer(), ownedPlaylist(), List.of(trackNotInOwnedPlaylist()));

        assertThat(removed).isNotEqualTo(added);
        PlaylistItemsPage tailAfter = port.items(viewer(), ownedPlaylist(), tailWindow);
        assertThat(tailAfter.items().total()).isEqualTo(ownedPlaylistSize());
        assertThat(tailAfter.items().items()).isEqualTo(tailBefore);
        assertThat(port.playlist(viewer(), ownedPlaylist()).playlist().trackCount()).isEqualTo(ownedPlaylistSize());
    }

    @Test
    void changingAPlaylistAnonymouslyIsUnauthenticated() {
        List<TrackId> tracks = List.of(trackNotInOwnedPlaylist());

        assertFailure(() -> port.addItems(Viewer.ANONYMOUS, ownedPlaylist(), tracks), Failure.UNAUTHENTICATED);
        assertFailure(() -> port.removeItems(Viewer.ANONYMOUS, ownedPlaylist(), tracks), Failure.UNAUTHENTICATED);
    }

    @Test
    void changingAnotherUsersPublicPlaylistIsForbidden() {
        List<TrackId> tracks = List.of(trackNotInOwnedPlaylist());

        assertFailure(() -> port.addItems(viewer(), otherUsersPublicPlaylist(), tracks), Failure.FORBIDDEN);
        assertFailure(() -> port.removeItems(viewer(), otherUsersPublicPlaylist(), tracks), Failure.FORBIDDEN);
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
