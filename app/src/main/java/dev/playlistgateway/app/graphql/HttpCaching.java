package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.service.QueryCost;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP caching of GraphQL answers. An answer to a GET (or a HEAD: the same headers) that ran without
 * errors and read only what is
 * the same for every caller ({@link QueryCost#sharedFreshUntil()}: catalogue data, public playlists
 * and their items, nothing that depends on the viewer, nothing stale) gets {@code Cache-Control:
 * public, max-age=N}, N the whole seconds until the first of its entries stops being fresh (at most
 * {@code graphql.http-cache.max-age}), and a strong {@code ETag} over its body; a request whose
 * {@code If-None-Match} holds that tag gets 304 with no body. Everything else (POSTs, mutations,
 * anything user-scoped, errors, a freshness under a second) is {@code private, no-store}. Every answer
 * varies by {@code Accept} (the media type) and {@code Origin} (CORS headers). Thread safe.
 */
@Singleton
final class HttpCaching {
    static final String NO_STORE = "private, no-store";

    private final Clock clock;
    private final Duration maxAge;
    private final boolean enabled;

    HttpCaching(Clock clock,
                @Property(name = "graphql.http-cache.enabled", defaultValue = "true") boolean enabled,
                @Property(name = "graphql.http-cache.max-age", defaultValue = "1h") Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("graphql.http-cache.max-age must not be negative, was " + maxAge);
        }
        this.clock = clock;
        this.enabled = enabled;
        this.maxAge = maxAge;
    }

    /**
     * How long a shared cache may keep this answer, in whole seconds; empty when it must not keep it.
     *
     * @param viaGet  whether the request was a GET or a HEAD ({@link GatewayRequest#viaGet})
     * @param clean   whether the answer is a 200 without errors
     * @param cost    what the request read
     */
    Optional<Long> sharedMaxAge(boolean viaGet, boolean clean, QueryCost cost) {
        if (!enabled || !viaGet || !clean) {
            return Optional.empty();
        }
        return cost.sharedFreshUntil().map(until -> {
            Instant now = clock.instant();
            long seconds = until.equals(Instant.MAX) ? Long.MAX_VALUE : Math.max(0, Duration.between(now, until).getSeconds());
            return Math.min(seconds, maxAge.getSeconds());
        }).filter(seconds -> seconds >= 1);
    }

    /** The strong entity tag of a body: its SHA-256, base64url, quoted. */
    static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Whether {@code If-None-Match} names {@code etag} (RFC 9110 13.1.2: a list of tags or {@code *},
     * compared weakly, so a {@code W/} a proxy added still matches).
     */
    static boolean notModified(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A response that sets a cookie (sign-in's filter clears a session cookie that no longer signs anyone
     * in) must never be kept by a shared cache, whatever it read: every later caller would get the
     * cookie. Runs outside the other filters of the GraphQL path, so it sees their headers.
     */
    @ServerFilter("${graphql.path:/graphql}")
    static final class NoSharedCookies implements Ordered {
        @ResponseFilter
        void privateWhenSettingCookies(HttpRequest<?> request, MutableHttpResponse<?> response) {
            if (response.getHeaders().contains(HttpHeaders.SET_COOKIE)) {
                response.getHeaders().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
                response.getHeaders().remove(HttpHeaders.ETAG);
            }
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.FIRST.after();
        }
    }
}
