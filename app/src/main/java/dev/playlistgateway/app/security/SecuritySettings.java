package dev.playlistgateway.app.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The sign-in settings: every {@code gateway.security.*} key, bound by Micronaut, one record per level of the key
 * ({@code gateway.security.bearer.lookups-per-client.per-minute} is {@code bearer().lookupsPerClient().perMinute()}).
 * The defaults are in {@code application.yml}, and only there; docs/security.md lists them with their reasons. Each
 * record checks its values when it is made and fails startup with a {@link ConfigurationException} naming the key.
 *
 * <p>Not here: {@code gateway.security.token-key}, a secret that no settings object should print
 * ({@code session.SessionFactory} reads it), and which store sessions live in, which also depends on whether
 * {@code redis.uri(s)} is set (also {@code session.SessionFactory}).
 *
 * @param cookieName      name of the session cookie ({@code pgw_session}): 1 to 40 letters, digits, {@code _} or {@code -}
 * @param cookieSecure    force the cookie's Secure flag on or off; null (unset) sets it when the request came over HTTPS
 *                        (directly or per {@code X-Forwarded-Proto}/{@code Forwarded})
 * @param sessionTtl      how long a session lasts from sign-in: cookie Max-Age and store expiry (7 days)
 * @param sessionStore    {@code memory} or {@code redis}; null (unset): Redis when one is configured
 * @param bearerCacheTtl  the longest a Bearer token's user is remembered after Spotify last confirmed it (5 minutes)
 * @param bearerCacheMax  the most Bearer tokens remembered at once (10 000)
 * @param loginSuccessUrl where the browser goes after signing in ({@code /graphiql}): a path on this gateway
 * @param loginFailureUrl where the browser goes when signing in failed ({@code /graphiql?login=failed})
 * @param logoutUrl       where a browser goes after a form logout ({@code /graphiql})
 * @param redis           the Redis session store ({@code gateway.security.redis.*})
 * @param sessionMemory   sessions kept in this instance's memory ({@code gateway.security.session-memory.*})
 * @param bearer          Bearer mode's limits ({@code gateway.security.bearer.*})
 */
@ConfigurationProperties("gateway.security")
public record SecuritySettings(String cookieName, @Nullable Boolean cookieSecure, Duration sessionTtl,
                               @Nullable String sessionStore, Duration bearerCacheTtl, int bearerCacheMax,
                               String loginSuccessUrl, String loginFailureUrl, String logoutUrl,
                               Redis redis, SessionMemory sessionMemory, Bearer bearer) {
    private static final String PREFIX = "gateway.security.";
    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,40}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9\\-]{1,64}");

    public SecuritySettings {
        if (cookieName == null || !COOKIE_NAME.matcher(cookieName).matches()) {
            throw new ConfigurationException(PREFIX + "cookie-name must be 1 to 40 letters, digits, '_' or '-'");
        }
        requirePositive(sessionTtl, "session-ttl");
        requirePositive(bearerCacheTtl, "bearer-cache-ttl");
        if (bearerCacheMax < 1) {
            throw new ConfigurationException(PREFIX + "bearer-cache-max must be at least 1");
        }
        sessionStore = blankToNull(sessionStore);
        requireLocalPath(loginSuccessUrl, "login-success-url");
        requireLocalPath(loginFailureUrl, "login-failure-url");
        requireLocalPath(logoutUrl, "logout-url");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(sessionMemory, "sessionMemory");
        Objects.requireNonNull(bearer, "bearer");
    }

    /**
     * The Redis session store ({@code gateway.security.redis.*}).
     *
     * @param keyPrefix          prefix of the session keys ({@code pgw:session:})
     * @param uri                a Redis of the sessions' own, apart from the cache's {@code redis.uri(s)}; null (unset) to
     *                           share that one. When set, sessions go there unless {@code session-store} is {@code memory}
     * @param timeout            the longest one Redis command (or connecting) may take (2 s)
     * @param backoff            after the store failed, how long sessions held in memory are served without asking it again
     *                           (then one request probes) (1 s)
     * @param failureLogInterval at most one WARN about session store trouble per interval (30 s)
     */
    @ConfigurationProperties("redis")
    public record Redis(String keyPrefix, @Nullable String uri, Duration timeout, Duration backoff, Duration failureLogInterval) {
        public Redis {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            uri = blankToNull(uri == null ? null : uri.trim());
            requirePositive(timeout, "redis.timeout");
            requirePositive(backoff, "redis.backoff");
            requireNotNegative(failureLogInterval, "redis.failure-log-interval");
        }

        @Override
        public String toString() {
            // The URI may carry a password.
            return "Redis[keyPrefix=" + keyPrefix + ", uri=" + (uri == null ? "unset" : "****") + ", timeout=" + timeout
                    + ", backoff=" + backoff + ", failureLogInterval=" + failureLogInterval + "]";
        }
    }

    /**
     * Sessions read recently, kept decrypted in this instance's memory ({@code gateway.security.session-memory.*}).
     *
     * @param recheck     while the store answers, a session read from it is used from memory this long before the
     *                    store is read again: the longest a logout on another instance goes unseen here (5 s); 0 reads
     *                    the store on every use
     * @param outageGrace while the store cannot be reached, a session it showed within this time keeps working from
     *                    memory (5 minutes); 0 fails signed-in requests while the store is down. Not shorter than
     *                    {@code recheck}
     * @param maxSessions the most sessions kept in memory (10 000; least used go first)
     */
    @ConfigurationProperties("session-memory")
    public record SessionMemory(Duration recheck, Duration outageGrace, int maxSessions) {
        public SessionMemory {
            requireNotNegative(recheck, "session-memory.recheck");
            requireNotNegative(outageGrace, "session-memory.outage-grace");
            if (outageGrace.compareTo(recheck) < 0) {
                throw new ConfigurationException(PREFIX + "session-memory.outage-grace must not be shorter than "
                        + PREFIX + "session-memory.recheck");
            }
            if (maxSessions < 1) {
                throw new ConfigurationException(PREFIX + "session-memory.max-sessions must be at least 1");
            }
        }
    }

    /**
     * Bearer mode's limits ({@code gateway.security.bearer.*}; docs/security.md says why each default). How long a
     * token's user is remembered at most, and how many tokens, are {@code bearer-cache-ttl} and {@code bearer-cache-max}
     * one level up.
     *
     * @param revalidateAfter     how long the user behind a token is trusted before Spotify is asked again (1 minute):
     *                            a token Spotify stopped accepting is refused within this time even if all it reads is cached
     * @param rejectedTtl         how long Spotify's "invalid" answer for a token is remembered (30 s)
     * @param clientAddressHeader the request header that carries the client's address, set by a proxy in front of the
     *                            gateway (e.g. {@code X-Forwarded-For}, whose last entry is used); null (unset): the
     *                            connection's remote address, so that no client can choose its own identity
     * @param lookupsPerClient    what lookups of unknown tokens one client may cost
     */
    @ConfigurationProperties("bearer")
    public record Bearer(Duration revalidateAfter, Duration rejectedTtl, @Nullable String clientAddressHeader,
                         LookupsPerClient lookupsPerClient) {
        public Bearer {
            requirePositive(revalidateAfter, "bearer.revalidate-after");
            requirePositive(rejectedTtl, "bearer.rejected-ttl");
            clientAddressHeader = blankToNull(clientAddressHeader);
            if (clientAddressHeader != null && !HEADER_NAME.matcher(clientAddressHeader).matches()) {
                throw new ConfigurationException(PREFIX + "bearer.client-address-header must be a header name, was '"
                        + clientAddressHeader + "'");
            }
            Objects.requireNonNull(lookupsPerClient, "lookupsPerClient");
        }

        /**
         * A token bucket per client for lookups of tokens the gateway does not know
         * ({@code gateway.security.bearer.lookups-per-client.*}).
         *
         * @param burst     lookups one client may make at once (10)
         * @param perMinute lookups one client gets back per minute (30, one every 2 s)
         */
        @ConfigurationProperties("lookups-per-client")
        public record LookupsPerClient(int burst, int perMinute) {
            public LookupsPerClient {
                if (burst < 1 || perMinute < 1) {
                    throw new ConfigurationException(PREFIX + "bearer.lookups-per-client.burst and .per-minute must be at least 1");
                }
            }
        }
    }

    /** An unset key can arrive as an empty value (an empty environment variable): it means unset. */
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void requireNotNegative(Duration value, String key) {
        if (value == null || value.isNegative()) {
            throw new ConfigurationException(PREFIX + key + " must be a duration of 0 or more");
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException(PREFIX + key + " must be a positive duration");
        }
    }

    /** Redirect targets are paths on this gateway: an absolute URL here would make an open redirect easy to configure by mistake. */
    private static void requireLocalPath(String value, String key) {
        if (value == null || !value.startsWith("/") || value.startsWith("//")) {
            throw new ConfigurationException(PREFIX + key + " must be a path on this gateway, starting with one '/'");
        }
    }
}
