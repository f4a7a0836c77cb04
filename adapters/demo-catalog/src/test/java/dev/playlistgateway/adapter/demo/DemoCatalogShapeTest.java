package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.playlistgateway.adapter.demo.DemoIds.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The bundled catalogue has what the demo, the README and the benchmarks rely on. */
class DemoCatalogShapeTest {

    private static final String SPOTIFY_ID = "[0-9A-Za-z]{22}";

    private final DemoCatalog catalog = DemoCatalog.loadBundled();
    private final PlaylistPort port = catalog.playlistPort();
    private final Viewer listener = Viewer.signedIn(DEMO_LISTENER, null);

    @Test
    void theDefaultUserIsTheDemoListenerWithADisplayName() {
        assertThat(catalog.defaultUser()).isEqualTo(DEMO_LISTENER);
        assertThat(port.currentUser(listener).displayName()).isEqualTo("Demo Listener");
    }

    @Test
    void theDefaultUsersOwnListHoldsTheirPrivatePlaylistsAndTheOneTheyCollaborateOn() {
        List<Playlist> own = port.playlists(listener, DEMO_LISTENER, PageRequest.of(0, 50)).items();

        assertThat(own).hasSize(10);
        assertThat(own).extracting(Playlist::trackCount).contains(0, 1, 100, 101, 260);
        assertThat(own).anyMatch(p -> !p.knownPublic() && p.owner().id().equals(DEMO_LISTENER));
        assertThat(own).filteredOn(Playlist::collaborative).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(KITCHEN_DISCO);
            assertThat(p.owner().id()).isEqualTo(MARTA);
            assertThat(p.isPublic()).isFalse();
        });
    }

    @Test
    void anotherUserSeesOnlyTheDefaultUsersPublicPlaylists() {
        Viewer marta = Viewer.signedIn(MARTA, null);

        List<Playlist> seen = port.playlists(marta, DEMO_LISTENER, PageRequest.of(0, 50)).items();

        assertThat(seen).isNotEmpty().allMatch(Playlist::knownPublic)
                .allMatch(p -> p.owner().id().equals(DEMO_LISTENER));
        assertThat(seen).extracting(Playlist::id).contains(DEEP_FOCUS, LATE_NIGHT_DRIVE, ROAD_TRIP)
                .doesNotContain(EVERYTHING_2024, KITCHEN_DISCO);
    }

    @Test
    void otherUsersOwnPublicAndPrivatePlaylists() {
        Viewer marta = Viewer.signedIn(MARTA, null);
        Viewer jonas = Viewer.signedIn(JONAS, null);

        assertThat(port.playlists(marta, MARTA, PageRequest.of(0, 50)).items()).extracting(Playlist::id)
                .contains(KITCHEN_DISCO, MARTAS_SUMMER_MIX, DEAR_DIARY);
        assertThat(port.playlists(jonas, JONAS, PageRequest.of(0, 50)).items())
                .anyMatch(Playlist::knownPublic).anyMatch(p -> !p.knownPublic());
        assertThat(port.playlists(listener, JONAS, PageRequest.of(0, 50)).items()).extracting(Playlist::id)
                .doesNotContain(WORK_IN_PROGRESS);
    }

    @Test
    void theLargestPlaylistHas260ItemsOverThreeUpstreamPages() {
        PlaylistItemsPage last = port.items(listener, EVERYTHING_2024, PageRequest.of(200, port.itemsPageSize()));

        assertThat(last.items().total()).isEqualTo(260);
        assertThat(last.items().items()).hasSize(60);
        assertThat(allItems(EVERYTHING_2024)).hasSize(260).allMatch(item -> item.addedAt() != null);
    }

    @Test
    void playlistsShareTracks() {
        Map<TrackId, Set<PlaylistId>> playlistsOfTrack = new HashMap<>();
        for (Playlist playlist : port.playlists(listener, DEMO_LISTENER, PageRequest.of(0, 50)).items()) {
            for (PlaylistItem item : allItems(playlist.id())) {
                if (item.trackId() != null) {
                    playlistsOfTrack.computeIfAbsent(item.trackId(), id -> new HashSet<>()).add(playlist.id());
                }
            }
        }

        assertThat(playlistsOfTrack.values().stream().filter(in -> in.size() >= 3).count()).isGreaterThan(50);
    }

    @Test
    void artistsHaveOneToThreeGenresAndAPopularity() {
        List<Artist> artists = new ArrayList<>(port.artists(listener, allArtistIds()).values());

        assertThat(artists).hasSizeGreaterThanOrEqualTo(55);
        assertThat(artists).allSatisfy(artist -> {
            assertThat(artist.genres()).hasSizeBetween(1, 3);
            assertThat(artist.popularity()).isBetween(0, 100);
        });
        assertThat(artists.stream().flatMap(artist -> artist.genres().stream()).distinct().count()).isGreaterThan(30);
    }

    @Test
    void tracksAlbumsAndArtistsHaveSpotifyShapedIds() {
        List<Track> tracks = allTracks();

        assertThat(tracks).hasSizeGreaterThan(300).allSatisfy(track -> {
            assertThat(track.id().value()).matches(SPOTIFY_ID);
            assertThat(track.uri()).isEqualTo("spotify:track:" + track.id().value());
            assertThat(track.album().id().value()).matches(SPOTIFY_ID);
            assertThat(track.album().imageUrl()).startsWith("https://i.scdn.co/image/");
            assertThat(track.album().releaseDate()).matches("\\d{4}(-\\d{2}(-\\d{2})?)?");
            assertThat(track.artists()).isNotEmpty()
                    .allSatisfy(credit -> assertThat(credit.id().value()).matches(SPOTIFY_ID));
            assertThat(track.durationMs()).isBetween(60_000, 600_000);
        });
        assertThat(tracks.stream().map(track -> track.album().id()).distinct().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aPlaylistCanHoldALocalFileThatIsNoCatalogueTrack() {
        PlaylistItemsPage page = port.items(listener, WEDDING_SHORTLIST, PageRequest.of(0, 100));

        assertThat(page.items().items()).filteredOn(item -> item.trackId() == null).hasSize(1);
        assertThat(page.tracks()).hasSize(page.items().total() - 1);
    }

    @Test
    void snapshotIdsLookLikeSpotifysAndAreTheSameOnEveryLoad() {
        Playlist first = port.playlist(listener, DEEP_FOCUS).playlist();
        Playlist again = DemoCatalog.loadBundled().playlistPort().playlist(listener, DEEP_FOCUS).playlist();

        assertThat(first.snapshotId().value()).matches("[A-Za-z0-9+/]{32}");
        assertThat(again.snapshotId()).isEqualTo(first.snapshotId());
        assertThat(port.playlist(listener, MORNING_COMMUTE).playlist().snapshotId()).isNotEqualTo(first.snapshotId());
    }

    private List<PlaylistItem> allItems(PlaylistId id) {
        List<PlaylistItem> items = new ArrayList<>();
        PlaylistItemsPage page;
        do {
            page = port.items(listener, id, PageRequest.of(items.size(), port.itemsPageSize()));
            items.addAll(page.items().items());
        } while (page.items().hasNext());
        return items;
    }

    private List<Track> allTracks() {
        Map<TrackId, Track> tracks = new HashMap<>();
        for (UserId owner : List.of(DEMO_LISTENER, MARTA, JONAS)) {
            Viewer viewer = Viewer.signedIn(owner, null);
            for (Playlist playlist : port.playlists(viewer, owner, PageRequest.of(0, 50)).items()) {
                PlaylistItemsPage page;
                int offset = 0;
                do {
                    page = port.items(viewer, playlist.id(), PageRequest.of(offset, 100));
                    page.tracks().forEach(track -> tracks.put(track.id(), track));
                    offset += 100;
                } while (page.items().hasNext());
            }
        }
        return new ArrayList<>(tracks.values());
    }

    private List<ArtistId> allArtistIds() {
        return allTracks().stream().flatMap(track -> track.artists().stream()).map(Track.ArtistCredit::id)
                .filter(Objects::nonNull).distinct().toList();
    }
}
