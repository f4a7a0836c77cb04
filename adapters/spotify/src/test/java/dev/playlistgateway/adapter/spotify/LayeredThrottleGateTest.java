package dev.playlistgateway.adapter.spotify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class LayeredThrottleGateTest {

    private final ManualClock clock = new ManualClock();
    private final InProcessThrottleGate shared = new InProcessThrottleGate(clock);
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    /** The shared store as another instance sees it; "unreachable" reads empty and drops writes, as the interface asks. */
    private final ThrottleGate store = new ThrottleGate() {
        @Override
        public Optional<Block> current() {
            return reachable.get() ? shared.current() : Optional.empty();
        }

        @Override
        public void close(Block block) {
            if (reachable.get()) {
                shared.close(block);
            }
        }
    };

    private ThrottleGate.Block inSeconds(long seconds) {
        return new ThrottleGate.Block(clock.instant().plusSeconds(seconds), null);
    }

    @Test
    void aBlockClosedHereIsInTheStoreForTheOthers() {
        new LayeredThrottleGate(new InProcessThrottleGate(clock), store).close(inSeconds(20));

        assertThat(new LayeredThrottleGate(new InProcessThrottleGate(clock), store).current())
                .hasValueSatisfying(block -> assertThat(block.until()).isEqualTo(clock.instant().plusSeconds(20)));
    }

    @Test
    void theLaterOfTheLocalAndTheSharedBlockHolds() {
        LayeredThrottleGate gate = new LayeredThrottleGate(new InProcessThrottleGate(clock), store);
        reachable.set(false);
        gate.close(inSeconds(60)); // met here while the store was away
        reachable.set(true);
        shared.close(inSeconds(5)); // a shorter one from another instance

        assertThat(gate.current()).hasValueSatisfying(block -> assertThat(block.until()).isEqualTo(clock.instant().plusSeconds(60)));
    }

    @Test
    void aBlockReadFromTheStoreStillHoldsWhenTheStoreGoesAway() {
        LayeredThrottleGate gate = new LayeredThrottleGate(new InProcessThrottleGate(clock), store);
        shared.close(inSeconds(30));
        assertThat(gate.current()).isPresent();

        reachable.set(false);
        clock.advance(Duration.ofSeconds(10));
        assertThat(gate.current()).hasValueSatisfying(block -> assertThat(block.until()).isEqualTo(clock.instant().plusSeconds(20)));
        clock.advance(Duration.ofSeconds(20));
        assertThat(gate.current()).isEmpty();
    }

    @Test
    void aStoreThatThrowsDoesNotStopCallsNorLoseTheLocalBlock() {
        ThrottleGate broken = new ThrottleGate() {
            @Override
            public Optional<Block> current() {
                throw new IllegalStateException("store trouble");
            }

            @Override
            public void close(Block block) {
                throw new IllegalStateException("store trouble");
            }
        };
        LayeredThrottleGate gate = new LayeredThrottleGate(new InProcessThrottleGate(clock), broken);
        assertThat(gate.current()).isEmpty();

        gate.close(inSeconds(3));
        assertThat(gate.current()).isPresent();
    }
}
