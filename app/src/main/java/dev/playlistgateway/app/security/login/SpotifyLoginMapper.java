package dev.playlistgateway.app.security.login;

import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException;
import dev.playlistgateway.adapter.spotify.SpotifySettings;
import dev.playlistgateway.app.logging.RateLimitedLog;
import dev.playlistgateway.app.security.session.SessionRecord;
import dev.playlistgateway.app.security.session.Sessions;
import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OauthAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Finishes a Spotify sign-in once micronaut-security has exchanged the code (with the PKCE verifier, after
 * checking {@code state}): Spotify is plain OAuth2, not OpenID Connect, so the user is who {@code /v1/me}
 * says the new access token belongs to. Then the session is stored, tokens encrypted, and the
 * authentication carries only a redacted handle to the new session id for {@link SessionLoginHandler},
 * which puts it in the cookie. No token goes into the authentication.
 *
 * <p>Its name matches the client, {@code micronaut.security.oauth2.clients.spotify}; with this bean
 * micronaut-security creates the client and the {@code /oauth/login/spotify} and
 * {@code /oauth/callback/spotify} routes.
 *
 * <p>The code exchange itself went through the Spotify adapter too ({@link SpotifyCodeExchange}); {@code /v1/me}
 * here waits on Spotify's Retry-After up to the adapter's {@code spotify.max-wait}, since the code is already spent.
 */
@Singleton
@Named("spotify")
final class SpotifyLoginMapper implements OauthAuthenticationMapper {
    private static final Logger LOG = LoggerFactory.getLogger(SpotifyLoginMapper.class);
    static final String SESSION_ATTRIBUTE = "gateway.session";
    /** The local path to send the browser to, from the sign-in request ({@link ReturningStateFactory}); absent for the default. */
    static final String RETURN_TO_ATTRIBUTE = "gateway.return-to";

    /** The new session's id, on its way from here to the cookie. Its toString shows nothing. */
    record NewSession(String id) {
        @Override
        public String toString() {
            return "NewSession[****]";
        }
    }

    private final SpotifyAccounts accounts;
    private final Sessions sessions;
    private final ExecutorService blocking;
    private final Duration longestWait;
    // A flood of callbacks with codes Spotify accepts but users it refuses must not fill the log either.
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, RateLimitedLog.DEFAULT_INTERVAL);

    SpotifyLoginMapper(SpotifyAccounts accounts, Sessions sessions, SpotifySettings spotify,
                       @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.blocking = blocking;
        this.longestWait = spotify.maxWait();
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(TokenResponse tokens, @Nullable State state) {
        // The adapter blocks (its HTTP call, a Retry-After wait) and the store may be Redis: off the event loop.
        CompletableFuture<AuthenticationResponse> answer = CompletableFuture
                .supplyAsync(() -> signIn(accounts.profile(tokens.getAccessToken(), longestWait), tokens, returnTo(state)), blocking)
                .exceptionally(this::failed);
        return Publishers.fromCompletableFuture(answer);
    }

    private static String returnTo(@Nullable State state) {
        return state instanceof ReturningState known && known.getReturnTo() != null
                ? LocalReturnPath.of(known.getReturnTo()).orElse(null) : null;
    }

    private AuthenticationResponse signIn(SpotifyAccounts.Profile profile, TokenResponse tokens, @Nullable String returnTo) {
        // The id must be one the domain accepts: every request of the session turns it into a UserId, so a
        // session stored under an id it rejects would fail on each use. Such a sign-in fails here instead.
        try {
            UserId.of(profile.id());
        } catch (InvalidInputException e) {
            warnings.warn("Spotify sign-in refused: Spotify's user id is not one this gateway can use ({})", e.getMessage());
            return new AuthenticationFailed("Your Spotify user id cannot be used with this gateway");
        }
        SessionRecord record = SessionRecord.signedIn(profile.id(), profile.displayName(), tokens.getAccessToken(),
                tokens.getRefreshToken(), tokens.getExpiresIn(), sessions.now(), sessions.ttl());
        String id = sessions.create(record);
        LOG.info("Spotify user {} signed in", profile.id());
        Map<String, Object> attributes = returnTo == null ? Map.of(SESSION_ATTRIBUTE, new NewSession(id))
                : Map.of(SESSION_ATTRIBUTE, new NewSession(id), RETURN_TO_ATTRIBUTE, returnTo);
        return AuthenticationResponse.success(profile.id(), List.of(), attributes);
    }

    private AuthenticationResponse failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        warnings.warn("Spotify sign-in failed: {}", cause.getMessage());
        return new AuthenticationFailed(cause instanceof SpotifyAccountsException known
                ? known.getMessage() : "Signing in failed; try again");
    }
}
