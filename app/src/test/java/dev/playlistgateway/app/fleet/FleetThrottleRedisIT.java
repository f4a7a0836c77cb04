package dev.playlistgateway.app.fleet;

import dev.playlistgateway.adapter.spotify.ThrottleGate;
import dev.playlistgateway.adapter.spotify.ThrottleGate.Block;
import dev.playlistgateway.testsupport.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Retry-After gate in Redis, standalone and Cluster: a block closed by one instance holds on all until it
 * passes, the later block wins, and with Redis gone each instance obeys what it met or read itself, never throwing.
 */
class FleetThrottleRedisIT extends OnBothRedisTopologies {

    @Test
    void aBlockClosedOnOneInstanceHoldsOnTheOthersUntilItPassesOnStandalone() throws Exception {
        blockTravelsAndEnds(standalone);
    }

    @Test
    void aBlockClosedOnOneInstanceHoldsOnTheOthersUntilItPassesOnACluster() throws Exception {
        blockTravelsAndEnds(cluster);
    }

    @Test
    void aShorterBlockDoesNotShortenALongerOneFromAnotherInstance() {
        ThrottleGate first = standalone.member().throttleGate();
        ThrottleGate second = standalone.member().throttleGate();
        first.close(new Block(Instant.now().plusSeconds(600), "QUOTA_EXCEEDED"));

        second.close(new Block(Instant.now().plusSeconds(2), null));

        assertThat(standalone.member().throttleGate().current()).hasValueSatisfying(block -> {
            assertThat(block.until()).isAfter(Instant.now().plusSeconds(590));
            assertThat(block.quotaExceeded()).isTrue();
        });
    }

    @Test
    void withRedisKilledEachInstanceKeepsItsOwnGateAndNothingThrows() throws Exception {
        FleetRedisTopologies own = FleetRedisTopologies.standalone();
        try (own) {
            RedisServer redis = own.servers().get(0);
            ThrottleGate seenBefore = own.member().throttleGate();
            ThrottleGate other = own.member().throttleGate();
            seenBefore.close(new Block(Instant.now().plusSeconds(3), null));
            assertThat(other.current()).as("read while Redis answered").isPresent();

            redis.kill();
            ThrottleGate meets429 = own.member().throttleGate();
            long started = System.nanoTime();
            meets429.close(new Block(Instant.now().plusSeconds(60), null));
            assertThat(meets429.current()).as("a block met here holds here").isPresent();
            assertThat(other.current()).as("a block read before holds on").isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

            redis.restart();
            Thread.sleep(4_000);
            assertThat(other.current()).as("the block read before has passed; Redis lost the other one").isEmpty();
            assertThat(meets429.current()).as("the instance that met the 429 still obeys it").isPresent();
        }
    }

    private static void blockTravelsAndEnds(FleetRedisTopologies redis) throws InterruptedException {
        ThrottleGate meets429 = redis.member().throttleGate();
        ThrottleGate other = redis.member().throttleGate();
        assertThat(other.current()).isEmpty();

        meets429.close(new Block(Instant.now().plusMillis(1_500), null));

        assertThat(other.current()).hasValueSatisfying(block ->
                assertThat(block.until()).isBetween(Instant.now().plusMillis(1_000), Instant.now().plusMillis(1_600)));
        Thread.sleep(1_700);
        assertThat(other.current()).isEmpty();
        assertThat(meets429.current()).isEmpty();
    }
}
