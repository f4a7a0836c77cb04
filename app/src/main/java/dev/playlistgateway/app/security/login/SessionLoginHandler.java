package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.security.SecuritySettings;
import dev.playlistgateway.app.security.session.SessionCookies;
import dev.playlistgateway.app.security.session.SessionStoreUnavailable;
import dev.playlistgateway.app.security.session.Sessions;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import io.micronaut.security.oauth2.endpoint.authorization.pkce.persistence.cookie.CookiePkcePersistenceConfiguration;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.cookie.CookieStatePersistenceConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * After the Spotify callback: sets the session cookie and sends the browser on: back to the local path the
 * sign-in asked for ({@code ?returnTo=}, {@link LocalReturnPath}), else to the login-success URL (GraphiQL).
 * A session the browser had before is ended (no session fixation, no orphaned tokens), and the
 * short-lived state and PKCE cookies of the login are cleared.
 */
@Singleton
final class SessionLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLoginHandler.class);

    private final SessionCookies cookies;
    private final Sessions sessions;
    private final SecuritySettings settings;
    private final BeanProvider<CookieStatePersistenceConfiguration> stateCookie;
    private final BeanProvider<CookiePkcePersistenceConfiguration> pkceCookie;

    SessionLoginHandler(SessionCookies cookies, Sessions sessions, SecuritySettings settings,
                        BeanProvider<CookieStatePersistenceConfiguration> stateCookie,
                        BeanProvider<CookiePkcePersistenceConfiguration> pkceCookie) {
        this.cookies = cookies;
        this.sessions = sessions;
        this.settings = settings;
        this.stateCookie = stateCookie;
        this.pkceCookie = pkceCookie;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        Object handle = authentication.getAttributes().get(SpotifyLoginMapper.SESSION_ATTRIBUTE);
        if (!(handle instanceof SpotifyLoginMapper.NewSession session)) {
            return redirect(settings.loginFailureUrl(), request);
        }
        cookies.sessionId(request).ifPresent(previous -> {
            try {
                sessions.delete(Sessions.handleOf(previous));
            } catch (SessionStoreUnavailable e) {
                // Sessions reported the store trouble; the old session is gone here and ends by itself elsewhere.
                LOG.debug("Could not end the previous session at sign-in: {}", e.getMessage());
            }
        });
        // Checked once more here: only a safe local path the sign-in asked for replaces the default.
        String target = authentication.getAttributes().get(SpotifyLoginMapper.RETURN_TO_ATTRIBUTE) instanceof String asked
                ? LocalReturnPath.of(asked).orElse(settings.loginSuccessUrl()) : settings.loginSuccessUrl();
        MutableHttpResponse<?> response = redirect(target, request);
        response.cookie(cookies.issue(session.id(), request));
        return response;
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        // micronaut-security's token refresh endpoint is not used: refreshing happens server side.
        return HttpResponse.status(HttpStatus.NOT_FOUND);
    }

    /** Counted and logged (rate-limited) from the LoginFailedEvent micronaut-security publishes with it: SignInFailureFilter. */
    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse authenticationResponse, HttpRequest<?> request) {
        return failureRedirect(request);
    }

    /** The answer to any failed sign-in: 303 to the login-failure URL, the login's state and PKCE cookies cleared. */
    MutableHttpResponse<?> failureRedirect(HttpRequest<?> request) {
        return redirect(settings.loginFailureUrl(), request);
    }

    private MutableHttpResponse<?> redirect(String target, HttpRequest<?> request) {
        MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create(target));
        stateCookie.ifPresent(config -> response.cookie(cookies.clear(config.getCookieName(), request)));
        pkceCookie.ifPresent(config -> response.cookie(cookies.clear(config.getCookieName(), request)));
        return response;
    }
}
