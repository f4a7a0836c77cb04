package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.port.CacheObserver;
import dev.playlistgateway.domain.port.CachePort;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a request read, stamped, and whether it still holds: what the response cache gives answers again by. */
class ReadStampsTest {

    private final MutableClock clock = MutableClock.now();
    private final FakeCache cache = new FakeCache(clock);
    private final EntryStore store = new EntryStore(cache, CacheTtls.defaults(), clock);
    private final ReadThrough readThrough = new ReadThrough(store, Runnable::run, CacheObserver.NONE,
            SingleFlight.inProcess(), ChangeCounter.inProcess());
    private final Read<String, User> users = Read.of(DataKind.USERS, EntryCodec.USER, (String id) -> "test:" + id)
            .inOneCall(ReadStampsTest::upstream).perViewer();

    private static Map<String, User> upstream(List<String> ids) {
        Map<String, User> found = new HashMap<>();
        ids.forEach(id -> found.put(id, new User(UserId.of(id), "User " + id)));
        return found;
    }

    /** A warm read of {@code ids}, recorded. */
    private ReadStamps warmRead(String... ids) {
        EntriesRead read = new EntriesRead(clock.instant());
        readThrough.read(users, List.of(ids), recording(read));
        return read.stamps();
    }

    private static ReadRecorder recording(EntriesRead read) {
        return new ReadRecorder() {
            public void hits(int count) { }
            public void misses(int count) { }
            public void upstreamCall() { }
            public void staleServed(int count) { }
            public void readShared(Instant freshUntil) { }
            public void readUnshared() { }

            @Override
            public void entriesRead(Collection<String> keys, Map<String, byte[]> found) {
                read.read(keys, found);
            }
        };
    }

    @Test
    void whatAWarmReadReadHoldsUntilOneOfItsEntriesIsWrittenAgain() {
        readThrough.read(users, List.of("a", "b"), ReadRecorder.NONE);
        ReadStamps stamps = warmRead("a", "b");
        assertThat(stamps.stamps()).containsOnlyKeys("test:a", "test:b");
        assertThat(stamps.stillHoldIn(cache, clock.instant())).isTrue();

        clock.advance(Duration.ofMillis(5));
        cache.delete(List.of("test:b"));
        assertThat(stamps.stillHoldIn(cache, clock.instant())).as("removed").isFalse();
        readThrough.read(users, List.of("b"), ReadRecorder.NONE); // the same value, written again

        assertThat(stamps.stillHoldIn(cache, clock.instant())).as("written again").isFalse();
    }

    @Test
    void itHoldsNoLongerThanTheFirstEntryItServedIsFresh() {
        readThrough.read(users, List.of("a"), ReadRecorder.NONE);
        ReadStamps stamps = warmRead("a");

        clock.advance(CacheTtls.defaults().freshFor(DataKind.USERS));

        assertThat(stamps.validUntil()).isEqualTo(EntryCodec.freshUntilOf(cache.getAll(List.of("test:a")).get("test:a")));
        assertThat(stamps.stillHoldIn(cache, clock.instant())).isFalse();
    }

    @Test
    void aKeyThatHeldNothingMustStillHoldNothing() {
        EntriesRead read = new EntriesRead(clock.instant());
        store.getAll(List.of("test:x"), EntryCodec.USER, recording(read));
        ReadStamps stamps = read.stamps();
        assertThat(stamps.stamps()).containsEntry("test:x", EntryStamp.ABSENT);
        assertThat(stamps.stillHoldIn(cache, clock.instant())).isTrue();

        readThrough.read(users, List.of("x"), ReadRecorder.NONE);

        assertThat(stamps.stillHoldIn(cache, clock.instant())).isFalse();
    }

    @Test
    void aRequestThatSawAKeyChangeWhileItRanHasNoStamps() {
        EntriesRead read = new EntriesRead(clock.instant());
        read.read(List.of("k"), Map.of("k", new byte[] {1, 2, 3}));
        read.read(List.of("k"), Map.of("k", new byte[] {1, 2, 4}));

        EntriesRead appeared = new EntriesRead(clock.instant());
        appeared.read(List.of("k"), Map.of());
        appeared.read(List.of("k"), Map.of("k", new byte[] {1}));

        assertThat(read.stamps()).isNull();
        assertThat(appeared.stamps()).isNull();
    }

    @Test
    void stampsDifferForBytesThatDifferInOneBit() {
        byte[] bytes = new byte[300];
        long stamp = EntryStamp.of(bytes);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 1;
            assertThat(EntryStamp.of(changed)).as("byte %d", i).isNotEqualTo(stamp);
        }
        assertThat(EntryStamp.of(bytes.clone())).isEqualTo(stamp);
        assertThat(EntryStamp.of(new byte[0])).isNotEqualTo(EntryStamp.ABSENT);
        assertThat(EntryStamp.of(new byte[299])).isNotEqualTo(stamp);
    }

    /** A store that hands out the arrays it holds, as the adapters do; {@code values} is changed behind its back. */
    private static final class ArrayStore implements CachePort {
        final Map<String, byte[]> values = new HashMap<>();
        int getAlls;

        public Optional<byte[]> get(String key) { return Optional.ofNullable(values.get(key)); }
        public Map<String, byte[]> getAll(Collection<String> keys) {
            getAlls++;
            Map<String, byte[]> found = new HashMap<>();
            keys.forEach(key -> { if (values.containsKey(key)) found.put(key, values.get(key)); });
            return found;
        }
        public void put(String key, byte[] value, Duration ttl) { values.put(key, value); }
        public void putAll(Map<String, byte[]> entries, Duration ttl) { values.putAll(entries); }
        public void delete(Collection<String> keys) { keys.forEach(values::remove); }
    }

    @Test
    void theSameArrayEqualBytesInAnotherArrayHoldOtherBytesDoNot() {
        ArrayStore store = new ArrayStore();
        byte[] a = {1, 2, 3};
        store.values.put("a", a);
        store.values.put("b", new byte[] {4});
        Map<String, byte[]> read = new HashMap<>(store.values);
        read.put("gone", null);
        ReadStamps stamps = ReadStamps.of(read, Instant.MAX);
        Instant now = clock.instant();

        assertThat(stamps.stillHoldIn(store, now)).as("the very arrays").isTrue();
        store.values.put("a", a.clone()); // read again from Redis: equal bytes, another array
        assertThat(stamps.stillHoldIn(store, now)).as("equal bytes").isTrue();
        assertThat(stamps.stillHoldIn(store, now)).as("equal bytes, remembered").isTrue();
        store.values.put("a", new byte[] {1, 2, 4});
        assertThat(stamps.stillHoldIn(store, now)).as("other bytes after the remembered array").isFalse();
        store.values.put("a", a);
        assertThat(stamps.stillHoldIn(store, now)).as("the first array again").isTrue();
        store.values.put("gone", new byte[0]);
        assertThat(stamps.stillHoldIn(store, now)).as("something where there was nothing").isFalse();
        store.values.remove("gone");
        store.values.remove("b");
        assertThat(stamps.stillHoldIn(store, now)).as("removed").isFalse();
        assertThat(store.getAlls).isEqualTo(7);
    }

    @Test
    void aCollectedArrayIsHashedAgainNeverTakenForAnother() {
        ArrayStore store = new ArrayStore();
        store.values.put("k", new byte[] {7, 7});
        ReadStamps stamps = ReadStamps.of(Map.of("k", store.values.get("k")), Instant.MAX);
        store.values.put("k", new byte[] {7, 7});
        for (int i = 0; i < 3; i++) {
            System.gc(); // the first array is reachable from nothing but the weak reference now
        }

        assertThat(stamps.stillHoldIn(store, clock.instant())).isTrue();
        store.values.put("k", new byte[] {7, 8});
        assertThat(stamps.stillHoldIn(store, clock.instant())).isFalse();
    }

    @Test
    void noKeysHoldUntilValidUntil() {
        ReadStamps stamps = ReadStamps.of(Map.of(), clock.instant().plusSeconds(1));

        assertThat(stamps.stillHoldIn(new ArrayStore(), clock.instant())).isTrue();
        assertThat(stamps.stillHoldIn(new ArrayStore(), clock.instant().plusSeconds(1))).isFalse();
        assertThat(stamps.weight()).isZero();
    }
}
