package dev.playlistgateway.app.security;

import dev.playlistgateway.app.logging.RateLimitedLog;
import dev.playlistgateway.app.wiring.StoreChoice;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The sign-in settings, from {@code gateway.security.*} (docs/security.md lists them with defaults).
 *
 * @param cookieName      name of the session cookie, default {@code pgw_session}
 * @param cookieSecure    force the cookie's Secure flag on or off; null (default) sets it when the request
 *                        came over HTTPS (directly or per {@code X-Forwarded-Proto}/{@code Forwarded})
 * @param sessionTtl      how long a session lasts from sign-in (cookie Max-Age and store expiry), default 7 days
 * @param bearerCacheTtl  how long the user behind a Bearer token is remembered, default 5 minutes
 * @param bearerCacheMax  the most Bearer tokens remembered at once, default 10 000
 * @param store           where sessions live
 * @param redisKeyPrefix  prefix of the session keys in Redis, default {@code pgw:session:}
 * @param redisUri        a Redis of the sessions' own ({@code gateway.security.redis.uri}), apart from the cache's
 *                        {@code redis.uri(s)}; null (default) to share that one. When set, sessions go there
 *                        unless {@code session-store} is {@code memory}
 * @param redisTimeout    the longest one Redis command (or connecting) may take, default 2 s
 * @param redisBackoff    after the session store failed, how long sessions held in memory are served without
 *                        asking it again (then one request probes), default 1 s
 * @param redisFailureLogInterval at most one WARN about session store trouble per interval, default 30 s
 * @param sessionMemory   how recently read sessions are kept in memory ({@link SessionMemory})
 * @param loginSuccessUrl where the browser goes after signing in, default {@code /graphiql}
 * @param loginFailureUrl where the browser goes when signing in failed, default {@code /graphiql?login=failed}
 * @param logoutUrl       where a browser goes after signing out, default {@code /graphiql}
 */
record SecuritySettings(String cookieName, @Nullable Boolean cookieSecure, Duration sessionTtl,
                        Duration bearerCacheTtl, int bearerCacheMax, StoreChoice store, String redisKeyPrefix,
                        @Nullable String redisUri, Duration redisTimeout, Duration redisBackoff, Duration redisFailureLogInterval,
                        SessionMemory sessionMemory, String loginSuccessUrl, String loginFailureUrl, String logoutUrl) {

    /**
     * Sessions read recently, kept decrypted in this instance's memory ({@code gateway.security.session-memory.*}).
     *
     * @param recheck     while the store answers, a session read from it is used from memory this long before the
     *                    store is read again: the longest a logout on another instance goes unseen here. Default 5 s;
     *                    0 reads the store on every use
     * @param outageGrace while the store cannot be reached, a session it showed within this time keeps working from
     *                    memory. Default 5 minutes; 0 fails signed-in requests while the store is down. Not shorter
     *                    than {@code recheck}
     * @param maxSessions the most sessions kept in memory, default 10 000 (least used go first)
     */
    record SessionMemory(Duration recheck, Duration outageGrace, int maxSessions) {
        SessionMemory {
            requireNotNegative(recheck, "session-memory.recheck");
            requireNotNegative(outageGrace, "session-memory.outage-grace");
            if (outageGrace.compareTo(recheck) < 0) {
                throw new ConfigurationException("gateway.security.session-memory.outage-grace must not be shorter than "
                        + "gateway.security.session-memory.recheck");
            }
            if (maxSessions < 1) {
                throw new ConfigurationException("gateway.security.session-memory.max-sessions must be at least 1");
            }
        }
    }

    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,40}");

    SecuritySettings {
        if (cookieName == null || !COOKIE_NAME.matcher(cookieName).matches()) {
            throw new ConfigurationException("gateway.security.cookie-name must be 1 to 40 letters, digits, '_' or '-'");
        }
        requirePositive(sessionTtl, "session-ttl");
        requirePositive(bearerCacheTtl, "bearer-cache-ttl");
        requirePositive(redisTimeout, "redis.timeout");
        requirePositive(redisBackoff, "redis.backoff");
        requireNotNegative(redisFailureLogInterval, "redis.failure-log-interval");
        Objects.requireNonNull(sessionMemory, "sessionMemory");
        if (bearerCacheMax < 1) {
            throw new ConfigurationException("gateway.security.bearer-cache-max must be at least 1");
        }
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
        requireLocalPath(loginSuccessUrl, "login-success-url");
        requireLocalPath(loginFailureUrl, "login-failure-url");
        requireLocalPath(logoutUrl, "logout-url");
    }

    /** The settings from configuration, with the documented defaults. */
    static SecuritySettings from(Environment env) {
        String prefix = "gateway.security.";
        String ownRedis = env.getProperty(prefix + "redis.uri", String.class).map(String::trim).filter(uri -> !uri.isEmpty()).orElse(null);
        StoreChoice store = ownRedis == null ? StoreChoice.of(env, prefix + "session-store") : ownRedisChoice(env, prefix + "session-store");
        return new SecuritySettings(
                env.getProperty(prefix + "cookie-name", String.class).orElse("pgw_session"),
                env.getProperty(prefix + "cookie-secure", Boolean.class).orElse(null),
                env.getProperty(prefix + "session-ttl", Duration.class).orElse(Duration.ofDays(7)),
                env.getProperty(prefix + "bearer-cache-ttl", Duration.class).orElse(Duration.ofMinutes(5)),
                env.getProperty(prefix + "bearer-cache-max", Integer.class).orElse(10_000),
                store,
                env.getProperty(prefix + "redis.key-prefix", String.class).orElse("pgw:session:"),
                ownRedis,
                env.getProperty(prefix + "redis.timeout", Duration.class).orElse(Duration.ofSeconds(2)),
                env.getProperty(prefix + "redis.backoff", Duration.class).orElse(Duration.ofSeconds(1)),
                env.getProperty(prefix + "redis.failure-log-interval", Duration.class).orElse(RateLimitedLog.DEFAULT_INTERVAL),
                new SessionMemory(
                        env.getProperty(prefix + "session-memory.recheck", Duration.class).orElse(Duration.ofSeconds(5)),
                        env.getProperty(prefix + "session-memory.outage-grace", Duration.class).orElse(Duration.ofMinutes(5)),
                        env.getProperty(prefix + "session-memory.max-sessions", Integer.class).orElse(10_000)),
                env.getProperty(prefix + "login-success-url", String.class).orElse("/graphiql"),
                env.getProperty(prefix + "login-failure-url", String.class).orElse("/graphiql?login=failed"),
                env.getProperty(prefix + "logout-url", String.class).orElse("/graphiql"));
    }

    /** With a Redis of their own, sessions live there unless asked to stay in memory. */
    private static StoreChoice ownRedisChoice(Environment env, String settingKey) {
        String asked = env.getProperty(settingKey, String.class).map(a -> a.trim().toLowerCase(java.util.Locale.ROOT)).orElse("");
        return switch (asked) {
            case "", "redis" -> StoreChoice.REDIS;
            case "memory" -> StoreChoice.MEMORY;
            default -> throw new ConfigurationException(settingKey + " must be memory or redis, was '" + asked + "'");
        };
    }

    private static void requireNotNegative(Duration value, String key) {
        if (value == null || value.isNegative()) {
            throw new ConfigurationException("gateway.security." + key + " must be a duration of 0 or more");
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException("gateway.security." + key + " must be a positive duration");
        }
    }

    /** Redirect targets are paths on this gateway: an absolute URL here would make an open redirect easy to configure by mistake. */
    private static void requireLocalPath(String value, String key) {
        if (value == null || !value.startsWith("/") || value.startsWith("//")) {
            throw new ConfigurationException("gateway.security." + key + " must be a path on this gateway, starting with one '/'");
        }
    }
}
