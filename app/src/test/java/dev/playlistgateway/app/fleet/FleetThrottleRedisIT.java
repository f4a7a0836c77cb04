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
import java.util.Optional;

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

        Block met = new Block(Instant.now().plusMillis(1_500), null);
        long sent = System.nanoTime();
        meets429.close(met);
        Optional<Block> read = other.current();
        Duration roundTrips = Duration.ofNanos(System.nanoTime() - sent);

        // The block travels as "ms from now" on Redis's clock (here this machine's clock too): the other
        // instance reads the same end, later by at most the time the close and the read took to travel
        // (each leg's latency adds to what it says), give or take whole milliseconds. Not "about 1.5 s
        // from now": on a busy machine those round trips take hundreds of ms.
        assertThat(read).hasValueSatisfying(block -> assertThat(block.until())
                .isBetween(met.until().minusMillis(50), met.until().plus(roundTrips).plusMillis(50)));
        Thread.sleep(1_700);
        assertThat(other.current()).isEmpty();
        assertThat(meets429.current()).isEmpty();
    }
}
