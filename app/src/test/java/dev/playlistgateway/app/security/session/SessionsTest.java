package dev.playlistgateway.app.security.session;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions seal what they store: the store sees neither a token nor the session id. */
class SessionsTest {

    private static SessionRecord record(Instant now) {
        return SessionRecord.signedIn("ann", "Ann", "access-secret-1", "refresh-secret-1", 3600, now, Duration.ofDays(7));
    }

    @Test
    void theStoreHoldsNoTokenAndNoSessionIdOnlySealedRecordsUnderTheIdsHash() {
        SessionsFakes.SwitchableStore store = new SessionsFakes.SwitchableStore();
        Sessions sessions = SessionsFakes.storeOnly(store, SessionsFakes.cipher(1), Clock.systemUTC());

        String id = sessions.create(record(Instant.now()));

        assertThat(id).matches("[A-Za-z0-9_\\-]{43}");
        assertThat(store.values).containsOnlyKeys(Sessions.handleOf(id));
        String stored = store.values.get(Sessions.handleOf(id));
        assertThat(stored).doesNotContain("access-secret-1").doesNotContain("refresh-secret-1").doesNotContain(id).doesNotContain("ann");
        assertThat(sessions.find(Sessions.handleOf(id))).hasValueSatisfying(r -> {
            assertThat(r.userId()).isEqualTo("ann");
            assertThat(r.accessToken()).isEqualTo("access-secret-1");
            assertThat(r.toString()).doesNotContain("secret");
        });
    }

    @Test
    void aRecordSealedWithAnotherKeyCountsAsNoSessionAndIsDropped() {
        SessionsFakes.SwitchableStore store = new SessionsFakes.SwitchableStore();
        String id = SessionsFakes.storeOnly(store, SessionsFakes.cipher(1), Clock.systemUTC()).create(record(Instant.now()));

        Sessions afterKeyChange = SessionsFakes.storeOnly(store, SessionsFakes.cipher(2), Clock.systemUTC());

        assertThat(afterKeyChange.find(Sessions.handleOf(id))).isEmpty();
        assertThat(store.values).isEmpty();
    }

    @Test
    void anEndedSessionIsNotFound() {
        SessionsFakes.SwitchableStore store = new SessionsFakes.SwitchableStore();
        Sessions sessions = SessionsFakes.storeOnly(store, SessionsFakes.cipher(1), Clock.systemUTC());
        Instant longAgo = Instant.now().minus(Duration.ofDays(8));
        String handle = "h";
        // Written directly: a record whose session ended a day ago (a store without expiry would still hold it).
        SessionRecord ended = record(longAgo);
        store.put(handle, "", Duration.ofDays(1));
        sessions.update(handle, ended);

        assertThat(sessions.find(handle)).isEmpty();
    }

    @Test
    void anAccessTokenIsRenewedAMinuteBeforeItExpiresOrHalfwayThroughAShortLife() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        SessionRecord hour = SessionRecord.signedIn("u", null, "a", "r", 3600, now, Duration.ofDays(1));
        SessionRecord second = SessionRecord.signedIn("u", null, "a", "r", 1, now, Duration.ofDays(1));
        SessionRecord rotated = hour.refreshed("a2", "r2", 3600, now);
        SessionRecord kept = hour.refreshed("a2", null, 3600, now);

        assertThat(hour.needsRenewal(now.plusSeconds(3538))).isFalse();
        assertThat(hour.needsRenewal(now.plusSeconds(3540))).isTrue();
        assertThat(second.needsRenewal(now.plusMillis(499))).isFalse();
        assertThat(second.needsRenewal(now.plusMillis(500))).isTrue();
        assertThat(rotated.refreshToken()).isEqualTo("r2");
        assertThat(kept.refreshToken()).isEqualTo("r");
        assertThat(rotated.expiresAtMillis()).isEqualTo(hour.expiresAtMillis());
    }
}
