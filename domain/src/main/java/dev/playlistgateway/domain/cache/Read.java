package dev.playlistgateway.domain.cache;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One kind of read through the cache, as a use case describes it to {@link ReadThrough}: which data
 * (kind, codec, key per id), how misses are loaded upstream (all in one call, or one call per id), and
 * whether what is read is the same for every caller. Built per read, for one viewer:
 *
 * <pre>{@code
 * Read<TrackId, Track> tracks = Read.of(DataKind.TRACKS, EntryCodec.TRACK, CacheKeys::track)
 *         .inOneCall(wanted -> port.tracks(viewer, wanted))
 *         .sameForEveryone();
 * }</pre>
 *
 * Immutable; the loader runs on the threads of the read's upstream executor.
 *
 * @param <I> the ids read
 * @param <V> the values
 */
public final class Read<I, V> {

    private final DataKind kind;
    private final EntryCodec<V> codec;
    private final Function<I, String> keyOf;
    private final Function<I, String> sharedCopyKeyOf;
    private final Function<List<I>, Map<I, V>> upstream;
    private final boolean oneCallEach;
    private final BiPredicate<I, V> sameForEveryone;

    private Read(Builder<I, V> builder, BiPredicate<I, V> sameForEveryone) {
        this.kind = builder.kind;
        this.codec = builder.codec;
        this.keyOf = builder.keyOf;
        this.sharedCopyKeyOf = builder.sharedCopyKeyOf;
        if (builder.upstream == null) {
            throw new IllegalStateException("a read says how its misses are loaded: inOneCall or oneCallEach");
        }
        this.upstream = builder.upstream;
        this.oneCallEach = builder.oneCallEach;
        this.sameForEveryone = sameForEveryone;
    }

    /** A read of data of {@code kind}, kept as {@code codec} says under the key {@code keyOf} gives each id. */
    public static <I, V> Builder<I, V> of(DataKind kind, EntryCodec<V> codec, Function<I, String> keyOf) {
        return new Builder<>(kind, codec, keyOf);
    }

    DataKind kind() {
        return kind;
    }

    EntryCodec<V> codec() {
        return codec;
    }

    String keyOf(I id) {
        return keyOf.apply(id);
    }

    boolean hasSharedCopy() {
        return sharedCopyKeyOf != null;
    }

    String sharedCopyKeyOf(I id) {
        return sharedCopyKeyOf.apply(id);
    }

    /** The upstream calls for {@code missing}: one for all, or one per id. */
    List<List<I>> calls(List<I> missing) {
        return oneCallEach ? missing.stream().map(List::of).toList() : List.of(missing);
    }

    Map<I, V> load(List<I> wanted) {
        return upstream.apply(wanted);
    }

    boolean isSameForEveryone(I id, V value) {
        return sameForEveryone.test(id, value);
    }

    /** Says how misses are loaded, then who may be served what is read. */
    public static final class Builder<I, V> {
        private final DataKind kind;
        private final EntryCodec<V> codec;
        private final Function<I, String> keyOf;
        private Function<I, String> sharedCopyKeyOf;
        private Function<List<I>, Map<I, V>> upstream;
        private boolean oneCallEach;

        private Builder(DataKind kind, EntryCodec<V> codec, Function<I, String> keyOf) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        }

        /**
         * All misses in one upstream call (the port batches by id). {@code load} answers the ids it found;
         * an id it leaves out is one upstream does not know.
         */
        public Builder<I, V> inOneCall(Function<List<I>, Map<I, V>> load) {
            this.upstream = Objects.requireNonNull(load, "load");
            this.oneCallEach = false;
            return this;
        }

        /**
         * One upstream call per missing id (a block, a playlist), run in parallel; {@code load} answers as in
         * {@link #inOneCall}.
         */
        public Builder<I, V> oneCallEach(Function<I, Map<I, V>> load) {
            Objects.requireNonNull(load, "load");
            this.upstream = wanted -> load.apply(wanted.get(0));
            this.oneCallEach = true;
            return this;
        }

        /**
         * A fresh copy under {@code keyOf} serves every caller: it is looked for first, and only the ids
         * without one are read under their own keys. Used where public data may sit in the shared scope.
         */
        public Builder<I, V> sharedCopyUnder(Function<I, String> keyOf) {
            this.sharedCopyKeyOf = Objects.requireNonNull(keyOf, "keyOf");
            return this;
        }

        /** What is read is the same for every caller (catalogue data). */
        public Read<I, V> sameForEveryone() {
            return new Read<>(this, (id, value) -> true);
        }

        /** What is read is the same for every caller where {@code test} says so (a public playlist, say). */
        public Read<I, V> sameForEveryoneWhen(BiPredicate<I, V> test) {
            return new Read<>(this, Objects.requireNonNull(test, "test"));
        }

        /** What is read depends on who asks (a profile, a list of playlists). */
        public Read<I, V> perViewer() {
            return new Read<>(this, (id, value) -> false);
        }
    }
}
