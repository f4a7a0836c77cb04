package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.graphql.ErrorCode;
import dev.playlistgateway.app.security.ErrorResponses;
import dev.playlistgateway.app.security.SecuritySettings;
import dev.playlistgateway.app.security.session.SessionCookies;
import dev.playlistgateway.app.security.session.SessionStoreUnavailable;
import dev.playlistgateway.app.security.session.Sessions;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.handlers.LogoutHandler;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * {@code POST /logout} (micronaut-security's LogoutController, form or JSON): deletes the session and its
 * tokens from the store, so the old cookie authenticates nothing anywhere, and clears the cookie. A form
 * post is redirected (to GraphiQL by default); a JSON post gets 204. Spotify has no token revocation
 * endpoint: the access token stays valid at Spotify until it expires, but no one holds it any more.
 * This instance forgets the session at once; other instances see the logout within
 * {@code gateway.security.session-memory.recheck} ({@link Sessions}). If the store cannot be reached the
 * session cannot be ended everywhere: 503, and the cookie is kept so that the user can try again.
 */
@Singleton
final class SessionLogoutHandler implements LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> {
    private final Sessions sessions;
    private final SessionCookies cookies;
    private final SecuritySettings settings;

    SessionLogoutHandler(Sessions sessions, SessionCookies cookies, SecuritySettings settings) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.settings = settings;
    }

    @Override
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        var sessionId = cookies.sessionId(request);
        if (sessionId.isPresent()) {
            try {
                sessions.delete(Sessions.handleOf(sessionId.get()));
            } catch (SessionStoreUnavailable e) {
                return ErrorResponses.error(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.UPSTREAM_UNAVAILABLE,
                        "Sign-in sessions cannot be reached right now, so you are still signed in; try again shortly");
            }
        }
        boolean json = ErrorResponses.isJson(request);
        MutableHttpResponse<?> response = json ? HttpResponse.noContent() : HttpResponse.seeOther(URI.create(settings.logoutUrl()));
        return response.cookie(cookies.clear(request));
    }
}
