package dev.playlistgateway.adapter.spotify;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link ThrottleGate} over two: this process's own and a shared store. Blocks go to both; the later block
 * in force wins. A block read from the store is kept locally too, so it still holds if the store then goes
 * away. Thread safe when both are.
 */
final class LayeredThrottleGate implements ThrottleGate {

    private final ThrottleGate local;
    private final ThrottleGate store;

    LayeredThrottleGate(ThrottleGate local, ThrottleGate store) {
        this.local = local;
        this.store = store;
    }

    @Override
    public Optional<Block> current() {
        Optional<Block> shared = safely(store::current);
        shared.ifPresent(local::close);
        return Stream.of(local.current(), shared)
                .flatMap(Optional::stream)
                .max(Comparator.comparing(Block::until));
    }

    @Override
    public void close(Block block) {
        local.close(block);
        try {
            store.close(block);
        } catch (RuntimeException storeTrouble) {
            // The interface asks stores not to throw; one that does must not undo the local block.
        }
    }

    private static Optional<Block> safely(java.util.function.Supplier<Optional<Block>> read) {
        try {
            return read.get();
        } catch (RuntimeException storeTrouble) {
            return Optional.empty();
        }
    }
}
