package dev.playlistgateway.app.security.session;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.playlistgateway.app.security.SecuritySettings;
import dev.playlistgateway.app.security.session.SessionsFakes.SwitchableStore;
import dev.playlistgateway.domain.fake.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The memory copies of {@link Sessions}, on a fake clock: how long a copy is used while the store answers
 * (the recheck: how late a logout elsewhere is seen), what it does while the store is down (the outage
 * grace), never past the session's end, logout here at once, refreshes that are neither lost nor written
 * over a logout or a newer version, a store that comes back empty, and the store asked once per back-off.
 * Two {@link Sessions} over one store are two gateway instances.
 */
class SessionsMemoryTest {
    private static final Duration RECHECK = SessionsFakes.DEFAULT_MEMORY.recheck();
    private static final Duration GRACE = SessionsFakes.DEFAULT_MEMORY.outageGrace();
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final MutableClock time = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final SwitchableStore store = new SwitchableStore();
    private final TokenCipher cipher = SessionsFakes.cipher(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Sessions here = SessionsFakes.sessions(store, cipher, time, meters);
    private final Sessions elsewhere = SessionsFakes.sessions(store, cipher, time, new SimpleMeterRegistry());

    private SessionRecord record(String user) {
        return SessionRecord.signedIn(user, null, user + "-access-1", user + "-refresh-1", 3600, time.instant(), Duration.ofDays(7));
    }

    private static String accessToken(Optional<SessionRecord> record) {
        return record.map(SessionRecord::accessToken).orElse(null);
    }

    private double storeFailures() {
        return meters.find("gateway.sessions.store.failures").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    // ------------------------------------------------------------------ while the store answers

    @Test
    void aSessionReadRecentlyIsServedFromMemoryAndTheStoreIsReadAgainAfterTheRecheck() {
        String handle = Sessions.handleOf(elsewhere.create(record("ann")));
        assertThat(here.find(handle)).isPresent();
        int reads = store.reads.get();

        for (int i = 0; i < 50; i++) {
            time.advance(Duration.ofMillis(90));
            assertThat(here.find(handle)).isPresent();
        }
        assertThat(store.reads.get()).isEqualTo(reads);

        time.advance(RECHECK);
        assertThat(here.find(handle)).isPresent();
        assertThat(store.reads.get()).isEqualTo(reads + 1);
    }

    @Test
    void aLogoutOnAnotherInstanceIsSeenHereWithinTheRecheck() {
        String handle = Sessions.handleOf(elsewhere.create(record("bea")));
        assertThat(here.find(handle)).isPresent();

        elsewhere.delete(handle);

        assertThat(elsewhere.find(handle)).isEmpty();
        time.advance(RECHECK.minusMillis(1));
        assertThat(here.find(handle)).as("the promised lateness: at most the recheck").isPresent();
        time.advance(Duration.ofMillis(1));
        assertThat(here.find(handle)).isEmpty();
    }

    @Test
    void aCopyDueForRenewalIsReadAgainSoARefreshAnotherInstanceMadeIsUsedNotRepeated() {
        SecuritySettings.SessionMemory longRecheck = new SecuritySettings.SessionMemory(Duration.ofMinutes(5), Duration.ofMinutes(10), 100);
        Sessions a = SessionsFakes.sessions(store, cipher, time, new SimpleMeterRegistry(), longRecheck);
        Sessions b = SessionsFakes.sessions(store, cipher, time, new SimpleMeterRegistry(), longRecheck);
        SessionRecord shortLived = SessionRecord.signedIn("cai", null, "cai-access-1", "cai-refresh-1", 60,
                time.instant(), Duration.ofDays(7)); // a 60 s token is renewed halfway, after 30 s
        String handle = Sessions.handleOf(a.create(shortLived));
        assertThat(b.find(handle)).isPresent();

        time.advance(Duration.ofSeconds(31));
        SessionRecord refreshed = a.find(handle).orElseThrow().refreshed("cai-access-2", "cai-refresh-2", 3600, time.instant());
        a.update(handle, refreshed);

        assertThat(b.find(handle)).hasValueSatisfying(r -> {
            assertThat(r.accessToken()).isEqualTo("cai-access-2");
            assertThat(r.refreshToken()).isEqualTo("cai-refresh-2");
            assertThat(r.needsRenewal(time.instant())).isFalse();
        });
    }

    @Test
    void twoInstancesRefreshingAtOnceLeaveOneConsistentVersionInTheStore() {
        String handle = Sessions.handleOf(elsewhere.create(record("dan")));
        SessionRecord v1 = here.find(handle).orElseThrow();

        elsewhere.update(handle, v1.refreshed("dan-access-A", "dan-refresh-A", 3600, time.instant()));
        here.update(handle, v1.refreshed("dan-access-B", "dan-refresh-B", 3600, time.instant()));

        // The second write was based on v1, which the store no longer held: the store kept the first.
        Sessions fresh = SessionsFakes.sessions(store, cipher, time, new SimpleMeterRegistry());
        assertThat(fresh.find(handle)).hasValueSatisfying(r -> assertThat(r.refreshToken()).isEqualTo("dan-refresh-A"));
        assertThat(accessToken(here.find(handle))).isEqualTo("dan-access-A");
    }

    // ------------------------------------------------------------------ while the store is down

    @Test
    void whileTheStoreIsDownASessionReadWithinTheGraceKeepsWorkingAndOthersFailUnavailable() {
        String seen = Sessions.handleOf(elsewhere.create(record("eva")));
        String unseen = Sessions.handleOf(elsewhere.create(record("finn")));
        assertThat(here.find(seen)).isPresent();
        time.advance(Duration.ofSeconds(30));

        store.down();

        assertThat(accessToken(here.find(seen))).isEqualTo("eva-access-1");
        assertThatThrownBy(() -> here.find(unseen)).isInstanceOf(SessionStoreUnavailable.class);
        time.advance(GRACE.minusSeconds(31));
        assertThat(here.find(seen)).isPresent();
        time.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> here.find(seen)).as("past the grace the copy no longer stands in")
                .isInstanceOf(SessionStoreUnavailable.class);
        assertThat(meters.get("gateway.sessions.outage.served").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void whileTheStoreIsDownItIsAskedOncePerBackoffWindowNotOncePerRequest() {
        AtomicInteger attempts = new AtomicInteger();
        SwitchableStore counting = new SwitchableStore() {
            @Override
            public synchronized Optional<String> get(String key) {
                attempts.incrementAndGet();
                return super.get(key);
            }
        };
        Sessions sessions = SessionsFakes.sessions(counting, cipher, time, meters);
        String handle = Sessions.handleOf(sessions.create(record("gus")));
        time.advance(RECHECK);
        counting.down();

        for (int i = 0; i < 100; i++) {
            assertThat(sessions.find(handle)).isPresent();
        }
        assertThat(attempts.get()).isEqualTo(1);
        time.advance(BACKOFF);
        for (int i = 0; i < 100; i++) {
            assertThat(sessions.find(handle)).isPresent();
        }
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(storeFailures()).isEqualTo(2);

        counting.up();
        time.advance(BACKOFF);
        assertThat(sessions.find(handle)).isPresent();
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void aCopyIsNeverUsedPastTheSessionsEndStoreOrNoStore() {
        SessionRecord endsSoon = new SessionRecord("hal", null, "hal-access-1", "hal-refresh-1",
                time.instant().plusSeconds(3000).toEpochMilli(), time.instant().plusSeconds(3).toEpochMilli());
        String handle = Sessions.handleOf(here.create(endsSoon));
        assertThat(here.find(handle)).isPresent();

        time.advance(Duration.ofSeconds(3)); // within the recheck, but the session is over
        assertThat(here.find(handle)).isEmpty();

        SessionRecord alsoEndsSoon = new SessionRecord("ida", null, "ida-access-1", "ida-refresh-1",
                time.instant().plusSeconds(3000).toEpochMilli(), time.instant().plusSeconds(60).toEpochMilli());
        String other = Sessions.handleOf(here.create(alsoEndsSoon));
        store.down();
        time.advance(Duration.ofSeconds(59));
        assertThat(here.find(other)).isPresent();
        time.advance(Duration.ofSeconds(1));
        assertThat(here.find(other)).as("an ended session is no session, even while the store is down").isEmpty();
    }

    // ------------------------------------------------------------------ logout here

    @Test
    void aLogoutHereEndsTheCopyAtOnceAndWhileTheStoreIsDownTheSessionIsNotServedFromMemory() {
        String handle = Sessions.handleOf(here.create(record("jon")));
        assertThat(here.find(handle)).isPresent();
        store.down();

        assertThatThrownBy(() -> here.delete(handle)).isInstanceOf(SessionStoreUnavailable.class);

        assertThatThrownBy(() -> here.find(handle)).as("not signed in from memory after a logout here")
                .isInstanceOf(SessionStoreUnavailable.class);
        store.up();
        time.advance(BACKOFF);
        assertThat(here.find(handle)).as("the logout could not reach the store: the session lives on there").isPresent();
        here.delete(handle);
        assertThat(here.find(handle)).isEmpty();
        assertThat(elsewhere.find(handle)).isEmpty();
    }

    @Test
    void aReadInFlightWhenTheLogoutHappensDoesNotBringTheCopyBack() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger gets = new AtomicInteger();
        SwitchableStore slow = new SwitchableStore() {
            @Override
            public Optional<String> get(String key) {
                Optional<String> value = super.get(key);
                if (gets.incrementAndGet() == 1) {
                    reading.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return value;
            }
        };
        Sessions sessions = SessionsFakes.sessions(slow, cipher, time, meters);
        String handle = Sessions.handleOf(SessionsFakes.sessions(slow, cipher, time, new SimpleMeterRegistry()).create(record("kim")));
        CompletableFuture<Optional<SessionRecord>> inFlight = CompletableFuture.supplyAsync(() -> sessions.find(handle));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        sessions.delete(handle);
        release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS)).as("read before the logout").isPresent();
        assertThat(sessions.find(handle)).isEmpty();
        assertThat(gets.get()).as("the store was asked again: no copy came back").isEqualTo(2);
    }

    // ------------------------------------------------------------------ refresh during an outage

    @Test
    void aRefreshWhileTheStoreIsDownIsUsedAtOnceAndWrittenWhenTheStoreAnswers() {
        String handle = Sessions.handleOf(here.create(record("lea")));
        SessionRecord v1 = here.find(handle).orElseThrow();
        store.down();

        here.update(handle, v1.refreshed("lea-access-2", "lea-refresh-2", 3600, time.instant()));

        assertThat(accessToken(here.find(handle))).isEqualTo("lea-access-2");
        time.advance(RECHECK.plus(BACKOFF));
        assertThat(accessToken(here.find(handle))).isEqualTo("lea-access-2");
        assertThatThrownBy(() -> elsewhere.find(handle)).as("an instance that never read it has nothing to stand in")
                .isInstanceOf(SessionStoreUnavailable.class);
        store.up();
        time.advance(BACKOFF);

        assertThat(accessToken(here.find(handle))).isEqualTo("lea-access-2");
        Sessions fresh = SessionsFakes.sessions(store, cipher, time, new SimpleMeterRegistry());
        assertThat(fresh.find(handle)).hasValueSatisfying(r -> {
            assertThat(r.accessToken()).isEqualTo("lea-access-2");
            assertThat(r.refreshToken()).isEqualTo("lea-refresh-2");
        });
    }

    @Test
    void aPendingRefreshNeverBringsBackASessionLoggedOutElsewhere() {
        String handle = Sessions.handleOf(here.create(record("max")));
        SessionRecord v1 = here.find(handle).orElseThrow();
        store.down();
        here.update(handle, v1.refreshed("max-access-2", "max-refresh-2", 3600, time.instant()));
        store.up();

        elsewhere.delete(handle);
        time.advance(BACKOFF);

        assertThat(here.find(handle)).isEmpty();
        assertThat(store.values).isEmpty();
    }

    @Test
    void aPendingRefreshDoesNotOverwriteANewerVersionAnotherInstanceWrote() {
        String handle = Sessions.handleOf(here.create(record("nia")));
        SessionRecord v1 = here.find(handle).orElseThrow();
        assertThat(elsewhere.find(handle)).isPresent();
        store.down();
        here.update(handle, v1.refreshed("nia-access-A", "nia-refresh-A", 3600, time.instant()));
        store.up();

        elsewhere.update(handle, v1.refreshed("nia-access-B", "nia-refresh-B", 3600, time.instant()));
        time.advance(BACKOFF);

        assertThat(accessToken(here.find(handle))).isEqualTo("nia-access-B");
        Sessions fresh = SessionsFakes.sessions(store, cipher, time, new SimpleMeterRegistry());
        assertThat(fresh.find(handle)).hasValueSatisfying(r -> assertThat(r.refreshToken()).isEqualTo("nia-refresh-B"));
    }

    // ------------------------------------------------------------------ a store that comes back empty

    @Test
    void aStoreThatComesBackEmptySignsUsersOutAfterTheRecheckAndNothingIsWrittenBack() {
        String first = Sessions.handleOf(here.create(record("ola")));
        String second = Sessions.handleOf(here.create(record("pia")));
        time.advance(RECHECK);
        store.down();
        assertThat(here.find(first)).isPresent(); // both ride out the outage from memory
        assertThat(here.find(second)).isPresent();

        store.lose();
        store.up();
        time.advance(BACKOFF);
        assertThat(here.find(first)).as("Redis lost it: signed out, not written back").isEmpty();
        assertThat(here.find(second)).isEmpty();
        assertThat(store.values).isEmpty();
    }

    @Test
    void aCopyConfirmedJustBeforeTheStoreWasEmptiedIsUsedAtMostUntilItsRecheck() {
        String handle = Sessions.handleOf(here.create(record("quinn")));
        store.lose();

        assertThat(here.find(handle)).isPresent();
        time.advance(RECHECK);
        assertThat(here.find(handle)).isEmpty();
        assertThat(store.values).isEmpty();
    }

    // ------------------------------------------------------------------ the log

    @Test
    void storeTroubleLogsOneWarningPerIntervalAndCountsEveryFailure() {
        Logger logger = (Logger) LoggerFactory.getLogger(SessionStoreOutage.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            String handle = Sessions.handleOf(here.create(record("rosa")));
            store.down();
            for (int i = 0; i < 20; i++) {
                time.advance(RECHECK.plus(BACKOFF));
                assertThat(here.find(handle)).isPresent();
            }
            assertThatThrownBy(() -> here.delete(handle)).isInstanceOf(SessionStoreUnavailable.class);
            store.up();
            time.advance(BACKOFF);
            assertThat(here.find(handle)).isPresent();

            assertThat(lines.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("Session store unavailable (read failed"));
            assertThat(lines.list).filteredOn(e -> e.getLevel() == Level.INFO).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).isEqualTo("Session store reachable again after 21 failed calls"));
            assertThat(storeFailures()).isEqualTo(21);
            assertThat(meters.get("gateway.sessions.store.failures").tag("operation", "delete").counter().count()).isEqualTo(1);
        } finally {
            logger.detachAppender(lines);
        }
    }
}
