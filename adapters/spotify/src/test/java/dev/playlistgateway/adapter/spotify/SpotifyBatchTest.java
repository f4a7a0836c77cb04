package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.SpotifyFixtures.Shape;
import dev.playlistgateway.adapter.spotify.SpotifySettings.ApiMode;
import dev.playlistgateway.domain.model.Album;
import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.Artist;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotifyBatchTest extends WireMockSpotifyTest {

    /** 120 ids; every tenth unknown to Spotify ('x' ids). */
    private static List<TrackId> trackIds() {
        return IntStream.range(0, 120).mapToObj(i -> TrackId.of(
                i % 10 == 9 ? SpotifyFixtures.id('x', i) : SpotifyFixtures.id('t', i))).toList();
    }

    private static List<TrackId> known(List<TrackId> ids) {
        return ids.stream().filter(id -> !id.value().startsWith("x")).toList();
    }

    private void fullApi(int delayMs) {
        spotify.stubFor(get(urlPathMatching("/v1/(tracks|artists|albums)(/[^/]+)?")).willReturn(aResponse()
                .withTransformers("catalogue").withTransformerParameter("shape", "EXTENDED")
                .withTransformerParameter("delayMs", delayMs)));
    }

    /** Development Mode: several-ids endpoints answer 403, one-id endpoints work. */
    private void developmentMode(int delayMs) {
        spotify.stubFor(get(urlPathMatching("/v1/(tracks|artists|albums)/[^/]+")).willReturn(aResponse()
                .withTransformers("catalogue").withTransformerParameter("shape", Shape.DEVELOPMENT.name())
                .withTransformerParameter("delayMs", delayMs)));
        spotify.stubFor(get(urlPathMatching("/v1/(tracks|artists|albums)")).willReturn(spotifyError(403, "Forbidden")));
    }

    private int severalCalls(String kind) {
        return calls(getRequestedFor(urlPathEqualTo("/v1/" + kind)));
    }

    private int oneIdCalls(String kind) {
        return calls(getRequestedFor(urlPathMatching("/v1/" + kind + "/[^/]+")));
    }

    @Test
    void fullApiReads120TracksIn3CallsInOrderLeavingUnknownIdsOut() {
        fullApi(0);
        List<TrackId> ids = trackIds();

        Map<TrackId, Track> tracks = adapter(settings().apiMode(ApiMode.EXTENDED).build()).tracks(Viewer.ANONYMOUS, ids);

        assertThat(tracks.keySet()).containsExactlyElementsOf(known(ids));
        tracks.forEach((id, track) -> assertThat(track.id()).isEqualTo(id));
        assertThat(severalCalls("tracks")).isEqualTo(3);
        assertThat(oneIdCalls("tracks")).isZero();
    }

    @Test
    void fullApiReadsAlbumsInChunksOf20AndArtistsInChunksOf50() {
        fullApi(0);
        SpotifyPlaylistAdapter port = adapter(settings().apiMode(ApiMode.AUTO).build());
        List<AlbumId> albums = IntStream.range(0, 45).mapToObj(i -> AlbumId.of(SpotifyFixtures.id('a', i))).toList();
        List<ArtistId> artists = IntStream.range(0, 51).mapToObj(i -> ArtistId.of(SpotifyFixtures.id('r', i))).toList();

        Map<AlbumId, Album> foundAlbums = port.albums(Viewer.ANONYMOUS, albums);
        Map<ArtistId, Artist> foundArtists = port.artists(Viewer.ANONYMOUS, artists);

        assertThat(foundAlbums.keySet()).containsExactlyElementsOf(albums);
        assertThat(foundArtists.keySet()).containsExactlyElementsOf(artists);
        assertThat(foundArtists.values().iterator().next().popularity()).isEqualTo(61);
        assertThat(severalCalls("albums")).isEqualTo(3);
        assertThat(severalCalls("artists")).isEqualTo(2);
        assertThat(port.mode()).isEqualTo(ApiMode.AUTO);
    }

    @Test
    void duplicateIdsAreAskedOnce() {
        fullApi(0);
        TrackId one = TrackId.of(SpotifyFixtures.id('t', 1));

        Map<TrackId, Track> tracks = adapter().tracks(Viewer.ANONYMOUS, List.of(one, one, one));

        assertThat(tracks).containsOnlyKeys(one);
        assertThat(spotify.findAll(getRequestedFor(urlPathEqualTo("/v1/tracks"))).get(0).queryParameter("ids").firstValue())
                .isEqualTo(one.value());
    }

    @Test
    void developmentModeReads120TracksIn120CallsNeverMoreAtOnceThanTheSetting() {
        developmentMode(25);
        List<TrackId> ids = trackIds();
        SpotifyPlaylistAdapter port = adapter(settings().apiMode(ApiMode.DEVELOPMENT).devModeConcurrency(4).build());

        Map<TrackId, Track> tracks = port.tracks(Viewer.ANONYMOUS, ids);

        assertThat(tracks.keySet()).containsExactlyElementsOf(known(ids));
        assertThat(tracks.values().iterator().next().popularity()).isNull();
        assertThat(oneIdCalls("tracks")).isEqualTo(120);
        assertThat(severalCalls("tracks")).isZero();
        assertThat(catalogue.maxInFlight.get()).isBetween(2, 4);
    }

    @Test
    void autoModeDetectsDevelopmentModeFromA403AndRemembersItForEveryKind() {
        developmentMode(0);
        SpotifyPlaylistAdapter port = adapter(settings().apiMode(ApiMode.AUTO).build());
        List<TrackId> ids = trackIds().subList(0, 3);

        Map<TrackId, Track> first = port.tracks(Viewer.ANONYMOUS, ids);
        Map<TrackId, Track> second = port.tracks(Viewer.ANONYMOUS, ids);
        Map<AlbumId, Album> albums = port.albums(Viewer.ANONYMOUS, List.of(AlbumId.of(SpotifyFixtures.id('a', 1))));

        assertThat(first.keySet()).containsExactlyElementsOf(ids);
        assertThat(second).isEqualTo(first);
        assertThat(albums).hasSize(1);
        assertThat(port.mode()).isEqualTo(ApiMode.DEVELOPMENT);
        assertThat(severalCalls("tracks")).isEqualTo(1); // the one that told us
        assertThat(severalCalls("albums")).isZero();
        assertThat(oneIdCalls("tracks")).isEqualTo(6);
    }

    @Test
    void forcedExtendedModeReportsARemovedEndpointAsForbiddenSayingWhy() {
        developmentMode(0);
        SpotifyPlaylistAdapter port = adapter(settings().apiMode(ApiMode.EXTENDED).build());

        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, trackIds().subList(0, 2)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.FORBIDDEN);
                    assertThat(e.getMessage()).contains("Development Mode").contains("api-mode");
                });
        assertThat(port.mode()).isEqualTo(ApiMode.EXTENDED);
        assertThat(oneIdCalls("tracks")).isZero();
    }
}
