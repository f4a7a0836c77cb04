package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.security.login.SignInFailures.Reason;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.event.LoginFailedEvent;

/**
 * Every failed Spotify callback ends where docs/security.md says: a 303 to the login-failure URL
 * ({@code /graphiql?login=failed} by default), no session cookie, nothing internal in the response; and
 * it is counted, not logged line by line: {@link SignInFailures} keeps the Micrometer counter
 * {@code gateway.signin.failures} by reason and writes at most one WARN per interval, without a stack
 * trace. A callback costs nothing to forge, so a line per failure would let anyone flood the log.
 *
 * <p>Failures arrive two ways. Those micronaut-security turns into an {@link AuthenticationResponse}
 * (a forged, missing or expired state; a user {@code /v1/me} will not name) reach
 * SessionLoginHandler#loginFailed, which already redirects, and are published as a
 * {@link LoginFailedEvent}, which {@link SignInFailures} records. The others are an error answer of the
 * route: an {@code error=} callback (the user cancelled at Spotify) is a bare 400 from micronaut-security's
 * AuthorizationErrorResponseExceptionHandler when redirects are off, and a token exchange that fails
 * (accounts service down, {@code invalid_grant}) is an exception out of the controller, answered by the
 * HTTP layer. This filter sees the final answer of the one route (Micronaut turns a route's exception
 * into an error response before response filters run), records any status of 400 or more and replaces it
 * with the redirect. Success (303 with the cookie) passes untouched. A state that does not decode is a
 * failed state check, not an exception: {@link QuietStateSerDes}; a callback that is not one Spotify
 * sends is refused before the controller ({@link #refuseMalformedCallbacks}). Tested in SignInFailureIT,
 * SignInAccountsUnreachableIT and CallbackFloodIT.
 */
@ServerFilter("/oauth/callback/**")
final class SignInFailureFilter {
    private final SessionLoginHandler loginHandler;
    private final SignInFailures failures;

    SignInFailureFilter(SessionLoginHandler loginHandler, SignInFailures failures) {
        this.loginHandler = loginHandler;
        this.failures = failures;
    }

    /**
     * Spotify calls back with GET and {@code code} or {@code error} in the query. micronaut-security has
     * no answer for a callback with neither (a NullPointerException in its code exchange: a 500 and a
     * stack trace) and would read a POST's form body for them; neither comes from Spotify, so both are
     * failed sign-ins before the controller runs.
     */
    @RequestFilter
    @Nullable
    MutableHttpResponse<?> refuseMalformedCallbacks(HttpRequest<?> request) {
        boolean get = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        if (get && (request.getParameters().contains("code") || request.getParameters().contains("error"))) {
            return null;
        }
        failures.record(Reason.MALFORMED_CALLBACK, get ? "a callback with neither code nor error"
                : "a callback sent with " + SignInFailures.printable(request.getMethodName()) + " instead of GET");
        return loginHandler.failureRedirect(request);
    }

    @ResponseFilter
    @Nullable
    MutableHttpResponse<?> redirectFailures(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400) {
            return null;
        }
        // Neither the code, the state nor the exception's stack: the Spotify error code (an OAuth2 token
        // such as access_denied), the status, and the failure's type and message (no token is ever in one).
        String error = request.getParameters().getFirst("error").map(SignInFailures::printable).orElse(null);
        Throwable failure = response.getAttribute(HttpAttributes.EXCEPTION, Throwable.class).orElse(null);
        if (error != null) {
            failures.record(Reason.PROVIDER_ERROR, "Spotify answered error=" + error);
        } else if (failure != null) {
            failures.record(reasonOf(failure), "HTTP " + response.code() + " from the callback, "
                    + failure.getClass().getSimpleName() + ": " + SignInFailures.printable(String.valueOf(failure.getMessage())));
        } else {
            failures.record(Reason.OTHER, "HTTP " + response.code() + " from the callback");
        }
        return loginHandler.failureRedirect(request);
    }

    private static Reason reasonOf(Throwable failure) {
        if (failure instanceof HttpClientResponseException refused && refused.code() < 500) {
            return Reason.CODE_REFUSED;
        }
        return failure instanceof HttpClientException ? Reason.ACCOUNTS_UNAVAILABLE : Reason.OTHER;
    }
}
