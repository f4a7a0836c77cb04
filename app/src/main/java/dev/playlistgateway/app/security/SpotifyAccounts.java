package dev.playlistgateway.app.security;

import dev.playlistgateway.adapter.spotify.SpotifySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The two Spotify calls sign-in needs besides the code exchange: who owns an access token
 * ({@code GET /v1/me}) and a refresh ({@code POST /api/token}, grant {@code refresh_token}). Base URLs and
 * timeouts come from {@link SpotifySettings}, so tests point them at WireMock. Never logs a token.
 * Thread safe.
 */
final class SpotifyAccounts {

    /** The user behind an access token. */
    record Profile(String id, @Nullable String displayName) {
    }

    /** A refresh answer: a new access token and, when Spotify rotates it, a new refresh token. */
    record Grant(String accessToken, @Nullable String refreshToken, @Nullable Integer expiresIn) {
        @Override
        public String toString() {
            return "Grant[tokens=****, expiresIn=" + expiresIn + "]";
        }
    }

    /** Why a call failed. */
    enum Failure {
        /** The token (or refresh token) is not accepted: sign in again. */
        REJECTED,
        /** Spotify refuses this user this app (e.g. not registered for a Development Mode app). */
        FORBIDDEN,
        /** Spotify throttles the app. */
        RATE_LIMITED,
        /** Spotify failed or could not be reached: try again later. */
        UNAVAILABLE
    }

    /** A failed call, with a message that may be shown to the caller (it never holds a token). */
    static final class AccountsException extends RuntimeException {
        private final Failure failure;

        AccountsException(Failure failure, String message, @Nullable Throwable cause) {
            super(message, cause, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final SpotifySettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    SpotifyAccounts(SpotifySettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code GET /v1/me} with {@code accessToken}, without blocking. */
    CompletableFuture<Profile> profileAsync(String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiUrl() + "/v1/me"))
                .timeout(settings.readTimeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new AccountsException(Failure.UNAVAILABLE, "Could not reach Spotify to identify you", error);
                    }
                    return profile(response);
                });
    }

    /** {@code GET /v1/me} with {@code accessToken}. */
    Profile profile(String accessToken) {
        try {
            return profileAsync(accessToken).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof AccountsException known ? known
                    : new AccountsException(Failure.UNAVAILABLE, "Could not reach Spotify to identify you", e.getCause());
        }
    }

    private Profile profile(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200) {
            Map<String, Object> me = object(response.body());
            Object id = me.get("id");
            if (!(id instanceof String text) || text.isBlank()) {
                throw new AccountsException(Failure.UNAVAILABLE, "Spotify's /v1/me answer has no user id", null);
            }
            Object name = me.get("display_name");
            return new Profile(text, name instanceof String s ? s : null);
        }
        // 400 is Spotify's answer to a token that is not even well formed.
        throw failure(status == 400 ? 401 : status, "Spotify does not accept this access token");
    }

    /** Refreshes with {@code refreshToken}; {@link Failure#REJECTED} when Spotify no longer accepts it. */
    Grant refresh(String refreshToken) {
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        String credentials = settings.clientId() + ":" + settings.clientSecret();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.accountsUrl() + "/api/token"))
                .timeout(settings.readTimeout())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AccountsException(Failure.UNAVAILABLE, "Could not reach Spotify to renew your sign-in", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountsException(Failure.UNAVAILABLE, "Interrupted while renewing your sign-in", e);
        }
        int status = response.statusCode();
        if (status != 200) {
            // 400 invalid_grant: the refresh token was revoked or replaced. Spotify answers 400 for that, not 401.
            throw failure(status == 400 ? 401 : status, "Spotify no longer accepts your sign-in; sign in again");
        }
        Map<String, Object> body = object(response.body());
        Object access = body.get("access_token");
        if (!(access instanceof String accessToken) || accessToken.isBlank()) {
            throw new AccountsException(Failure.UNAVAILABLE, "Spotify's token answer has no access token", null);
        }
        Object rotated = body.get("refresh_token");
        Object expiresIn = body.get("expires_in");
        return new Grant(accessToken, rotated instanceof String s && !s.isBlank() ? s : null,
                expiresIn instanceof Number n ? n.intValue() : null);
    }

    private Map<String, Object> object(byte[] body) {
        try {
            Map<String, Object> map = json.readValue(body, JSON_OBJECT);
            if (map == null) {
                throw new AccountsException(Failure.UNAVAILABLE, "Spotify sent an empty answer", null);
            }
            return map;
        } catch (IOException e) {
            throw new AccountsException(Failure.UNAVAILABLE, "Spotify sent an answer that is not JSON", e);
        }
    }

    private static AccountsException failure(int status, String rejectedMessage) {
        return switch (status) {
            case 401 -> new AccountsException(Failure.REJECTED, rejectedMessage, null);
            case 403 -> new AccountsException(Failure.FORBIDDEN, "Spotify refuses this user access through this app", null);
            case 429 -> new AccountsException(Failure.RATE_LIMITED, "Spotify is rate limiting this app; try again shortly", null);
            default -> new AccountsException(Failure.UNAVAILABLE, "Spotify answered HTTP " + status, null);
        };
    }
}
