package dev.playlistgateway.app.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SecuritySettings} as Micronaut binds it: every default is the one docs/security.md lists (application.yml is
 * where they live), every key binds from its environment variable, and a bad value fails naming its key. The contexts
 * are started here, not by {@code @MicronautTest}, for the reason DemoModeSignInIT gives.
 */
class SecuritySettingsIT {
    private static final Map<String, Object> SPOTIFY_MODE = Map.of("spotify.client-id", "test-client", "spotify.client-secret", "test-secret");

    private static SecuritySettings settings(PropertySource... sources) {
        ApplicationContext context = ApplicationContext.builder().properties(SPOTIFY_MODE).propertySources(sources).build();
        try (ApplicationContext started = context.start()) {
            return started.getBean(SecuritySettings.class);
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SecuritySettings settings = settings();

        assertThat(settings.cookieName()).isEqualTo("pgw_session");
        assertThat(settings.cookieSecure()).isNull();
        assertThat(settings.sessionTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.sessionStore()).isNull();
        assertThat(settings.bearerCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.bearerCacheMax()).isEqualTo(10_000);
        assertThat(settings.loginSuccessUrl()).isEqualTo("/graphiql");
        assertThat(settings.loginFailureUrl()).isEqualTo("/graphiql?login=failed");
        assertThat(settings.logoutUrl()).isEqualTo("/graphiql");
        assertThat(settings.redis()).isEqualTo(new SecuritySettings.Redis("pgw:session:", null, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(settings.sessionMemory()).isEqualTo(new SecuritySettings.SessionMemory(Duration.ofSeconds(5),
                Duration.ofMinutes(5), 10_000));
        assertThat(settings.bearer()).isEqualTo(new SecuritySettings.Bearer(Duration.ofMinutes(1), Duration.ofSeconds(30), null,
                new SecuritySettings.Bearer.LookupsPerClient(10, 30)));
    }

    @Test
    void everyKeyBindsFromItsEnvironmentVariable() {
        Map<String, Object> env = new HashMap<>();
        env.put("GATEWAY_SECURITY_COOKIE_NAME", "gw");
        env.put("GATEWAY_SECURITY_COOKIE_SECURE", "true");
        env.put("GATEWAY_SECURITY_SESSION_TTL", "1d");
        env.put("GATEWAY_SECURITY_SESSION_STORE", "memory");
        env.put("GATEWAY_SECURITY_BEARER_CACHE_TTL", "4m");
        env.put("GATEWAY_SECURITY_BEARER_CACHE_MAX", "50");
        env.put("GATEWAY_SECURITY_LOGIN_SUCCESS_URL", "/in");
        env.put("GATEWAY_SECURITY_LOGIN_FAILURE_URL", "/failed");
        env.put("GATEWAY_SECURITY_LOGOUT_URL", "/out");
        env.put("GATEWAY_SECURITY_REDIS_KEY_PREFIX", "s:");
        env.put("GATEWAY_SECURITY_REDIS_URI", "redis://sessions:6380");
        env.put("GATEWAY_SECURITY_TOKEN_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32])); // sessions in Redis need one
        env.put("GATEWAY_SECURITY_REDIS_TIMEOUT", "3s");
        env.put("GATEWAY_SECURITY_REDIS_BACKOFF", "2s");
        env.put("GATEWAY_SECURITY_REDIS_FAILURE_LOG_INTERVAL", "1m");
        env.put("GATEWAY_SECURITY_SESSION_MEMORY_RECHECK", "0s");
        env.put("GATEWAY_SECURITY_SESSION_MEMORY_OUTAGE_GRACE", "10m");
        env.put("GATEWAY_SECURITY_SESSION_MEMORY_MAX_SESSIONS", "20");
        env.put("GATEWAY_SECURITY_BEARER_REVALIDATE_AFTER", "2m");
        env.put("GATEWAY_SECURITY_BEARER_REJECTED_TTL", "1m");
        env.put("GATEWAY_SECURITY_BEARER_CLIENT_ADDRESS_HEADER", "X-Forwarded-For");
        env.put("GATEWAY_SECURITY_BEARER_LOOKUPS_PER_CLIENT_BURST", "3");
        env.put("GATEWAY_SECURITY_BEARER_LOOKUPS_PER_CLIENT_PER_MINUTE", "7");

        SecuritySettings settings = settings(PropertySource.of("env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE));

        assertThat(settings).isEqualTo(new SecuritySettings("gw", true, Duration.ofDays(1), "memory", Duration.ofMinutes(4), 50,
                "/in", "/failed", "/out",
                new SecuritySettings.Redis("s:", "redis://sessions:6380", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMinutes(1)),
                new SecuritySettings.SessionMemory(Duration.ZERO, Duration.ofMinutes(10), 20),
                new SecuritySettings.Bearer(Duration.ofMinutes(2), Duration.ofMinutes(1), "X-Forwarded-For",
                        new SecuritySettings.Bearer.LookupsPerClient(3, 7))));
    }

    @Test
    void aBadValueFailsStartupNamingItsKey() {
        PropertySource shortGrace = PropertySource.of("test", Map.of("gateway.security.session-memory.outage-grace", "1s"));
        PropertySource openRedirect = PropertySource.of("test", Map.of("gateway.security.login-success-url", "https://elsewhere.example"));

        assertThatThrownBy(() -> settings(shortGrace)).isInstanceOf(BeanInstantiationException.class)
                .hasMessageContaining("gateway.security.session-memory.outage-grace must not be shorter than gateway.security.session-memory.recheck");
        assertThatThrownBy(() -> settings(openRedirect)).isInstanceOf(BeanInstantiationException.class)
                .hasMessageContaining("gateway.security.login-success-url must be a path on this gateway");
    }
}
