package dev.playlistgateway.app.security.request;

import dev.playlistgateway.app.graphql.ErrorCode;
import dev.playlistgateway.app.security.Credential;
import dev.playlistgateway.app.security.bearer.BearerViewers;
import dev.playlistgateway.app.security.session.SessionCookies;
import dev.playlistgateway.app.security.session.SessionRecord;
import dev.playlistgateway.app.security.session.SessionStoreUnavailable;
import dev.playlistgateway.app.security.session.Sessions;
import dev.playlistgateway.app.viewer.ViewerResolver;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is asking, in Spotify mode: the Bearer token's user, else the session cookie's user, else anonymous.
 *
 * <p>An {@code Authorization} header wins over the cookie: it is an explicit credential the client chose
 * to send (and one a cross-site page cannot make a browser send). A cookie whose session is unknown,
 * expired or logged out counts as no cookie: the request is anonymous. The answer is computed once per
 * request and kept in a request attribute ({@link SignInFilter} computes it first, on a blocking thread,
 * because a new Bearer token costs a {@code /v1/me} call). A signed-in viewer carries its {@link Credential}: the
 * session's handle or the Bearer token's hash, never a secret. Thread safe.
 */
@Singleton
final class GatewayViewers implements ViewerResolver {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayViewers.class);
    static final String ATTRIBUTE = GatewayViewers.class.getName() + ".resolution";

    /** What the request's credentials amount to. */
    sealed interface Resolution permits Resolved, Refused {
    }

    /**
     * A viewer (maybe anonymous).
     *
     * @param viaCookie   the viewer was authenticated by the session cookie (so the CSRF rule applies)
     * @param staleCookie the request carried a session cookie that authenticates nothing (it may be cleared)
     */
    record Resolved(Viewer viewer, boolean viaCookie, boolean staleCookie) implements Resolution {
    }

    /**
     * The request must not run: its credentials are bad, or they cannot be checked right now.
     *
     * @param retryAfter when asking again may succeed (sent as {@code Retry-After} and
     *                   {@code extensions.retryAfterSeconds}), or null
     */
    record Refused(HttpStatus status, ErrorCode code, String message, @Nullable Duration retryAfter) implements Resolution {
        Refused(HttpStatus status, ErrorCode code, String message) {
            this(status, code, message, null);
        }
    }

    private final Sessions sessions;
    private final SessionCookies cookies;
    private final BearerViewers bearers;

    GatewayViewers(Sessions sessions, SessionCookies cookies, BearerViewers bearers) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.bearers = bearers;
    }

    @Override
    public Viewer resolve(HttpRequest<?> request) {
        // A refused request never reaches GraphQL (SignInFilter answers it); anonymous is the safe answer regardless.
        return resolution(request) instanceof Resolved resolved ? resolved.viewer() : Viewer.ANONYMOUS;
    }

    /** The request's resolution, computed on first use. May block (a {@code /v1/me} call, a store read). */
    Resolution resolution(HttpRequest<?> request) {
        Optional<Resolution> known = request.getAttribute(ATTRIBUTE, Resolution.class);
        if (known.isPresent()) {
            return known.get();
        }
        Resolution resolution = compute(request);
        request.setAttribute(ATTRIBUTE, resolution);
        return resolution;
    }

    private Resolution compute(HttpRequest<?> request) {
        List<String> authorizations = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (authorizations.size() > 1) {
            // Which one counts would be ours to guess, and a proxy on the way may guess the other (RFC 6750 3.1).
            return new Refused(HttpStatus.BAD_REQUEST, ErrorCode.UNAUTHENTICATED,
                    "Send one Authorization header, not " + authorizations.size());
        }
        String authorization = authorizations.isEmpty() ? null : authorizations.get(0);
        if (authorization != null && !authorization.isBlank()) {
            return bearer(request, authorization.trim());
        }
        Optional<String> sessionId = cookies.sessionId(request);
        if (sessionId.isEmpty()) {
            return new Resolved(Viewer.ANONYMOUS, false, cookies.present(request));
        }
        String handle = Sessions.handleOf(sessionId.get());
        try {
            Optional<SessionRecord> record = sessions.find(handle);
            if (record.isEmpty()) {
                return new Resolved(Viewer.ANONYMOUS, false, true);
            }
            UserId user;
            try {
                user = UserId.of(record.get().userId());
            } catch (InvalidInputException e) {
                // Sign-in no longer stores such an id; an older session with one authenticates nothing:
                // it is dropped and its cookie cleared, never a 500 on every request.
                LOG.info("A stored session's user id is not a valid user id; the session is dropped ({})", e.getMessage());
                try {
                    sessions.delete(handle);
                } catch (SessionStoreUnavailable ignored) {
                    // the store expires it in time; the request is anonymous either way
                }
                return new Resolved(Viewer.ANONYMOUS, false, true);
            }
            return new Resolved(Viewer.signedIn(user, new Credential.Session(handle)), true, false);
        } catch (SessionStoreUnavailable e) {
            // Reported by Sessions, once per interval: a WARN here would be one per signed-in request.
            return new Refused(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UPSTREAM_UNAVAILABLE,
                    "Sign-in sessions cannot be read right now; try again shortly");
        }
    }

    private Resolution bearer(HttpRequest<?> request, String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String token = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer") || token.isEmpty()) {
            return new Refused(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED,
                    "Send a Spotify access token as 'Authorization: Bearer <token>', or sign in at /oauth/login/spotify");
        }
        try {
            return new Resolved(bearers.viewer(token, request), false, false);
        } catch (BearerViewers.Refusal e) {
            return switch (e.reason()) {
                case INVALID -> new Refused(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED, e.getMessage());
                case FORBIDDEN -> new Refused(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, e.getMessage());
                case TOO_MANY_LOOKUPS, SPOTIFY_THROTTLES ->
                        new Refused(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED, e.getMessage(), e.retryAfter().orElse(null));
                case SPOTIFY_UNAVAILABLE -> new Refused(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UPSTREAM_UNAVAILABLE, e.getMessage());
            };
        }
    }
}
