package dev.playlistgateway.app.graphql;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** graphql.response-cache.max-size: sizes as the docs write them; anything else stops the start instead of being ignored. */
class ResponseCacheSizeSettingTest {

    @Test
    void readsTheSizesTheDocsWrite() {
        assertThat(ResponseCache.bytes("32MB")).isEqualTo(32L << 20);
        assertThat(ResponseCache.bytes("512kb")).isEqualTo(512L << 10);
        assertThat(ResponseCache.bytes(" 1 GB ")).isEqualTo(1L << 30);
        assertThat(ResponseCache.bytes("1000")).isEqualTo(1000);
        assertThat(ResponseCache.bytes("0")).isZero();
    }

    @Test
    void aSizeThatDoesNotReadStopsTheStartNamingTheSetting() {
        for (String bad : new String[] {"lots", "-5MB", "32 MiB", "", "1.5GB"}) {
            assertThatThrownBy(() -> ResponseCache.bytes(bad)).as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("graphql.response-cache.max-size");
        }
    }
}
