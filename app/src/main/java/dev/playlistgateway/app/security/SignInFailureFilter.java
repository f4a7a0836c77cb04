package dev.playlistgateway.app.security;

import dev.playlistgateway.app.logging.RateLimitedLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.event.LoginFailedEvent;
import io.micronaut.security.oauth2.endpoint.authorization.state.DefaultState;
import io.micronaut.security.oauth2.endpoint.authorization.state.JacksonStateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every failed Spotify callback ends where docs/security.md says: a 303 to the login-failure URL
 * ({@code /graphiql?login=failed} by default), no session cookie, nothing internal in the response; and
 * it is counted, not logged line by line: {@link Failures} keeps the Micrometer counter
 * {@code gateway.signin.failures} by reason and writes at most one WARN per interval, without a stack
 * trace. A callback costs nothing to forge, so a line per failure would let anyone flood the log.
 *
 * <p>Failures arrive two ways. Those micronaut-security turns into an {@link AuthenticationResponse}
 * (a forged, missing or expired state; a user {@code /v1/me} will not name) reach
 * SessionLoginHandler#loginFailed, which already redirects, and are published as a
 * {@link LoginFailedEvent}: {@link LoginFailures} records them. The others are an error answer of the
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
@Requires(property = "spotify.client-id")
final class SignInFailureFilter {
    private final SessionLoginHandler loginHandler;
    private final Failures failures;

    SignInFailureFilter(SessionLoginHandler loginHandler, Failures failures) {
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
                : "a callback sent with " + Failures.printable(request.getMethodName()) + " instead of GET");
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
        String error = request.getParameters().getFirst("error").map(Failures::printable).orElse(null);
        Throwable failure = response.getAttribute(HttpAttributes.EXCEPTION, Throwable.class).orElse(null);
        if (error != null) {
            failures.record(Reason.PROVIDER_ERROR, "Spotify answered error=" + error);
        } else if (failure != null) {
            failures.record(reasonOf(failure), "HTTP " + response.code() + " from the callback, "
                    + failure.getClass().getSimpleName() + ": " + Failures.printable(String.valueOf(failure.getMessage())));
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

    /** Why a sign-in failed: the {@code reason} tag of {@code gateway.signin.failures}. A closed set, so the tag stays small. */
    enum Reason {
        /** Spotify sent {@code error=} back (the user cancelled, or Spotify refused the request). */
        PROVIDER_ERROR,
        /** Not a callback Spotify sends: neither {@code code} nor {@code error}, or not a GET. */
        MALFORMED_CALLBACK,
        /** The state is missing, does not decode, or does not match the browser's state cookie (forged, replayed, expired). */
        INVALID_STATE,
        /** Spotify's token endpoint refused the code (used, expired, made up). */
        CODE_REFUSED,
        /** Spotify's accounts service could not be reached or failed. */
        ACCOUNTS_UNAVAILABLE,
        /** The code was exchanged, but the user could not be signed in (/v1/me refused, an unusable user id, the session store). */
        USER_REFUSED,
        /** Anything else. */
        OTHER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Counts failed sign-ins by {@link Reason} ({@code gateway.signin.failures}) and logs at most one WARN
     * per {@link RateLimitedLog#DEFAULT_INTERVAL}, naming the latest reason and how many were left out.
     * Each failure's detail goes to DEBUG. Thread safe.
     */
    @Singleton
    @Requires(property = "spotify.client-id")
    static final class Failures {
        private static final Logger LOG = LoggerFactory.getLogger(SignInFailureFilter.class);

        private final RateLimitedLog warnings = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);
        private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

        Failures(MeterRegistry registry) {
            for (Reason reason : Reason.values()) {
                counters.put(reason, Counter.builder("gateway.signin.failures")
                        .description("Spotify sign-in callbacks that did not sign anyone in, by reason")
                        .tag("reason", reason.tag())
                        .register(registry));
            }
        }

        void record(Reason reason, String detail) {
            counters.get(reason).increment();
            LOG.debug("Spotify sign-in failed ({}): {}", reason.tag(), detail);
            warnings.warn("Spotify sign-in callbacks are failing; latest: {} ({}); counts by reason in gateway.signin.failures",
                    reason.tag(), detail);
        }

        /** At most 200 printable ASCII characters: no line breaks or control characters from outside into the log. */
        static String printable(String text) {
            String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
            return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
        }
    }

    /** Records the failures micronaut-security answers through the login handler (it publishes one event per failure). */
    @Singleton
    @Requires(property = "spotify.client-id")
    static final class LoginFailures implements ApplicationEventListener<LoginFailedEvent> {
        private final Failures failures;

        LoginFailures(Failures failures) {
            this.failures = failures;
        }

        @Override
        public void onApplicationEvent(LoginFailedEvent event) {
            String message = event.getSource() instanceof AuthenticationResponse response
                    ? response.getMessage().orElse("no reason given") : "no reason given";
            // micronaut-security's DefaultOauthAuthorizationResponseHandler words every state check failure so.
            Reason reason = message.startsWith("State validation failed") ? Reason.INVALID_STATE : Reason.USER_REFUSED;
            failures.record(reason, Failures.printable(message));
        }
    }

    /**
     * micronaut-security's JacksonStateSerDes logs an ERROR with a stack trace for every state that is not
     * base64 JSON, and lets a state that is not even base64 (one character, say) escape as an exception,
     * which became a 500 and a second stack trace. Anyone can send such a state; for the state check it is
     * simply no state: here it decodes to null, which fails the check as "Provided state is null" and is
     * counted as {@link Reason#INVALID_STATE}. Serializing is unchanged.
     */
    @Singleton
    @Replaces(JacksonStateSerDes.class)
    static final class QuietStateSerDes implements StateSerDes {
        private final JsonMapper json;

        QuietStateSerDes(JsonMapper json) {
            this.json = json;
        }

        @Override
        @Nullable
        public State deserialize(String base64State) {
            try {
                return json.readValue(Base64.getUrlDecoder().decode(base64State), Argument.of(DefaultState.class));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        public String serialize(State state) {
            try {
                return Base64.getEncoder().encodeToString(json.writeValueAsBytes(state));
            } catch (IOException e) {
                throw new IllegalStateException("Could not write the authorization request state", e);
            }
        }
    }
}
