package dev.playlistgateway.adapter.cache.redis;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisCacheSettingsTest {

    @Test
    void defaultsAreShortTimeoutsAndThePgwPrefix() {
        RedisCacheSettings settings = RedisCacheSettings.defaults();

        assertThat(settings.keyPrefix()).isEqualTo("pgw:");
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.failureLogInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAPrefixWithAHashTagBecauseItWouldPutEveryKeyOnOneClusterSlot() {
        assertThatThrownBy(() -> RedisCacheSettings.defaults().withKeyPrefix("{pgw}:"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisCacheSettings.defaults().withKeyPrefix("p g w"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RedisCacheSettings.defaults().withKeyPrefix("").keyPrefix()).isEmpty();
    }

    @Test
    void refusesNonPositiveDurations() {
        assertThatThrownBy(() -> RedisCacheSettings.defaults().withCommandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisCacheSettings.defaults().withBackoff(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisCacheSettings.defaults().withFailureLogInterval(null))
                .isInstanceOf(NullPointerException.class);
    }
}
