package dev.playlistgateway.app.wiring;

import dev.playlistgateway.adapter.spotify.Spotify;
import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifySettings;
import dev.playlistgateway.adapter.spotify.SpotifyUserTokens;
import dev.playlistgateway.adapter.spotify.ThrottleGate;
import dev.playlistgateway.app.tracing.Tracing;
import dev.playlistgateway.app.viewer.ViewerResolver;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Spotify mode: with {@code SPOTIFY_CLIENT_ID} (and secret) set, the Spotify adapter serves the
 * PlaylistPort. Settings come from {@code spotify.*}; docs/configuration.md lists them with defaults.
 */
@Factory
@Requires(property = "spotify.client-id")
final class SpotifyModeFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SpotifyModeFactory.class);

    @Singleton
    SpotifySettings spotifySettings(Environment env) {
        String clientId = env.getProperty("spotify.client-id", String.class).orElse("");
        if (clientId.isBlank()) {
            // Present but empty (SPOTIFY_CLIENT_ID=) is not demo mode: Micronaut counts the key as set.
            throw Settings.invalid("spotify.client-id", "the Spotify app's client id, or unset for demo mode", clientId);
        }
        String clientSecret = env.getProperty("spotify.client-secret", String.class).filter(secret -> !secret.isBlank())
                .orElseThrow(() -> new ConfigurationException("SPOTIFY_CLIENT_SECRET must be set with SPOTIFY_CLIENT_ID"));
        SpotifySettings.Builder builder = SpotifySettings.builder(clientId, clientSecret);
        httpUrl(env, "spotify.api-url", "https://api.spotify.com").ifPresent(builder::apiUrl);
        httpUrl(env, "spotify.accounts-url", "https://accounts.spotify.com").ifPresent(builder::accountsUrl);
        Settings.positiveDuration(env, "spotify.connect-timeout").ifPresent(builder::connectTimeout);
        Settings.positiveDuration(env, "spotify.read-timeout").ifPresent(builder::readTimeout);
        Settings.wholeNumber(env, "spotify.read-retries", 0).ifPresent(builder::readRetries);
        Settings.positiveDuration(env, "spotify.backoff-base").ifPresent(builder::backoffBase);
        Settings.nonNegativeDuration(env, "spotify.max-wait").ifPresent(builder::maxWait);
        Settings.wholeNumber(env, "spotify.max-concurrent-calls", 1).ifPresent(builder::maxConcurrentCalls);
        Settings.wholeNumber(env, "spotify.dev-mode-concurrency", 1).ifPresent(builder::devModeConcurrency);
        Settings.oneOf(env, "spotify.api-mode", SpotifySettings.ApiMode.class).ifPresent(builder::apiMode);
        try {
            SpotifySettings settings = builder.build();
            LOG.info("Spotify mode: {}", settings);
            return settings;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid Spotify configuration: " + e.getMessage());
        }
    }

    /** An http(s) URL with a host; anything else stops the start naming the key. */
    private static Optional<URI> httpUrl(Environment env, String key, String example) {
        return Settings.raw(env, key).map(raw -> {
            try {
                URI uri = new URI(raw.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below, as any other value that is no http(s) URL
            }
            throw Settings.invalid(key, "an http(s) URL such as " + example, raw);
        });
    }

    /**
     * Spotify's limits as every instance on one Redis sees them, when the cache is in Redis; else this process's
     * own (docs/operations.md, "Running N instances").
     */
    @Singleton
    @Bean(preDestroy = "close")
    SpotifyLimits spotifyLimits(Environment env, SpotifySettings settings, BeanProvider<RedisClient> redisClient,
                                BeanProvider<AbstractRedisConfiguration> redisConfiguration,
                                BeanProvider<RedisClusterClient> clusterClient) {
        return SpotifyLimits.of(env, settings.clientId(), redisClient, redisConfiguration, clusterClient);
    }

    /** Spotify's Retry-After; every call to Spotify passes it (docs/operations.md, throttling). */
    @Singleton
    ThrottleGate spotifyThrottleGate(SpotifyLimits limits) {
        return limits.gate();
    }

    /**
     * The one client for Spotify: the music port and sign-in (code exchange, refresh, Bearer lookups) share its
     * transport, so its gate, call budget, bulkhead, {@code spotify.requests} metric and call spans cover every call.
     */
    @Singleton
    Spotify spotify(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate, SpotifyLimits limits, Tracing tracing) {
        return Spotify.connect(settings, meters, gate, limits.budget(), tracing.openTelemetry());
    }

    @Singleton
    SpotifyAccounts spotifyAccounts(Spotify spotify) {
        return spotify.accounts();
    }

    @Singleton
    PlaylistPort spotifyPlaylistPort(Spotify spotify, SpotifyUserTokens userTokens) {
        return spotify.playlistPort(userTokens);
    }

    /** Until sign-in provides user tokens, signed-in calls fail UNAUTHENTICATED; anonymous ones use the app token. */
    @Singleton
    @Secondary
    SpotifyUserTokens noUserTokens() {
        return SpotifyUserTokens.NONE;
    }

    /** Without sign-in every caller is anonymous: public data through the app token, {@code me} is null. */
    @Singleton
    @Secondary
    ViewerResolver anonymousViewers() {
        return request -> Viewer.ANONYMOUS;
    }
}
