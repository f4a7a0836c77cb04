package dev.playlistgateway.adapter.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException.Kind;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Answer;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Request;
import dev.playlistgateway.adapter.spotify.SpotifyTransport.Service;
import dev.playlistgateway.domain.model.MusicDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * {@link SpotifyAccounts} and the app's own token (client credentials), over the shared
 * {@link SpotifyTransport}: every call obeys the one Retry-After gate and bulkhead and is timed in
 * {@code spotify.requests} ({@code /api/token}, {@code /v1/me}). Forms carry codes and refresh tokens, so
 * they are built here and never logged. Thread safe.
 */
final class SpotifyAccountsClient implements SpotifyAccounts {

    private static final Logger log = LoggerFactory.getLogger(SpotifyAccountsClient.class);
    static final String TOKEN_ENDPOINT = "/api/token";

    private final SpotifyTransport transport;
    private final String basicAuthorization;

    SpotifyAccountsClient(SpotifyTransport transport) {
        this.transport = transport;
        SpotifySettings settings = transport.settings();
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (form(settings.clientId()) + ":" + form(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ sign-in

    @Override
    public Profile profile(String accessToken, Duration longestWait) {
        requireText(accessToken, "accessToken");
        Objects.requireNonNull(longestWait, "longestWait");
        Request request = Request.get("/v1/me", "/v1/me");
        Answer answer = send(Service.WEB_API, request, "Bearer " + accessToken,
                transport.clock().instant().plus(longestWait.isNegative() ? Duration.ZERO : longestWait));
        if (answer.ok()) {
            JsonNode me = json(answer, request);
            JsonNode id = me.path("id");
            if (!id.isTextual() || id.asText().isBlank()) {
                throw unavailable("Spotify's /v1/me answer has no user id");
            }
            JsonNode name = me.path("display_name");
            return new Profile(id.asText(), name.isTextual() ? name.asText() : null);
        }
        // 400 is Spotify's answer to a token that is not even well formed.
        throw switch (answer.status()) {
            case 400, 401 -> failure(Kind.REJECTED, "Spotify does not accept this access token (expired or invalid)");
            case 403 -> failure(Kind.FORBIDDEN, "Spotify refuses this user access through this app");
            default -> unavailable("Spotify answered /v1/me with HTTP " + answer.status());
        };
    }

    @Override
    public Grant exchange(AuthorizationCode code) {
        Objects.requireNonNull(code, "code");
        StringBuilder body = new StringBuilder("grant_type=authorization_code&code=").append(form(code.code()));
        if (code.redirectUri() != null) {
            body.append("&redirect_uri=").append(form(code.redirectUri()));
        }
        if (code.codeVerifier() != null) {
            body.append("&code_verifier=").append(form(code.codeVerifier()));
        }
        return grant(body.toString(), "Spotify did not accept the sign-in (the code is used, expired or not for this app)");
    }

    @Override
    public Grant refresh(String refreshToken) {
        requireText(refreshToken, "refreshToken");
        return grant("grant_type=refresh_token&refresh_token=" + form(refreshToken),
                "Spotify no longer accepts your sign-in; sign in again");
    }

    /** A user grant: never retried once it may have reached Spotify (a code is spent, a refresh token may rotate). */
    private Grant grant(String form, String rejectedMessage) {
        Request request = new Request("POST", TOKEN_ENDPOINT, TOKEN_ENDPOINT, form, false);
        Answer answer = send(Service.ACCOUNTS, request, basicAuthorization, transport.waitDeadline());
        if (answer.ok()) {
            JsonNode body = json(answer, request);
            JsonNode access = body.path("access_token");
            if (!access.isTextual() || access.asText().isBlank()) {
                throw unavailable("Spotify's token answer has no access token");
            }
            JsonNode refresh = body.path("refresh_token");
            JsonNode expiresIn = body.path("expires_in");
            JsonNode scope = body.path("scope");
            return new Grant(access.asText(),
                    refresh.isTextual() && !refresh.asText().isBlank() ? refresh.asText() : null,
                    expiresIn.canConvertToInt() && expiresIn.isNumber() ? expiresIn.asInt() : null,
                    scope.isTextual() ? scope.asText() : null);
        }
        ErrorBody error = answer.error();
        if (answer.status() == 401 || "invalid_client".equals(error.code())) {
            appCredentialsRefused(answer.status());
            throw unavailable("Spotify refuses the gateway's app credentials");
        }
        // 400 invalid_grant: the code or refresh token is used up, revoked or replaced (Spotify answers 400, not 401).
        throw switch (answer.status()) {
            case 400 -> failure(Kind.REJECTED, rejectedMessage);
            case 403 -> failure(Kind.FORBIDDEN, "Spotify refuses this user access through this app");
            default -> unavailable("Spotify's accounts service answered HTTP " + answer.status());
        };
    }

    // ------------------------------------------------------------------ the app's own token

    /**
     * Client credentials grant, for anonymous viewers. Retried like a read (it changes nothing at Spotify).
     *
     * @throws MusicDataException RATE_LIMITED or UPSTREAM_UNAVAILABLE, as the Web API calls that need it do
     */
    AppTokens.Token clientCredentials(Instant waitDeadline) {
        Request request = new Request("POST", TOKEN_ENDPOINT, TOKEN_ENDPOINT, "grant_type=client_credentials", true);
        Answer answer = transport.send(Service.ACCOUNTS, request, basicAuthorization, waitDeadline);
        if (answer.ok()) {
            JsonNode body = answer.json(request);
            JsonNode token = body.path("access_token");
            if (!token.isTextual() || token.asText().isBlank()) {
                throw SpotifyTransport.malformed(request);
            }
            long lifetime = body.path("expires_in").asLong(3600);
            return AppTokens.Token.expiringIn(token.asText(), Duration.ofSeconds(Math.max(1, lifetime)),
                    transport.clock().instant());
        }
        if (answer.status() == 400 || answer.status() == 401) {
            appCredentialsRefused(answer.status());
            throw new MusicDataException(MusicDataException.Failure.UPSTREAM_UNAVAILABLE, "Spotify refuses the gateway's app credentials");
        }
        throw new MusicDataException(MusicDataException.Failure.UPSTREAM_UNAVAILABLE,
                "Spotify's accounts service failed (HTTP " + answer.status() + ")");
    }

    // ------------------------------------------------------------------ helpers

    /** The transport's answer, its RATE_LIMITED and UPSTREAM_UNAVAILABLE told as this interface's failures. */
    private Answer send(Service service, Request request, String authorization, Instant waitDeadline) {
        try {
            return transport.send(service, request, authorization, waitDeadline);
        } catch (MusicDataException e) {
            if (e.failure() == MusicDataException.Failure.RATE_LIMITED) {
                throw new SpotifyAccountsException(Kind.RATE_LIMITED, e.getMessage(), e.retryAfter().orElse(null));
            }
            throw new SpotifyAccountsException(Kind.UNAVAILABLE, e.getMessage(), null);
        }
    }

    private static JsonNode json(Answer answer, Request request) {
        try {
            return answer.json(request);
        } catch (MusicDataException e) {
            throw unavailable(e.getMessage());
        }
    }

    private static void appCredentialsRefused(int status) {
        log.warn("Spotify's token endpoint refused the app's client credentials (HTTP {}): check spotify.client-id and spotify.client-secret", status);
    }

    private static SpotifyAccountsException failure(Kind kind, String message) {
        return new SpotifyAccountsException(kind, message, null);
    }

    private static SpotifyAccountsException unavailable(String message) {
        return failure(Kind.UNAVAILABLE, message);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
