package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.logging.RateLimitedLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.event.LoginFailedEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts failed sign-ins by {@link Reason} ({@code gateway.signin.failures}) and logs at most one WARN per
 * {@link RateLimitedLog#DEFAULT_INTERVAL}, naming the latest reason and how many were left out; each failure's detail
 * goes to DEBUG. Failures come from {@link SignInFailureFilter} (error answers of the callback route) and from the
 * {@link LoginFailedEvent} micronaut-security publishes for each one it answers through the login handler. The log
 * lines are {@link SignInFailureFilter}'s, the name docs/operations.md gives them. Thread safe.
 */
@Singleton
final class SignInFailures implements ApplicationEventListener<LoginFailedEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SignInFailureFilter.class);

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

    private final RateLimitedLog warnings = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);
    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    SignInFailures(MeterRegistry registry) {
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

    /** A failure micronaut-security answered through the login handler (it publishes one event per failure). */
    @Override
    public void onApplicationEvent(LoginFailedEvent event) {
        String message = event.getSource() instanceof AuthenticationResponse response
                ? response.getMessage().orElse("no reason given") : "no reason given";
        // micronaut-security's DefaultOauthAuthorizationResponseHandler words every state check failure so.
        Reason reason = message.startsWith("State validation failed") ? Reason.INVALID_STATE : Reason.USER_REFUSED;
        record(reason, printable(message));
    }

    /** At most 200 printable ASCII characters: no line breaks or control characters from outside into the log. */
    static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
