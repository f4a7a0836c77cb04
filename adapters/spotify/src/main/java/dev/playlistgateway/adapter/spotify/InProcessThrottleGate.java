package dev.playlistgateway.adapter.spotify;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** {@link ThrottleGate} in one process: an atomic reference to the latest block. */
final class InProcessThrottleGate implements ThrottleGate {

    private final Clock clock;
    private final AtomicReference<Block> block = new AtomicReference<>();

    InProcessThrottleGate(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Block> current() {
        Block current = block.get();
        if (current == null || !clock.instant().isBefore(current.until())) {
            return Optional.empty();
        }
        return Optional.of(current);
    }

    @Override
    public void close(Block newBlock) {
        block.accumulateAndGet(newBlock, (old, fresh) ->
                old == null || fresh.until().isAfter(old.until()) ? fresh : old);
    }
}
