package dev.playlistgateway.domain.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeCounterTest {

    private final ChangeCounter changes = ChangeCounter.inProcess();

    @Test
    void aMarkSeesAChangeOfItsKindBegunAfterIt() {
        ChangeCounter.Mark before = changes.mark();

        changes.changing(DataKind.PLAYLISTS);

        assertThat(before.changed(DataKind.PLAYLISTS)).isTrue();
    }

    @Test
    void aMarkTakenAfterAChangeDoesNotSeeIt() {
        changes.changing(DataKind.PLAYLISTS);

        ChangeCounter.Mark after = changes.mark();

        assertThat(after.changed(DataKind.PLAYLISTS)).isFalse();
    }

    @Test
    void aChangeOfOneKindDoesNotOutdateReadsOfAnother() {
        ChangeCounter.Mark before = changes.mark();

        changes.changing(DataKind.PLAYLISTS);

        for (DataKind kind : DataKind.values()) {
            assertThat(before.changed(kind)).as(kind.tag()).isEqualTo(kind == DataKind.PLAYLISTS);
        }
    }
}
