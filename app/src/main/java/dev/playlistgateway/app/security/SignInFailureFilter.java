package dev.playlistgateway.app.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failed Spotify callback ends where docs/security.md says: a 303 to the login-failure URL
 * ({@code /graphiql?login=failed} by default), no session cookie, nothing internal in the response, and one
 * log line without secrets.
 *
 * <p>Only some failures reach {@link SessionLoginHandler#loginFailed} (a forged state, a refused
 * {@code /v1/me}). The others never do: micronaut-security answers an {@code error=} callback (the user
 * cancelled at Spotify) through its AuthorizationErrorResponseExceptionHandler with a bare 400 when
 * redirects are off, and a token exchange that fails (accounts service down, {@code invalid_grant}) is an
 * exception out of the controller, which Micronaut answers 500 with the exception's message (an internal
 * address). Handling each in the chain would mean replacing several framework beans (the controller, the
 * response handler, the exception handler) and tracking their internals across upgrades. This filter
 * instead sees the final answer of the one route: Micronaut turns a route's exception into an error
 * response before response filters run, so any status of 400 or more, whatever produced it, is replaced
 * here. Success (303 with the cookie) passes untouched. Tested in SignInFailureIT and
 * SignInAccountsUnreachableIT, exception paths included.
 */
@ServerFilter("/oauth/callback/**")
@Requires(property = "spotify.client-id")
final class SignInFailureFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SignInFailureFilter.class);

    private final SessionLoginHandler loginHandler;

    SignInFailureFilter(SessionLoginHandler loginHandler) {
        this.loginHandler = loginHandler;
    }

    @ResponseFilter
    @Nullable
    MutableHttpResponse<?> redirectFailures(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400) {
            return null;
        }
        // Neither the code, the state nor the exception's stack: the Spotify error code (an OAuth2 token
        // such as access_denied), the status, and the failure's type and message (no token is ever in one).
        String error = request.getParameters().getFirst("error").map(SignInFailureFilter::printable).orElse(null);
        Throwable failure = response.getAttribute(HttpAttributes.EXCEPTION, Throwable.class).orElse(null);
        if (error != null) {
            LOG.info("Spotify sign-in failed: Spotify answered error={}", error);
        } else if (failure != null) {
            LOG.warn("Spotify sign-in failed: HTTP {} from the callback, {}: {}", response.code(),
                    failure.getClass().getSimpleName(), printable(String.valueOf(failure.getMessage())));
        } else {
            LOG.warn("Spotify sign-in failed: HTTP {} from the callback", response.code());
        }
        return loginHandler.failureRedirect(request);
    }

    /** At most 200 printable ASCII characters: no line breaks or control characters from outside into the log. */
    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
