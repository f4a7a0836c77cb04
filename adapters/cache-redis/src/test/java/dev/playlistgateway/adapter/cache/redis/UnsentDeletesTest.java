package dev.playlistgateway.adapter.cache.redis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UnsentDeletesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aKeyIsHeldFromItsDeleteUntilRedisConfirmsIt() {
        UnsentDeletes unsent = new UnsentDeletes(10);
        assertThat(unsent.holds("pgw:a")).isFalse();

        UnsentDeletes.Delete delete = unsent.mark(List.of("pgw:a", "pgw:b"));

        assertThat(unsent.holds("pgw:a")).isTrue();
        assertThat(unsent.holds("pgw:b")).isTrue();
        assertThat(unsent.holds("pgw:c")).isFalse();
        unsent.confirmed(delete);
        assertThat(unsent.isEmpty()).isTrue();
    }

    @Test
    void theConfirmationOfAnOlderDeleteLeavesAKeyWhoseLaterDeleteIsUnconfirmed() {
        UnsentDeletes unsent = new UnsentDeletes(10);
        UnsentDeletes.Delete older = unsent.mark(List.of("pgw:a"));
        UnsentDeletes.Delete later = unsent.mark(List.of("pgw:a")); // sent, then lost with Redis

        unsent.confirmed(older);

        assertThat(unsent.holds("pgw:a")).isTrue();
        unsent.confirmed(later);
        assertThat(unsent.holds("pgw:a")).isFalse();
    }

    @Test
    void whatIsHeldIsHandedOutAgainInChunksAtMostOncePerSecondUnlessItCouldNotBeSent() {
        UnsentDeletes unsent = new UnsentDeletes(2_000);
        assertThat(unsent.resendDue(System.nanoTime() + 10 * SECOND)).as("nothing held").isFalse();
        unsent.mark(IntStream.range(0, 1_200).mapToObj(i -> "pgw:k" + i).toList());
        long now = System.nanoTime() + 10 * SECOND;

        assertThat(unsent.resendDue(now)).isTrue();
        assertThat(unsent.inChunks()).extracting(List::size).containsExactly(500, 500, 200);
        assertThat(unsent.resendDue(now + SECOND / 2)).as("within a second of the last").isFalse();
        assertThat(unsent.resendDue(now + SECOND)).isTrue();
        unsent.notResent(now + SECOND);
        assertThat(unsent.resendDue(now + SECOND + 60_000_000L)).as("soon after one that could not be sent").isTrue();

        unsent.inChunks().forEach(keys -> unsent.confirmed(unsent.mark(keys)));
        assertThat(unsent.isEmpty()).isTrue();
    }

    @Test
    void beyondItsCapacityADeleteIsNotRememberedAndThatIsReportedOnce() {
        UnsentDeletes unsent = new UnsentDeletes(2);
        UnsentDeletes.Delete first = unsent.mark(List.of("pgw:a", "pgw:b", "pgw:c"));

        assertThat(first.keys()).containsExactly("pgw:a", "pgw:b");
        assertThat(unsent.overflowed(first, 3)).isTrue();
        UnsentDeletes.Delete again = unsent.mark(List.of("pgw:a", "pgw:d"));
        assertThat(again.keys()).as("a key already held is marked again").containsExactly("pgw:a");
        assertThat(unsent.overflowed(again, 2)).as("reported once").isFalse();
        assertThat(unsent.holds("pgw:c")).isFalse();
    }
}
