package dev.playlistgateway.app.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.server.HttpServerConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cors.origins} as the application's configuration reads it: checked when the context starts. */
class CorsOriginsIT {

    @Test
    void aWildcardStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("cors.origins", "*")).close())
                .rootCause()
                .hasMessageContaining("cors.origins (CORS_ORIGINS)")
                .hasMessageContaining("'*'");
    }

    @Test
    void anEntryWithAPathStopsTheStartNamingTheEntry() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("cors.origins", "http://localhost:5173,http://x/path/")).close())
                .rootCause()
                .hasMessageContaining("cors.origins (CORS_ORIGINS)")
                .hasMessageContaining("'http://x/path/'");
    }

    @Test
    void exactOriginsAndNoneAtAllStart() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("cors.origins", "http://localhost:5173,https://app.example.com"))) {
            assertThat(context.getBean(HttpServerConfiguration.class).getCors().getConfigurations()
                    .get(CorsOrigins.CONFIGURATION).getAllowedOrigins())
                    .containsExactly("http://localhost:5173", "https://app.example.com");
        }
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getBean(HttpServerConfiguration.class).getCors().getConfigurations()
                    .get(CorsOrigins.CONFIGURATION).getAllowedOrigins()).allMatch(String::isEmpty);
        }
    }
}
