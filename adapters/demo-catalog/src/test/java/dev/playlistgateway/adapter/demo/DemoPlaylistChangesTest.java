package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.PageRequest;
import dev.playlistgateway.domain.model.Playlist;
import dev.playlistgateway.domain.model.PlaylistItem;
import dev.playlistgateway.domain.model.SnapshotId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.playlistgateway.adapter.demo.DemoIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's own rules, beyond the port contract: who may change what, and what a change does. */
class DemoPlaylistChangesTest {

    private final DemoCatalog catalog = DemoCatalog.loadBundled();
    private final PlaylistPort port = catalog.playlistPort();
    private final Viewer listener = Viewer.signedIn(DEMO_LISTENER, null);
    private final Viewer marta = Viewer.signedIn(MARTA, null);

    @Test
    void addingAnUnknownTrackIsNotFoundNamesTheTrackAndChangesNothing() {
        Playlist before = port.playlist(listener, DEEP_FOCUS).playlist();
        TrackId unknown = TrackId.of("4uLU6hMCjMI75M1A2tKUQC");

        assertThatThrownBy(() -> port.addItems(listener, DEEP_FOCUS, List.of(KEROSENE, unknown)))
                .isInstanceOfSatisfying(MusicDataException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.NOT_FOUND))
                .hasMessageContaining(unknown.value());
        assertThat(port.playlist(listener, DEEP_FOCUS).playlist()).isEqualTo(before);
    }

    @Test
    void removingAnUnknownTrackIsNotFound() {
        assertFailure(() -> port.removeItems(listener, DEEP_FOCUS, List.of(TrackId.of("4uLU6hMCjMI75M1A2tKUQC"))),
                Failure.NOT_FOUND);
    }

    @Test
    void removingATrackSavedTwiceRemovesBothOccurrences() {
        port.removeItems(listener, EVERYTHING_2024, List.of(SAVED_TWICE));

        Playlist changed = port.playlist(listener, EVERYTHING_2024).playlist();
        assertThat(changed.trackCount()).isEqualTo(258);
        List<PlaylistItem> items = new ArrayList<>();
        for (int offset = 0; offset < 258; offset += 100) {
            items.addAll(port.items(listener, EVERYTHING_2024, PageRequest.of(offset, 100)).items().items());
        }
        assertThat(items).hasSize(258).extracting(PlaylistItem::trackId).doesNotContain(SAVED_TWICE);
    }

    @Test
    void everyChangeMakesANewSnapshotEvenOneThatRemovesNothing() {
        SnapshotId before = port.playlist(listener, DEEP_FOCUS).playlist().snapshotId();

        SnapshotId after = port.removeItems(listener, DEEP_FOCUS, List.of(KEROSENE, KEROSENE));

        assertThat(after).isNotEqualTo(before);
        assertThat(port.playlist(listener, DEEP_FOCUS).playlist().trackCount()).isEqualTo(100);
    }

    @Test
    void aCollaboratorMayChangeAnotherUsersCollaborativePlaylistAndTheOwnerSeesIt() {
        port.addItems(listener, KITCHEN_DISCO, List.of(KEROSENE));

        Playlist seenByOwner = port.playlist(marta, KITCHEN_DISCO).playlist();
        assertThat(seenByOwner.trackCount()).isEqualTo(35);
        assertThat(port.items(marta, KITCHEN_DISCO, PageRequest.of(34, 1)).items().items())
                .extracting(PlaylistItem::trackId).containsExactly(KEROSENE);
    }

    @Test
    void aPlaylistTheViewerMayNotSeeIsNotFoundForChangesTooNotForbidden() {
        assertFailure(() -> port.addItems(listener, DEAR_DIARY, List.of(KEROSENE)), Failure.NOT_FOUND);
    }

    @Test
    void anOwnPrivatePlaylistIsNotFoundForOthersAndForAnonymousViewers() {
        assertFailure(() -> port.playlist(marta, EVERYTHING_2024), Failure.NOT_FOUND);
        assertFailure(() -> port.playlist(Viewer.ANONYMOUS, EVERYTHING_2024), Failure.NOT_FOUND);
        assertThat(port.playlist(Viewer.ANONYMOUS, DEEP_FOCUS).playlist().trackCount()).isEqualTo(100);
    }

    @Test
    void aChangeOfNoTracksOrOfMoreThanAHundredIsBadInput() {
        List<TrackId> tooMany = Collections.nCopies(101, KEROSENE);

        assertFailure(() -> port.addItems(listener, DEEP_FOCUS, List.of()), Failure.BAD_INPUT);
        assertFailure(() -> port.addItems(listener, DEEP_FOCUS, tooMany), Failure.BAD_INPUT);
    }

    @Test
    void anUnknownUserIsNotFound() {
        UserId stranger = UserId.of("nobody-here");

        assertFailure(() -> port.currentUser(Viewer.signedIn(stranger, null)), Failure.NOT_FOUND);
        assertFailure(() -> port.playlists(listener, stranger, PageRequest.of(0, 10)), Failure.NOT_FOUND);
    }

    @Test
    void portsOfOneCatalogShareChangesAndEveryLoadStartsAfresh() {
        DemoCatalog slow = catalog.withLatency(Duration.ofMillis(1));
        port.addItems(listener, ROAD_TRIP, List.of(KEROSENE));

        assertThat(catalog.playlistPort().playlist(listener, ROAD_TRIP).playlist().trackCount()).isEqualTo(1);
        assertThat(slow.playlistPort().playlist(listener, ROAD_TRIP).playlist().trackCount()).isEqualTo(1);
        assertThat(DemoCatalog.loadBundled().playlistPort().playlist(listener, ROAD_TRIP).playlist().trackCount())
                .isZero();
    }

    @Test
    void withLatencyEveryCallTakesAtLeastTheLatency() {
        PlaylistPort slow = catalog.withLatency(Duration.ofMillis(40)).playlistPort();

        long start = System.nanoTime();
        slow.tracks(listener, List.of(KEROSENE));
        slow.playlist(listener, DEEP_FOCUS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(catalog.latency()).isZero();
    }

    @Test
    void aNegativeLatencyIsRefused() {
        assertThatThrownBy(() -> catalog.withLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertFailure(ThrowingCallable call, Failure failure) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MusicDataException.class,
                e -> assertThat(e.failure()).isEqualTo(failure));
    }
}
