package dev.playlistgateway.domain.service;

import dev.playlistgateway.domain.cache.DataKind;
import dev.playlistgateway.domain.fake.TestCatalog;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.playlistgateway.domain.service.Fixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request read tells whether an HTTP cache may share its answer, and for how long: only when
 * everything read is the same for every caller, never longer than the shortest remaining freshness.
 */
class SharedFreshnessTest {
    private static final Viewer ALICE = viewer("alice");
    private static final PlaylistId OPEN = PlaylistId.of("alice-open");
    private static final PlaylistId SECRET = PlaylistId.of("alice-secret");

    private final TestCatalog catalog = TestCatalog.builder()
            .user("alice").user("bob")
            .playlist("alice", "alice-open", true, 30)
            .playlist("alice", "alice-secret", false, 30)
            .build();
    private final Fixture f = new Fixture(catalog);

    @Test
    void catalogueDataLoadedNowIsSharedForItsWholeTtl() {
        QueryCost cost = new QueryCost();
        Instant start = f.clock.instant();

        f.service.tracks(Viewer.ANONYMOUS, List.of(trackOf(OPEN)), cost);

        assertThat(cost.sharedFreshUntil()).contains(start.plus(f.ttls.freshFor(DataKind.TRACKS)));
    }

    @Test
    void aHitIsSharedOnlyForWhatIsLeftOfItsFreshness() {
        f.service.tracks(Viewer.ANONYMOUS, List.of(trackOf(OPEN)), new QueryCost());
        Instant stored = f.clock.instant();
        f.clock.advance(Duration.ofHours(20));

        QueryCost cost = new QueryCost();
        f.service.tracks(ALICE, List.of(trackOf(OPEN)), cost);

        assertThat(cost.upstreamCalls()).isZero();
        assertThat(cost.sharedFreshUntil()).contains(stored.plus(f.ttls.freshFor(DataKind.TRACKS)));
    }

    @Test
    void theShortestFreshnessOfEverythingReadWins() {
        QueryCost cost = new QueryCost();
        Instant start = f.clock.instant();

        Playlist open = f.service.playlist(ALICE, OPEN, cost);
        f.service.items(ALICE, List.of(new ItemsWindow(open, PageRequest.of(0, 10))), cost).orThrow();
        f.service.tracks(ALICE, List.of(trackOf(OPEN)), cost);

        // The public playlist (2 minutes) is shorter than its items and tracks (24 hours).
        assertThat(cost.sharedFreshUntil()).contains(start.plus(f.ttls.freshFor(DataKind.PLAYLISTS)));
    }

    @Test
    void aPlaylistNotKnownToBePublicIsNotShared() {
        QueryCost cost = new QueryCost();
        Playlist secret = f.service.playlist(ALICE, SECRET, cost);
        assertThat(cost.sharedFreshUntil()).isEmpty();

        QueryCost items = new QueryCost();
        f.service.items(ALICE, List.of(new ItemsWindow(secret, PageRequest.of(0, 10))), items).orThrow();
        assertThat(items.sharedFreshUntil()).as("items of a private playlist").isEmpty();
    }

    @Test
    void listsAndProfilesDependOnWhoAsks() {
        QueryCost list = new QueryCost();
        f.service.playlists(Viewer.ANONYMOUS, UserId.of("alice"), PageRequest.of(0, 10), list);
        QueryCost profile = new QueryCost();
        f.service.currentUser(ALICE, profile);

        assertThat(list.sharedFreshUntil()).isEmpty();
        assertThat(profile.sharedFreshUntil()).isEmpty();
    }

    @Test
    void anUnknownIdIsNeverShared() {
        QueryCost cost = new QueryCost();
        f.service.tracks(Viewer.ANONYMOUS, List.of(trackOf(OPEN), TrackId.of("no-such-track")), cost);
        assertThat(cost.sharedFreshUntil()).isEmpty();
    }

    @Test
    void aStaleServeIsNeverShared() {
        TrackId track = trackOf(OPEN);
        f.service.tracks(Viewer.ANONYMOUS, List.of(track), new QueryCost());
        f.clock.advance(f.ttls.freshFor(DataKind.TRACKS).plusMinutes(1));
        f.port.failNext(1, Failure.UPSTREAM_UNAVAILABLE);

        QueryCost cost = new QueryCost();
        f.service.tracks(Viewer.ANONYMOUS, List.of(track), cost);

        assertThat(cost.staleServed()).isEqualTo(1);
        assertThat(cost.sharedFreshUntil()).isEmpty();
    }

    @Test
    void nothingReadIsSharedWithoutLimitAndTheCallerCanMarkAnAnswerAsItsViewersOwn() {
        QueryCost nothing = new QueryCost();
        assertThat(nothing.sharedFreshUntil()).contains(Instant.MAX);

        QueryCost viewers = new QueryCost();
        viewers.dependsOnViewer();
        assertThat(viewers.sharedFreshUntil()).isEqualTo(Optional.empty());
    }

    private TrackId trackOf(PlaylistId playlist) {
        return catalog.playlist(playlist.value()).trackIds().get(0);
    }
}
