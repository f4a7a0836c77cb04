package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.spotify.SpotifySettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every typed setting of docs/configuration.md: a value that does not read stops the start with a
 * {@link ConfigurationException} naming the key and its environment variable (never the default in its place), and
 * each documented format still reads. Contexts are started as the gateway starts, in the mode that reads the setting:
 * demo mode, the cache on a Redis (at a port where none listens: start-up never waits for Redis), or Spotify mode.
 */
class BadSettingsStopTheStartTest {
    private static final Map<String, Object> DEMO = Map.of();
    private static final Map<String, Object> REDIS = Map.of("redis.uri", "redis://127.0.0.1:1", "gateway.security.session-store", "memory");
    private static final Map<String, Object> SPOTIFY = Map.of("spotify.client-id", "test-client", "spotify.client-secret", "test-secret");

    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments("cache.memory.max-bytes", "lots", DEMO),
                arguments("cache.memory.max-bytes", "-5", DEMO),
                arguments("cache.memory.max-bytes", "1.5GB", DEMO),
                arguments("cache.memory.max-bytes", "0", DEMO),
                arguments("cache.memory.max-bytes", "", DEMO),
                arguments("cache.memory.max-bytes", "99999999999GB", DEMO),
                arguments("cache.adapter", "postgres", DEMO),
                arguments("cache.ttl.tracks", "10 parsecs", DEMO),
                arguments("cache.ttl.artists", "lots", DEMO),
                arguments("cache.ttl.albums", "", DEMO),
                arguments("cache.ttl.playlists", "-5", DEMO),
                arguments("cache.ttl.items", "0s", DEMO),
                arguments("cache.ttl.users", "-1m", DEMO),
                arguments("cache.stale-grace", "lots", DEMO),
                arguments("cache.stale-grace", "-1s", DEMO),
                arguments("cache.redis.command-timeout", "lots", REDIS),
                arguments("cache.redis.max-wait", "10 parsecs", REDIS),
                arguments("cache.redis.timeouts-to-open", "three", REDIS),
                arguments("cache.redis.timeouts-to-open", "0", REDIS),
                arguments("cache.redis.timeouts-to-open", " 5", REDIS),
                arguments("cache.redis.backoff", "-5", REDIS),
                arguments("cache.redis.max-pending-writes", "lots", REDIS),
                arguments("cache.redis.connect-timeout", "", REDIS),
                arguments("cache.redis.failure-log-interval", "0s", REDIS),
                arguments("cache.redis.lease", "lots", REDIS),
                arguments("cache.redis.fallback", "disk", REDIS),
                arguments("cache.near.enabled", "sometimes", REDIS),
                arguments("cache.near.ttl", "lots", REDIS),
                arguments("cache.near.max-bytes", "lots", REDIS),
                arguments("cache.near.max-bytes", "-5", REDIS),
                arguments("gateway.upstream.threads", "lots", DEMO),
                arguments("gateway.upstream.threads", "0", DEMO),
                arguments("gateway.upstream.failure-log-interval", "lots", DEMO),
                arguments("gateway.upstream.failure-log-interval", "-1s", DEMO),
                arguments("gateway.metrics.operation-names", "lots", DEMO),
                arguments("gateway.metrics.operation-names", "-5", DEMO),
                arguments("demo.latency", "lots", DEMO),
                arguments("demo.latency", "-5ms", DEMO),
                arguments("spotify.client-id", "", DEMO),
                arguments("spotify.api-url", "api.spotify.com", SPOTIFY),
                arguments("spotify.accounts-url", "http://bad host", SPOTIFY),
                arguments("spotify.connect-timeout", "lots", SPOTIFY),
                arguments("spotify.read-timeout", "0s", SPOTIFY),
                arguments("spotify.read-retries", "lots", SPOTIFY),
                arguments("spotify.read-retries", "-5", SPOTIFY),
                arguments("spotify.backoff-base", "10 parsecs", SPOTIFY),
                arguments("spotify.max-wait", "-5s", SPOTIFY),
                arguments("spotify.max-concurrent-calls", "lots", SPOTIFY),
                arguments("spotify.dev-mode-concurrency", "0", SPOTIFY),
                arguments("spotify.api-mode", "turbo", SPOTIFY),
                arguments("spotify.call-budget", "lots", SPOTIFY),
                arguments("spotify.call-budget-window", "lots", SPOTIFY),
                arguments("spotify.call-budget-window", "0s", SPOTIFY),
                arguments("graphql.enabled", "sometimes", DEMO),
                arguments("graphql.graphiql.enabled", "lots", DEMO),
                arguments("graphql.persisted-queries.enabled", "lots", DEMO),
                arguments("graphql.persisted-queries.only", "", DEMO),
                arguments("graphql.persisted-queries.ttl", "lots", DEMO),
                arguments("graphql.persisted-queries.ttl", "0s", DEMO),
                arguments("graphql.http-cache.enabled", "lots", DEMO),
                arguments("graphql.http-cache.max-age", "10 parsecs", DEMO),
                arguments("graphql.http-cache.max-age", "-1s", DEMO),
                arguments("graphql.response-cache.enabled", "lots", DEMO),
                arguments("graphql.response-cache.enabled", "true ", DEMO),
                arguments("graphql.response-cache.max-size", "lots", DEMO),
                arguments("graphql.response-cache.max-size", "32 MiB", DEMO),
                arguments("micronaut.server.port", "lots", DEMO),
                arguments("micronaut.server.port", "70000", DEMO),
                arguments("micronaut.server.max-request-size", "lots", DEMO),
                arguments("micronaut.server.max-request-size", "-5MB", DEMO),
                arguments("micronaut.server.max-request-size", "1 MB", DEMO),
                arguments("micronaut.server.netty.max-initial-line-length", "lots", DEMO),
                arguments("micronaut.server.netty.max-header-size", "8 kilobytes", DEMO),
                arguments("micronaut.server.cors.configurations.frontends.max-age", "lots", DEMO),
                arguments("micronaut.otel.enabled", "lots", DEMO),
                arguments("micronaut.metrics.enabled", "lots", DEMO),
                arguments("micronaut.metrics.export.prometheus.step", "lots", DEMO),
                arguments("endpoints.health.details-visible", "everyone", DEMO),
                arguments("endpoints.health.details-visible", " never", DEMO),
                arguments("gateway.metrics.operation-names", " 50", DEMO),
                arguments("endpoints.prometheus.enabled", "lots", DEMO),
                arguments("gateway.security.session-store", "disk", SPOTIFY),
                arguments("gateway.security.cookie-secure", "sometimes", SPOTIFY),
                arguments("gateway.security.session-ttl", "lots", SPOTIFY),
                arguments("gateway.security.session-ttl", "-5", SPOTIFY),
                arguments("gateway.security.bearer-cache-ttl", "10 parsecs", SPOTIFY),
                arguments("gateway.security.bearer-cache-max", "lots", SPOTIFY),
                arguments("gateway.security.redis.timeout", "lots", SPOTIFY),
                arguments("gateway.security.redis.backoff", "", SPOTIFY),
                arguments("gateway.security.redis.failure-log-interval", "lots", SPOTIFY),
                arguments("gateway.security.session-memory.recheck", "lots", SPOTIFY),
                arguments("gateway.security.session-memory.outage-grace", "lots", SPOTIFY),
                arguments("gateway.security.session-memory.max-sessions", "lots", SPOTIFY),
                arguments("gateway.security.bearer.revalidate-after", "lots", SPOTIFY),
                arguments("gateway.security.bearer.rejected-ttl", "lots", SPOTIFY),
                arguments("gateway.security.bearer.lookups-per-client.burst", "lots", SPOTIFY),
                arguments("gateway.security.bearer.lookups-per-client.per-minute", "1.5", SPOTIFY));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aValueThatDoesNotReadStopsTheStartNamingTheSetting(String key, String bad, Map<String, Object> mode) {
        assertThatThrownBy(() -> start(mode, key, bad).close())
                .rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key + " (" + Settings.envName(key) + ") must be ")
                .hasMessageContaining("was '" + bad + "'");
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                arguments("cache.memory.max-bytes", "67108864", DEMO),
                arguments("cache.memory.max-bytes", "64MB", DEMO),
                arguments("cache.memory.max-bytes", " 512kb ", DEMO),
                arguments("cache.memory.max-bytes", "1GB", DEMO),
                arguments("cache.memory.max-bytes", "1048576B", DEMO),
                arguments("cache.ttl.playlists", "250ms", DEMO),
                arguments("cache.ttl.playlists", "2s", DEMO),
                arguments("cache.ttl.playlists", "5m", DEMO),
                arguments("cache.ttl.playlists", "24h", DEMO),
                arguments("cache.ttl.playlists", "7d", DEMO),
                arguments("cache.ttl.playlists", "PT2M", DEMO),
                arguments("cache.stale-grace", "0s", DEMO),
                arguments("cache.adapter", " Memory ", DEMO),
                arguments("cache.adapter", "", DEMO),
                arguments("cache.redis.timeouts-to-open", "5", REDIS),
                arguments("cache.redis.fallback", "MEMORY", REDIS),
                arguments("cache.near.enabled", "false", REDIS),
                arguments("cache.near.enabled", "TRUE", REDIS),
                arguments("cache.near.max-bytes", "16MB", REDIS),
                arguments("gateway.upstream.threads", "4", DEMO),
                arguments("gateway.upstream.failure-log-interval", "0s", DEMO),
                arguments("demo.latency", "20ms", DEMO),
                arguments("graphql.response-cache.enabled", "yes", DEMO),
                arguments("graphql.response-cache.enabled", "off", DEMO),
                arguments("graphql.response-cache.max-size", "0", DEMO),
                arguments("graphql.http-cache.max-age", "0s", DEMO),
                arguments("micronaut.server.max-request-size", "10MB", DEMO),
                arguments("micronaut.server.max-request-size", "512kb", DEMO),
                arguments("endpoints.health.details-visible", "never", DEMO),
                arguments("cors.origins", "http://localhost:5173,https://app.example.com", DEMO),
                arguments("endpoints.health.details-visible", "AUTHENTICATED", DEMO),
                arguments("spotify.api-mode", " Development ", SPOTIFY),
                arguments("spotify.call-budget", "", SPOTIFY),
                arguments("gateway.security.cookie-secure", "false", SPOTIFY),
                arguments("gateway.security.session-memory.recheck", "0s", SPOTIFY));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("goodValues")
    void eachDocumentedFormatReads(String key, String good, Map<String, Object> mode) {
        start(mode, key, good).close();
    }

    @Test
    void theValuesThatReadTakeEffect() {
        Map<String, Object> settings = new HashMap<>(SPOTIFY);
        settings.put("spotify.connect-timeout", "PT3S");
        settings.put("spotify.read-timeout", "1500ms");
        settings.put("spotify.read-retries", "0");
        settings.put("spotify.max-wait", "0s");
        settings.put("spotify.max-concurrent-calls", "3");
        settings.put("spotify.api-mode", "Extended");
        try (ApplicationContext context = ApplicationContext.run(settings)) {
            SpotifySettings spotify = context.getBean(SpotifySettings.class);

            assertThat(spotify.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(spotify.readTimeout()).isEqualTo(Duration.ofMillis(1500));
            assertThat(spotify.readRetries()).isZero();
            assertThat(spotify.maxWait()).isZero();
            assertThat(spotify.maxConcurrentCalls()).isEqualTo(3);
            assertThat(spotify.apiMode()).isEqualTo(SpotifySettings.ApiMode.EXTENDED);
        }
    }

    @Test
    void anEmptySecretIsAMissingOne() {
        assertThatThrownBy(() -> start(SPOTIFY, "spotify.client-secret", " ").close())
                .rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessage("SPOTIFY_CLIENT_SECRET must be set with SPOTIFY_CLIENT_ID");
    }

    @Test
    void anEnvironmentVariableThatDoesNotReadIsNamedToo() {
        PropertySource env = PropertySource.of("env", Map.of("CACHE_MEMORY_MAX_BYTES", "lots"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);

        assertThatThrownBy(() -> ApplicationContext.builder().propertySources(env).start().close())
                .rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessage("cache.memory.max-bytes (CACHE_MEMORY_MAX_BYTES) must be a size in bytes such as 64MB, 512KB,"
                        + " 1GB or 1048576, was 'lots'");
    }

    private static ApplicationContext start(Map<String, Object> mode, String key, String value) {
        Map<String, Object> properties = new HashMap<>(mode);
        properties.put(key, value);
        return ApplicationContext.run(properties);
    }
}
