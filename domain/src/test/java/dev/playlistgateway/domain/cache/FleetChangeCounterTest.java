package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.FakeFleetStore;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two instances' change counters on one {@link FakeFleetStore}. */
class FleetChangeCounterTest {

    private final FakeFleetStore fleet = new FakeFleetStore();
    private final ChangeCounter a = ChangeCounter.acrossInstances(fleet.counts(), PlaylistChanges.CHANGED_KINDS);
    private final ChangeCounter b = ChangeCounter.acrossInstances(fleet.counts(), PlaylistChanges.CHANGED_KINDS);

    @Test
    void aChangeThroughOneInstanceOutdatesAReadBegunOnAnother() {
        ChangeCounter.Mark readOnB = b.mark();

        a.changing(DataKind.PLAYLISTS);

        assertThat(readOnB.changed(DataKind.PLAYLISTS)).isTrue();
        assertThat(b.mark().changed(DataKind.PLAYLISTS)).isFalse();
    }

    @Test
    void anInFlightReadOnAnotherInstanceDoesNotStoreTheOldVersion() {
        MutableClock clock = MutableClock.now();
        FakeCache cache = new FakeCache(clock);
        EntryStore store = new EntryStore(cache, CacheTtls.defaults(), clock);
        ChangeCounter.Mark began = b.mark();   // b goes upstream...

        a.changing(DataKind.PLAYLISTS);        // ...a changes the data meanwhile
        store.putRead(DataKind.PLAYLISTS, EntryCodec.USER, Map.of("old", new User(UserId.of("u"), "Old")), began);

        assertThat(cache.keys()).isEmpty();
    }

    @Test
    void kindsNoChangeTouchesAreAnsweredWithoutTheStore() {
        ChangeCounter.Mark mark = b.mark();
        int readsAfterMark = fleet.countReads();

        assertThat(mark.changed(DataKind.TRACKS)).isFalse();
        assertThat(mark.changed(DataKind.ITEMS)).isFalse();

        assertThat(readsAfterMark).as("one count read per mark").isEqualTo(1);
        assertThat(fleet.countReads()).isEqualTo(readsAfterMark);
    }

    @Test
    void withTheStoreDownAnInstancesOwnChangesStillCount() {
        fleet.down(true);
        ChangeCounter.Mark mark = a.mark();

        a.changing(DataKind.PLAYLISTS);

        assertThat(mark.changed(DataKind.PLAYLISTS)).isTrue();
    }

    @Test
    void aMarkTakenWhileTheStoreWasDownIsJudgedInProcessWhenItComesBack() {
        fleet.down(true);
        ChangeCounter.Mark mark = b.mark();
        fleet.down(false);

        assertThat(mark.changed(DataKind.PLAYLISTS)).isFalse();
        b.changing(DataKind.PLAYLISTS);
        assertThat(mark.changed(DataKind.PLAYLISTS)).isTrue();
    }

    @Test
    void aChangeOfAKindTheInstancesDoNotShareIsRefused() {
        ChangeCounter counter = ChangeCounter.acrossInstances(fleet.counts(), Set.of(DataKind.PLAYLISTS));

        assertThatThrownBy(() -> counter.changing(DataKind.TRACKS)).isInstanceOf(IllegalArgumentException.class);
    }
}
