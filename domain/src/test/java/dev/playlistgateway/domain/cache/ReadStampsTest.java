package dev.playlistgateway.domain.cache;

import dev.playlistgateway.domain.fake.FakeCache;
import dev.playlistgateway.domain.fake.MutableClock;
import dev.playlistgateway.domain.model.User;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.port.CacheObserver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
}
