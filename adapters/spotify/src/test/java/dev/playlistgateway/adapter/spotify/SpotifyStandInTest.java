package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.SpotifyStandIn.Endpoint;
import dev.playlistgateway.adapter.spotify.SpotifyStandIn.Fault;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.PlaylistItemsPage;
import dev.playlistgateway.domain.model.PlaylistWithItems;
import dev.playlistgateway.domain.model.Track;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in answers the real adapter as Spotify would, counts what it served, and fails on demand. */
class SpotifyStandInTest {

    private SpotifyStandIn spotify;

    @AfterEach
    void stop() {
        if (spotify != null) {
            spotify.close();
        }
    }

    private SpotifyPlaylistAdapter adapterFor(SpotifyStandIn standIn) {
        SpotifySettings settings = SpotifySettings.builder("client", "secret")
                .apiUrl(URI.create(standIn.baseUrl())).accountsUrl(URI.create(standIn.baseUrl()))
                .apiMode(SpotifySettings.ApiMode.EXTENDED).readRetries(0).build();
        SpotifyUserTokens tokens = new SpotifyUserTokens() {
            @Override
            public Optional<String> accessToken(Viewer viewer) {
                return Optional.of(standIn.token(viewer.userId().value()));
            }

            @Override
            public Optional<String> refreshAfterRejection(Viewer viewer, String rejectedToken) {
                return Optional.empty();
            }
        };
        return Spotify.connect(settings, new SimpleMeterRegistry(), ThrottleGate.inProcess(), Clock.systemUTC()).playlistAdapter(tokens);
    }

    @Test
    void servesAUsersFiftyPlaylistsOfAHundredTracksThroughTheRealAdapterAndCountsEachCall() {
        spotify = SpotifyStandIn.builder().users(2).playlists(50).tracks(100).start();
        SpotifyPlaylistAdapter port = adapterFor(spotify);
        Viewer user0 = Viewer.signedIn(UserId.of(spotify.user(0)), null);

        List<Playlist> playlists = port.playlists(user0, user0.userId(), PageRequest.of(0, 50)).items();
        Set<TrackId> tracks = new HashSet<>();
        for (Playlist playlist : playlists) {
            PlaylistItemsPage page = port.items(user0, playlist.id(), PageRequest.of(0, 100));
            assertThat(page.items().items()).hasSize(100);
            page.items().items().forEach(item -> tracks.add(item.trackId()));
        }

        assertThat(playlists).hasSize(50);
        assertThat(playlists.get(0).id().value()).isEqualTo(spotify.playlistId(spotify.user(0), 0));
        assertThat(tracks).as("neighbouring playlists share 20 tracks").hasSize(4_020);
        assertThat(spotify.calls(Endpoint.TOKEN)).as("user calls need no app token").isZero();
        assertThat(spotify.calls(Endpoint.MY_PLAYLISTS)).isEqualTo(1);
        assertThat(spotify.calls(Endpoint.PLAYLIST_ITEMS)).isEqualTo(50);
        assertThat(spotify.totalCalls()).isEqualTo(51);
    }

    @Test
    void answersCatalogueBatchesAndPlaylistReadsAndHidesPrivatePlaylistsFromOthers() {
        spotify = SpotifyStandIn.builder().users(2).playlists(8).tracks(120).start();
        SpotifyPlaylistAdapter port = adapterFor(spotify);
        Viewer user1 = Viewer.signedIn(UserId.of(spotify.user(1)), null);
        String publicOfUser0 = spotify.playlistId(spotify.user(0), 0);
        String privateOfUser0 = spotify.playlistId(spotify.user(0), 3);

        PlaylistWithItems read = port.playlist(Viewer.ANONYMOUS, PlaylistId.of(publicOfUser0));
        Map<TrackId, Track> tracks = port.tracks(Viewer.ANONYMOUS, read.firstItems().items().items().stream()
                .map(item -> item.trackId()).limit(60).toList());
        var artists = port.artists(Viewer.ANONYMOUS, List.of(ArtistId.of(SpotifyFixtures.id('r', 1)),
                ArtistId.of(SpotifyFixtures.id('r', 999_999))));

        assertThat(read.playlist().trackCount()).isEqualTo(120);
        assertThat(read.firstItems().items().items()).hasSize(100);
        assertThat(tracks).hasSize(60);
        assertThat(spotify.calls(Endpoint.TRACKS)).as("60 ids, at most 50 a call").isEqualTo(2);
        assertThat(artists).as("an unknown id is absent").hasSize(1);
        assertThat(spotify.calls(Endpoint.TOKEN)).as("anonymous calls use one app token").isEqualTo(1);
        assertThatThrownBy(() -> port.playlist(user1, PlaylistId.of(privateOfUser0)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND));
        assertThat(port.playlists(user1, UserId.of(spotify.user(0)), PageRequest.of(0, 50)).items())
                .as("another user sees the public ones only").hasSize(6);
    }

    @Test
    void answersFaultsUntilHealedAndRejectsRevokedTokens() {
        spotify = SpotifyStandIn.builder().playlists(1).tracks(1).start();
        SpotifyPlaylistAdapter port = adapterFor(spotify);
        Viewer user0 = Viewer.signedIn(UserId.of(spotify.user(0)), null);

        spotify.fail(Fault.unavailable());
        assertThatThrownBy(() -> port.playlists(user0, user0.userId(), PageRequest.of(0, 50)))
                .isInstanceOfSatisfying(MusicDataException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UPSTREAM_UNAVAILABLE));
        spotify.heal();
        assertThat(port.playlists(user0, user0.userId(), PageRequest.of(0, 50)).items()).hasSize(1);

        spotify.fail(Fault.throttled(Duration.ofSeconds(3_600)));
        assertThatThrownBy(() -> port.items(user0, PlaylistId.of(spotify.playlistId(spotify.user(0), 0)), PageRequest.of(0, 100)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d.toMinutes()).isBetween(59L, 60L));
                });
        assertThat(spotify.calls(Endpoint.MY_PLAYLISTS)).isEqualTo(2);
        assertThat(spotify.calls(Endpoint.PLAYLIST_ITEMS)).isEqualTo(1);

        spotify.heal();
        spotify.revokeToken(spotify.token(spotify.user(0)));
        SpotifyPlaylistAdapter fresh = adapterFor(spotify);
        assertThatThrownBy(() -> fresh.currentUser(user0)).isInstanceOfSatisfying(MusicDataException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.UNAUTHENTICATED));
    }

    @Test
    void addsItsLatencyToEveryAnswerAndIsSteeredOverHttpAsAProcess() throws Exception {
        spotify = SpotifyStandIn.builder().playlists(1).tracks(1).latency(Duration.ofMillis(150)).start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest me = HttpRequest.newBuilder(URI.create(spotify.baseUrl() + "/v1/me"))
                .header("Authorization", "Bearer " + spotify.token(spotify.user(0))).build();

        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(me, HttpResponse.BodyHandlers.ofString());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"id\":\"user0\"");
        assertThat(tookMillis).isGreaterThanOrEqualTo(140);

        send(http, "POST", "/__standin/latency?ms=0");
        send(http, "POST", "/__standin/fault?status=429&retryAfter=7");
        HttpResponse<String> throttled = http.send(me, HttpResponse.BodyHandlers.ofString());
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        send(http, "DELETE", "/__standin/fault");
        assertThat(send(http, "GET", "/__standin/calls")).contains("\"ME\":2", "\"total\":2");
        send(http, "POST", "/__standin/reset");
        assertThat(spotify.totalCalls()).isZero();
    }

    private String send(HttpClient http, String method, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(spotify.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
        return response.body();
    }
}
