package dev.playlistgateway.app.security.login;

import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationException;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.oauth2.endpoint.token.request.DefaultTokenEndpointClient;
import io.micronaut.security.oauth2.endpoint.token.request.context.OauthCodeTokenRequestContext;
import io.micronaut.security.oauth2.endpoint.token.request.context.TokenRequestContext;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * micronaut-security's token endpoint client, with Spotify's authorization-code exchange taken over by the
 * Spotify adapter ({@link SpotifyAccounts#exchange}), so that sign-in obeys the same Retry-After gate, bulkhead
 * and {@code spotify.requests} metric as every other call to Spotify, and the code, the PKCE verifier and the
 * tokens never pass through Micronaut's HTTP client (whose TRACE log prints request and response bodies).
 * docs/decisions/0009-sign-in-through-the-spotify-adapter.md says why this and not a client filter.
 *
 * <p>micronaut-security validates {@code state} and reads the PKCE verifier before it calls
 * {@link #sendRequest}; the context's grant is the form it would post (4.15: {@code code}, {@code redirect_uri},
 * {@code code_verifier}). A failed exchange is an {@link AuthenticationException}: micronaut-security answers
 * it with 401, which {@link SignInFailureFilter} turns into the login-failure redirect, without a stack trace in
 * the log. Every other token request (there is none in this gateway today) goes the default way.
 */
@Singleton
@Replaces(DefaultTokenEndpointClient.class)
final class SpotifyCodeExchange extends DefaultTokenEndpointClient {
    /** The OAuth client whose exchange the adapter makes: {@code micronaut.security.oauth2.clients.spotify}. */
    static final String CLIENT = "spotify";

    private final SpotifyAccounts accounts;
    private final ExecutorService blocking;

    SpotifyCodeExchange(BeanContext beanContext, HttpClientConfiguration defaultClientConfiguration,
                        SpotifyAccounts accounts, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        super(beanContext, defaultClientConfiguration);
        this.accounts = accounts;
        this.blocking = blocking;
    }

    @NonNull
    @Override
    public <G, R extends TokenResponse> Publisher<R> sendRequest(TokenRequestContext<G, R> context) {
        if (!(context instanceof OauthCodeTokenRequestContext)
                || !CLIENT.equals(context.getClientConfiguration().getName())
                || !(context.getGrant() instanceof Map<?, ?> form)
                || !context.getResponseType().getType().isAssignableFrom(TokenResponse.class)) {
            return super.sendRequest(context);
        }
        CompletableFuture<R> answer = new CompletableFuture<>();
        SpotifyAccounts.AuthorizationCode code;
        try {
            code = new SpotifyAccounts.AuthorizationCode(text(form, "code"), text(form, "redirect_uri"), text(form, "code_verifier"));
        } catch (IllegalArgumentException noCode) {
            answer.completeExceptionally(new AuthenticationException(new AuthenticationFailed("Spotify sent no authorization code")));
            return Publishers.fromCompletableFuture(answer);
        }
        // The adapter blocks (the HTTP call, a short Retry-After wait): off the event loop. The future fails with
        // the exception itself, not a CompletionException, so that micronaut-security's handler recognises it.
        blocking.execute(() -> {
            try {
                answer.complete(context.getResponseType().getType().cast(tokenResponse(accounts.exchange(code))));
            } catch (SpotifyAccountsException e) {
                answer.completeExceptionally(new AuthenticationException(new AuthenticationFailed(e.getMessage())));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return Publishers.fromCompletableFuture(answer);
    }

    private static TokenResponse tokenResponse(SpotifyAccounts.Grant grant) {
        TokenResponse response = new TokenResponse(grant.accessToken(), "Bearer");
        response.setRefreshToken(grant.refreshToken());
        response.setExpiresIn(grant.expiresIn());
        response.setScope(grant.scope());
        return response;
    }

    private static String text(Map<?, ?> form, String key) {
        Object value = form.get(key);
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
