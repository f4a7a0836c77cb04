package dev.playlistgateway.app.http;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code CORS_ORIGINS} accepts: exact origins as a browser sends them in {@code Origin}, nothing else. */
class CorsOriginsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:5173", "https://app.example.com", "http://127.0.0.1:8081",
            "http://[::1]:5173", "https://example.com:8443"})
    void anExactOriginIsAccepted(String origin) {
        assertThat(CorsOrigins.problem(origin)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*.example.com", "not a url", "http://x/path/", "https://app.example.com/",
            "app.example.com", "localhost:5173", "ftp://example.com", "https://user@example.com",
            "https://example.com?x=1", "https://example.com#top", "https://App.Example.com", "https://example.com:443",
            "http://example.com:80", "http://example.com:", "http://example.com:0", " https://example.com", "null",
            "file:///tmp/x", "https://"})
    void anythingElseIsRefused(String entry) {
        assertThat(CorsOrigins.problem(entry)).as(entry).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "http://x/path/"})
    void theStartFailsNamingTheSettingAndTheEntry(String entry) {
        assertThatThrownBy(() -> CorsOrigins.check(List.of("https://app.example.com", entry)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cors.origins (CORS_ORIGINS)")
                .hasMessageContaining("'" + entry + "'")
                .hasMessageNotContaining("app.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void noOriginAtAllIsTheDefault(String empty) {
        CorsOrigins.check(List.of(empty));
        CorsOrigins.check(List.of());
    }
}
