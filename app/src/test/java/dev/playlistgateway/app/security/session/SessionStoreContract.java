package dev.playlistgateway.app.security.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SessionStore} must do, written once; each store's test extends it with a factory method. */
abstract class SessionStoreContract {
    protected SessionStore store;

    /** A new, empty store. */
    protected abstract SessionStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aStoredValueIsFoundUnderItsKeyAndReplacedByTheNextPut() {
        store.put("k1", "v1", Duration.ofMinutes(1));
        assertThat(store.get("k1")).hasValue("v1");

        store.put("k1", "v2", Duration.ofMinutes(1));
        assertThat(store.get("k1")).hasValue("v2");
        assertThat(store.get("k2")).isEmpty();
    }

    @Test
    void aDeletedValueIsGoneAndDeletingAnAbsentKeyIsHarmless() {
        store.put("k1", "v1", Duration.ofMinutes(1));

        store.delete("k1");
        store.delete("never-there");

        assertThat(store.get("k1")).isEmpty();
    }

    @Test
    void replaceWritesOnlyOverTheExpectedValueAndNeverCreatesAKey() {
        store.put("k1", "v1", Duration.ofMinutes(1));

        assertThat(store.replace("k1", "v0", "stale", Duration.ofMinutes(1))).isFalse();
        assertThat(store.get("k1")).hasValue("v1");
        assertThat(store.replace("k1", "v1", "v2", Duration.ofMinutes(1))).isTrue();
        assertThat(store.get("k1")).hasValue("v2");
        assertThat(store.replace("k1", null, "v3", Duration.ofMinutes(1))).isTrue();
        assertThat(store.get("k1")).hasValue("v3");

        assertThat(store.replace("absent", null, "v", Duration.ofMinutes(1))).isFalse();
        assertThat(store.replace("absent", "v", "v", Duration.ofMinutes(1))).isFalse();
        assertThat(store.get("absent")).isEmpty();
        store.delete("k1");
        assertThat(store.replace("k1", "v3", "back", Duration.ofMinutes(1))).isFalse();
        assertThat(store.get("k1")).isEmpty();
    }

    @Test
    void aReplacedValueLivesForItsNewTimeToLive() throws InterruptedException {
        store.put("k1", "v1", Duration.ofMinutes(1));

        assertThat(store.replace("k1", "v1", "v2", Duration.ofMillis(150))).isTrue();
        Thread.sleep(400);

        assertThat(store.get("k1")).isEmpty();
    }

    @Test
    void aValueIsNotReturnedAfterItsTimeToLive() throws InterruptedException {
        store.put("short", "v", Duration.ofMillis(150));
        store.put("long", "v", Duration.ofMinutes(1));

        Thread.sleep(400);

        assertThat(store.get("short")).isEmpty();
        assertThat(store.get("long")).hasValue("v");
    }
}
