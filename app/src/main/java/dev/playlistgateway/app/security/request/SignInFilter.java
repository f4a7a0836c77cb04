package dev.playlistgateway.app.security.request;

import dev.playlistgateway.app.graphql.ErrorCode;
import dev.playlistgateway.app.security.ErrorResponses;
import dev.playlistgateway.app.security.session.SessionCookies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Checks the credentials of every GraphQL request before it runs, and answers refusals in the GraphQL
 * error shape ({@code errors[].extensions.code}):
 * <ul>
 *   <li>a Bearer token Spotify rejects: HTTP 401, {@code UNAUTHENTICATED};</li>
 *   <li>more than one {@code Authorization} header: HTTP 400, {@code UNAUTHENTICATED} (RFC 6750's
 *       {@code invalid_request}), whichever of them would be good;</li>
 *   <li>CSRF: a cookie-authenticated request by any method but the safe reads (GET, HEAD, OPTIONS) must be
 *       {@code Content-Type: application/json}, which a cross-site form cannot send without a CORS preflight;
 *       {@code application/graphql} bodies and {@code ?query=} on the URL of a POST are refused: HTTP 403,
 *       {@code FORBIDDEN}. (GET and HEAD never run mutations: MutationGuard.)</li>
 *   <li>the session store cannot be reached: HTTP 503, {@code UPSTREAM_UNAVAILABLE};</li>
 *   <li>a Bearer token cannot be checked now (the client's lookups are used up, or Spotify throttles): HTTP 429,
 *       {@code RATE_LIMITED} with {@code retryAfterSeconds} and {@code Retry-After}.</li>
 * </ul>
 * A cookie that authenticates nothing (logged out, expired) is cleared on the way out.
 */
@ServerFilter("${graphql.path:/graphql}")
final class SignInFilter {
    private final GatewayViewers viewers;
    private final SessionCookies cookies;

    SignInFilter(GatewayViewers viewers, SessionCookies cookies) {
        this.viewers = viewers;
        this.cookies = cookies;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        GatewayViewers.Resolution resolution = viewers.resolution(request);
        if (resolution instanceof GatewayViewers.Refused refused) {
            MutableHttpResponse<?> response = ErrorResponses.error(refused.status(), refused.code(), refused.message(), refused.retryAfter());
            if (refused.status() == HttpStatus.UNAUTHORIZED) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            } else if (refused.status() == HttpStatus.BAD_REQUEST) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\"");
            }
            return response;
        }
        GatewayViewers.Resolved resolved = (GatewayViewers.Resolved) resolution;
        if (resolved.viaCookie() && !isSafeRead(request.getMethod()) && !ErrorResponses.isJson(request)) {
            return ErrorResponses.error(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                    "A request signed in by cookie must be a POST with Content-Type: application/json (CSRF protection)");
        }
        return null;
    }

    /**
     * The methods that never change anything here (GET and HEAD run queries only) and that a page on another site
     * may make a browser send with the cookie; every other method is held to the JSON rule, whether or not a route
     * serves it, so that no method the router later maps to a route can get round it.
     */
    static boolean isSafeRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    @ResponseFilter
    void clearStaleCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(GatewayViewers.ATTRIBUTE, GatewayViewers.Resolution.class)
                .filter(r -> r instanceof GatewayViewers.Resolved resolved && resolved.staleCookie())
                .ifPresent(r -> response.cookie(cookies.clear(request)));
    }
}
