package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Page;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.PlaylistWithItems;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotifyPagingTest extends WireMockSpotifyTest {

    static final PlaylistId PLAYLIST = PlaylistId.of("37i9dQZF1DXcBWIGoYBM5M");
    static final String ITEMS = "/v1/playlists/" + PLAYLIST + "/items";

    private void playlistOf(int total, int cap, Shape shape) {
        spotify.stubFor(get(urlPathEqualTo(ITEMS)).willReturn(aResponse()
                .withTransformers("playlist-items")
                .withTransformerParameter("total", total)
                .withTransformerParameter("cap", cap)
                .withTransformerParameter("shape", shape.name())));
    }

    private static List<TrackId> trackIds(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> TrackId.of(SpotifyFixtures.id('t', i))).toList();
    }

    private static List<TrackId> idsOf(Page<PlaylistItem> page) {
        return page.items().stream().map(PlaylistItem::trackId).toList();
    }

    @ParameterizedTest(name = "{0} items")
    @ValueSource(ints = {0, 1, 50, 51, 100, 101, 250})
    void firstWindowOf100IsOneCallWhateverThePlaylistLength(int total) {
        playlistOf(total, 100, Shape.EXTENDED);

        PlaylistItemsPage page = adapter().items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(0, 100));

        assertThat(idsOf(page.items())).containsExactlyElementsOf(trackIds(0, Math.min(100, total)));
        assertThat(page.items().total()).isEqualTo(total);
        assertThat(page.items().offset()).isZero();
        assertThat(page.tracks()).extracting(Track::id).containsExactlyElementsOf(trackIds(0, Math.min(100, total)));
        assertThat(calls(getRequestedFor(urlPathEqualTo(ITEMS)))).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} items")
    @ValueSource(ints = {0, 1, 50, 51, 100, 101, 250})
    void readingAWholePlaylistInBlocksOf100CostsOneCallPerBlock(int total) {
        playlistOf(total, 100, Shape.DEVELOPMENT);
        SpotifyPlaylistAdapter port = adapter();

        List<TrackId> all = new ArrayList<>();
        int blocks = 0;
        do {
            all.addAll(idsOf(port.items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(blocks * 100, port.itemsPageSize())).items()));
            blocks++;
        } while (blocks * 100 < total);

        assertThat(all).containsExactlyElementsOf(trackIds(0, total));
        assertThat(calls(getRequestedFor(urlPathEqualTo(ITEMS)))).isEqualTo(Math.max(1, (total + 99) / 100));
    }

    @ParameterizedTest(name = "{0} items")
    @ValueSource(ints = {0, 1, 50, 51, 100, 101, 250})
    void pagesByTheLimitSpotifyReturnsWhenItCapsPagesAt50(int total) {
        playlistOf(total, 50, Shape.DEVELOPMENT);

        PlaylistItemsPage page = adapter().items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(0, 100));

        int expected = Math.min(100, total);
        assertThat(idsOf(page.items())).containsExactlyElementsOf(trackIds(0, expected));
        assertThat(calls(getRequestedFor(urlPathEqualTo(ITEMS)))).isEqualTo(total > 50 ? 2 : 1);
        assertThat(calls(getRequestedFor(urlPathEqualTo(ITEMS)).withQueryParam("offset", equalTo("50"))
                .withQueryParam("limit", equalTo("50")))).isEqualTo(total > 50 ? 1 : 0);
    }

    @Test
    void windowInTheMiddleStartsAtItsOffsetAndTheLastWindowIsShort() {
        playlistOf(250, 100, Shape.EXTENDED);
        SpotifyPlaylistAdapter port = adapter();

        Page<PlaylistItem> middle = port.items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(100, 100)).items();
        Page<PlaylistItem> last = port.items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(200, 100)).items();
        Page<PlaylistItem> beyond = port.items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(300, 100)).items();

        assertThat(idsOf(middle)).containsExactlyElementsOf(trackIds(100, 200));
        assertThat(idsOf(last)).containsExactlyElementsOf(trackIds(200, 250));
        assertThat(last.hasNext()).isFalse();
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(250);
    }

    @Test
    void itemsForASignedInUserAskForTheirMarketAndAnonymousOnesDoNot() {
        playlistOf(3, 100, Shape.DEVELOPMENT);
        SpotifyPlaylistAdapter port = adapter();

        port.items(ANN_VIEWER, PLAYLIST, PageRequest.of(0, 100));
        port.items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(0, 100));

        assertThat(calls(getRequestedFor(urlPathEqualTo(ITEMS)).withQueryParam("market", equalTo("from_token"))
                .withHeader("Authorization", equalTo("Bearer ann-token")))).isEqualTo(1);
        assertThat(calls(getRequestedFor(urlPathEqualTo(ITEMS)).withQueryParam("market", absent())
                .withHeader("Authorization", equalTo("Bearer " + APP_TOKEN)))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void localFilesAndEpisodesAreItemsWithoutATrack(Shape shape) {
        JsonNode page = SpotifyFixtures.paging(ITEMS, List.of(
                SpotifyFixtures.entry(SpotifyFixtures.track(SpotifyFixtures.id('t', 1), shape), shape),
                SpotifyFixtures.localFileEntry(shape),
                SpotifyFixtures.episodeEntry(shape)), 0, 100, 3);
        spotify.stubFor(get(urlPathEqualTo(ITEMS)).willReturn(okJson(page.toString())));

        PlaylistItemsPage items = adapter().items(Viewer.ANONYMOUS, PLAYLIST, PageRequest.of(0, 100));

        assertThat(idsOf(items.items())).containsExactly(TrackId.of(SpotifyFixtures.id('t', 1)), null, null);
        assertThat(items.tracks()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aPlaylistReadCarriesItsFirstItemsPageInEitherShape(Shape shape) {
        List<JsonNode> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(SpotifyFixtures.entry(SpotifyFixtures.track(SpotifyFixtures.id('t', i), shape), shape));
        }
        String kind = shape == Shape.EXTENDED ? "tracks" : "items";
        JsonNode first = SpotifyFixtures.paging("/v1/playlists/" + PLAYLIST + "/" + kind, entries, 0, 100, 130);
        spotify.stubFor(get(urlPathEqualTo("/v1/playlists/" + PLAYLIST)).willReturn(okJson(
                SpotifyFixtures.fullPlaylist(PLAYLIST.value(), "ann", (com.fasterxml.jackson.databind.node.ObjectNode) first, shape).toString())));

        PlaylistWithItems read = adapter().playlist(Viewer.ANONYMOUS, PLAYLIST);

        Playlist playlist = read.playlist();
        assertThat(playlist.id()).isEqualTo(PLAYLIST);
        assertThat(playlist.owner().id()).isEqualTo(UserId.of("ann"));
        assertThat(playlist.owner().displayName()).isEqualTo("Owner ann");
        assertThat(playlist.trackCount()).isEqualTo(130);
        assertThat(playlist.knownPublic()).isTrue();
        assertThat(playlist.snapshotId().value()).startsWith("AAAAB8C6ZzRoYm9k");
        PlaylistItemsPage items = read.firstItemsPage().orElseThrow();
        assertThat(idsOf(items.items())).containsExactlyElementsOf(trackIds(0, 100));
        assertThat(items.items().total()).isEqualTo(130);
        Track track = items.tracks().get(0);
        assertThat(track.album().imageUrl()).endsWith("-640");
        assertThat(track.artists()).hasSize(2);
        assertThat(track.popularity()).isEqualTo(shape == Shape.EXTENDED ? 57 : null);
        assertThat(spotify.getAllServeEvents()).hasSize(2); // the token and the playlist: no items call
    }

    @Test
    void theViewersOwnPlaylistsComeFromMeAndOthersFromTheirUserPage() {
        List<JsonNode> mine = IntStream.range(0, 50).<JsonNode>mapToObj(i ->
                SpotifyFixtures.simplePlaylist(SpotifyFixtures.id('p', i), "ann", i, Shape.DEVELOPMENT)).toList();
        spotify.stubFor(get(urlPathEqualTo("/v1/me/playlists")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(SpotifyFixtures.paging("/v1/me/playlists", mine, 0, 50, 73).toString())));
        List<JsonNode> bobs = List.of(SpotifyFixtures.simplePlaylist(SpotifyFixtures.id('b', 0), "bob", 4, Shape.EXTENDED));
        spotify.stubFor(get(urlPathEqualTo("/v1/users/bob/playlists"))
                .willReturn(okJson(SpotifyFixtures.paging("/v1/users/bob/playlists", bobs, 0, 50, 1).toString())));
        SpotifyPlaylistAdapter port = adapter();

        Page<Playlist> annsPage = port.playlists(ANN_VIEWER, ANN, PageRequest.of(0, 50));
        Page<Playlist> bobsPage = port.playlists(ANN_VIEWER, UserId.of("bob"), PageRequest.of(0, 50));

        assertThat(annsPage.items()).hasSize(50);
        assertThat(annsPage.total()).isEqualTo(73);
        assertThat(annsPage.items().get(7).trackCount()).isEqualTo(7);
        assertThat(bobsPage.items()).singleElement().satisfies(p -> assertThat(p.trackCount()).isEqualTo(4));
        assertThat(calls(getRequestedFor(urlPathEqualTo("/v1/me/playlists")).withQueryParam("limit", equalTo("50")))).isEqualTo(1);
    }

    @Test
    void anotherUsersPlaylistsInDevelopmentModeAreForbiddenSayingWhy() {
        spotify.stubFor(get(urlPathEqualTo("/v1/users/bob/playlists")).willReturn(spotifyError(403, "Forbidden")));
        SpotifyPlaylistAdapter port = adapter(settings().apiMode(SpotifySettings.ApiMode.DEVELOPMENT).build());

        assertThatThrownBy(() -> port.playlists(ANN_VIEWER, UserId.of("bob"), PageRequest.of(0, 50)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.FORBIDDEN);
                    assertThat(e.getMessage()).contains("Development Mode").contains("own playlists");
                });
    }

    @Test
    void itemsOfSomeoneElsesPlaylistInDevelopmentModeAreForbiddenSayingWhy() {
        spotify.stubFor(get(urlPathEqualTo(ITEMS)).willReturn(spotifyError(403, "Forbidden")));
        SpotifyPlaylistAdapter port = adapter(settings().apiMode(SpotifySettings.ApiMode.DEVELOPMENT).build());

        assertThatThrownBy(() -> port.items(ANN_VIEWER, PLAYLIST, PageRequest.of(0, 100)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.FORBIDDEN);
                    assertThat(e.getMessage()).contains("owns or collaborates");
                });
        assertThat(calls(getRequestedFor(urlPathEqualTo(ITEMS)))).isEqualTo(1);
    }

    @Test
    void anUnknownPlaylistIsNotFound() {
        spotify.stubFor(get(urlPathEqualTo("/v1/playlists/" + PLAYLIST)).willReturn(spotifyError(404, "Resource not found")));

        assertThatThrownBy(() -> adapter().playlist(Viewer.ANONYMOUS, PLAYLIST))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND));
    }
}
