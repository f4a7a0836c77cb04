package dev.playlistgateway.app.wiring;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Settings}: an unset key is empty, a value that reads is the value, anything else names the key. */
class SettingsReaderTest {
    private static MapPropertyResolver env(String key, Object value) {
        return new MapPropertyResolver(Map.of(key, value));
    }

    @Test
    void anUnsetKeyIsEmptySoThatTheCallerKeepsItsDefault() {
        MapPropertyResolver none = new MapPropertyResolver(Map.of());

        assertThat(Settings.duration(none, "a.b")).isEmpty();
        assertThat(Settings.bytes(none, "a.b", 1)).isEmpty();
        assertThat(Settings.wholeNumber(none, "a.b", 1)).isEmpty();
        assertThat(Settings.flag(none, "a.b")).isEmpty();
        assertThat(Settings.oneOf(none, "a.b", "x", "y")).isEmpty();
    }

    @Test
    void sizesReadAsTheDocsWriteThem() {
        assertThat(Settings.bytes("k", "67108864")).isEqualTo(64L << 20);
        assertThat(Settings.bytes("k", "64MB")).isEqualTo(64L << 20);
        assertThat(Settings.bytes("k", "512kb")).isEqualTo(512L << 10);
        assertThat(Settings.bytes("k", " 1 GB ")).isEqualTo(1L << 30);
        assertThat(Settings.bytes("k", "100B")).isEqualTo(100);
        assertThat(Settings.bytes(env("k", 33554432), "k", 1)).hasValue(32L << 20);
        for (String bad : new String[] {"lots", "-5", "1.5GB", "32 MiB", "", "10TB", "9999999999999GB"}) {
            assertThatThrownBy(() -> Settings.bytes("cache.near.max-bytes", bad)).as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("cache.near.max-bytes (CACHE_NEAR_MAX_BYTES) must be a size in bytes");
        }
        assertThatThrownBy(() -> Settings.bytes(env("k", "0"), "k", 1)).hasMessageContaining("at least 1, was '0'");
    }

    @Test
    void durationsAreMicronautsAndARangeIsNamedWithTheKey() {
        assertThat(Settings.duration(env("k", "250ms"), "k")).hasValue(Duration.ofMillis(250));
        assertThat(Settings.duration(env("k", "PT2M"), "k")).hasValue(Duration.ofMinutes(2));
        assertThat(Settings.duration(env("k", "7d"), "k")).hasValue(Duration.ofDays(7));
        assertThat(Settings.nonNegativeDuration(env("k", "0s"), "k")).hasValue(Duration.ZERO);
        assertThatThrownBy(() -> Settings.positiveDuration(env("cache.ttl.users", "0s"), "cache.ttl.users"))
                .hasMessage("cache.ttl.users (CACHE_TTL_USERS) must be a positive duration such as 250ms, 2s, 5m or 24h, was '0s'");
        assertThatThrownBy(() -> Settings.nonNegativeDuration(env("k", "-1s"), "k")).hasMessageContaining("was '-1s'");
        assertThatThrownBy(() -> Settings.duration(env("k", "10 parsecs"), "k")).hasMessageContaining("must be a duration");
    }

    @Test
    void wholeNumbersFlagsAndChoices() {
        assertThat(Settings.wholeNumber(env("k", "16"), "k", 1)).hasValue(16);
        assertThatThrownBy(() -> Settings.wholeNumber(env("k", " 16"), "k", 1)).hasMessageContaining("was ' 16'");
        assertThat(Settings.wholeNumber(env("k", 0), "k", 0)).hasValue(0);
        assertThatThrownBy(() -> Settings.wholeNumber(env("k", "99999999999"), "k", 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Settings.wholeNumber(env("k", "70000"), "k", -1, 65_535))
                .hasMessageContaining("a whole number from -1 to 65535, was '70000'");
        assertThat(Settings.flag(env("k", "FALSE"), "k")).hasValue(false);
        assertThat(Settings.flag(env("k", true), "k")).hasValue(true);
        assertThat(Settings.flag(env("k", "on"), "k")).hasValue(true);
        assertThatThrownBy(() -> Settings.flag(env("k", "sometimes"), "k")).hasMessage("k (K) must be true or false, was 'sometimes'");
        assertThat(Settings.oneOf(env("k", " Memory "), "k", "none", "memory")).hasValue("memory");
        assertThat(Settings.oneOf(env("k", "EXTENDED"), "k", Choice.class)).hasValue(Choice.EXTENDED);
        assertThatThrownBy(() -> Settings.oneOf(env("k", "turbo"), "k", Choice.class))
                .hasMessage("k (K) must be auto, extended or development, was 'turbo'");
    }

    private enum Choice { AUTO, EXTENDED, DEVELOPMENT }
}
