package dev.playlistgateway.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Spotify for sign-in tests, on WireMock: the accounts service ({@code /authorize} is never called by the
 * gateway itself; {@code /api/token} answers the grants a test sets up) and the Web API, which answers by
 * the Bearer token it receives, as Spotify does: {@code /v1/me} is the token's user, a private playlist is
 * visible to its owner only (404 for anyone else, as Spotify answers), public ones to every valid token.
 * JSON is shaped like Spotify's (full playlist objects with a paging object of items, error objects).
 */
public final class SpotifyStub implements AutoCloseable {
    public static final String APP_TOKEN = "app-token-0001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record StubPlaylist(String id, String owner, boolean isPublic) {
    }

    private final Map<String, String> users = new ConcurrentHashMap<>();       // access token -> user id
    private final Map<String, StubPlaylist> playlists = new ConcurrentHashMap<>();
    /** While positive, the Web API answers every call 429 with this Retry-After (seconds). */
    private volatile int throttleSeconds;
    public final WireMockServer server;

    public SpotifyStub() {
        server = new WireMockServer(options().dynamicPort().extensions(new Api()));
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/token")).withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(json(200, "{\"access_token\":\"" + APP_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        server.stubFor(get(urlPathMatching("/v1/.*")).willReturn(aResponse().withTransformers("spotify-web-api")));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The gateway in Spotify mode against this stub: full API, no read retries (failures show at once). */
    public Map<String, String> gatewayProperties() {
        return gatewayProperties(baseUrl());
    }

    /** As {@link #gatewayProperties()}, with the accounts service somewhere else (an unreachable port, say). */
    public Map<String, String> gatewayProperties(String accountsUrl) {
        return Map.of(
                "spotify.client-id", "test-client",
                "spotify.client-secret", "test-secret",
                "spotify.api-url", baseUrl(),
                "spotify.accounts-url", accountsUrl,
                "spotify.api-mode", "extended",
                "spotify.read-retries", "0");
    }

    /** Spotify accepts {@code accessToken} as {@code userId}'s. */
    public void acceptToken(String accessToken, String userId) {
        users.put(accessToken, userId);
    }

    /** Spotify no longer accepts {@code accessToken} (expired). */
    public void expireToken(String accessToken) {
        users.remove(accessToken);
    }

    public void playlist(String id, String owner, boolean isPublic) {
        playlists.put(id, new StubPlaylist(id, owner, isPublic));
    }

    /** The token endpoint exchanges {@code code} for these tokens (and then accepts the access token as {@code user}'s). */
    public void codeGrant(String code, String user, String accessToken, String refreshToken, int expiresIn) {
        acceptToken(accessToken, user);
        server.stubFor(post(urlPathEqualTo("/api/token")).withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(matching("(.*&)?code=" + code + "(&.*)?")).atPriority(1)
                .willReturn(json(200, tokens(accessToken, refreshToken, expiresIn))));
    }

    /** The token endpoint refuses to exchange {@code code}, as Spotify does for a used or expired one: 400 invalid_grant. */
    public void refuseCode(String code) {
        server.stubFor(post(urlPathEqualTo("/api/token")).withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(matching("(.*&)?code=" + code + "(&.*)?")).atPriority(1)
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}")));
    }

    /**
     * The token endpoint refreshes with {@code refreshToken}, answering after {@code delayMs}; a null
     * {@code rotatedRefreshToken} means Spotify does not rotate it.
     */
    public void refreshGrant(String refreshToken, String user, String newAccessToken, String rotatedRefreshToken,
                      int expiresIn, int delayMs) {
        acceptToken(newAccessToken, user);
        server.stubFor(post(urlPathEqualTo("/api/token")).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(matching("(.*&)?refresh_token=" + refreshToken + "(&.*)?")).atPriority(1)
                .willReturn(json(200, tokens(newAccessToken, rotatedRefreshToken, expiresIn)).withFixedDelay(delayMs)));
    }

    /** Any other refresh token is refused, as Spotify does for a revoked or replaced one. */
    public void refuseUnknownRefreshTokens() {
        server.stubFor(post(urlPathEqualTo("/api/token")).withRequestBody(containing("grant_type=refresh_token")).atPriority(5)
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}")));
    }

    /**
     * From now on the Web API answers every call {@code 429 Too Many Requests} with {@code Retry-After}, as Spotify
     * does when the app is over its rate limit (the accounts service still answers).
     */
    public void throttle(int retryAfterSeconds) {
        throttleSeconds = retryAfterSeconds;
    }

    /** The {@code /v1/me} calls made with {@code accessToken}: the gateway's lookups of whose token it is. */
    public List<LoggedRequest> meLookups(String accessToken) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer " + accessToken)));
    }

    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlPathMatching(".*")));
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String tokens(String access, String refresh, int expiresIn) {
        ObjectNode body = JSON.createObjectNode();
        body.put("access_token", access).put("token_type", "Bearer").put("expires_in", expiresIn)
                .put("scope", "playlist-read-private playlist-read-collaborative playlist-modify-public "
                        + "playlist-modify-private user-read-private user-read-email");
        if (refresh != null) {
            body.put("refresh_token", refresh);
        }
        return body.toString();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    private static ResponseDefinition answer(int status, String body) {
        return json(status, body).build();
    }

    private static String error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("status", status).put("message", message);
        return root.toString();
    }

    /** The Web API: answers by the Bearer token received. */
    private final class Api implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            int throttled = throttleSeconds;
            if (throttled > 0) {
                return json(429, error(429, "API rate limit exceeded")).withHeader("Retry-After", Integer.toString(throttled)).build();
            }
            String authorization = request.getHeader("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
            boolean app = token.equals(APP_TOKEN);
            String user = users.get(token);
            if (!app && user == null) {
                return answer(401, error(401, token.isEmpty() ? "No token provided" : "The access token expired"));
            }
            String path = request.getUrl().replaceAll("\\?.*", "");
            if (path.equals("/v1/me")) {
                return app ? answer(401, error(401, "This request requires user authentication."))
                        : answer(200, user(user, true).toString());
            }
            String[] parts = path.split("/"); // "", v1, playlists, id[, items]
            if (parts.length >= 4 && parts[2].equals("playlists")) {
                StubPlaylist playlist = playlists.get(parts[3]);
                if (playlist == null || (!playlist.isPublic() && !playlist.owner().equals(user))) {
                    return answer(404, error(404, "Resource not found"));
                }
                if (parts.length == 4) {
                    return answer(200, fullPlaylist(playlist).toString());
                }
                return answer(200, items(playlist).toString());
            }
            return answer(404, error(404, "Service not found"));
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "spotify-web-api";
        }
    }

    private static ObjectNode user(String id, boolean full) {
        ObjectNode user = JSON.createObjectNode();
        user.put("display_name", "Display " + id);
        user.putObject("external_urls").put("spotify", "https://open.spotify.com/user/" + id);
        user.put("href", "https://api.spotify.com/v1/users/" + id).put("id", id);
        if (full) {
            user.put("email", id + "@example.com").put("product", "premium").put("country", "SE");
            user.putObject("followers").putNull("href").put("total", 0);
            user.putArray("images");
        }
        user.put("type", "user").put("uri", "spotify:user:" + id);
        return user;
    }

    private static ObjectNode fullPlaylist(StubPlaylist stub) {
        ObjectNode playlist = JSON.createObjectNode();
        playlist.put("collaborative", false);
        playlist.put("description", "Songs of " + stub.owner());
        playlist.putObject("external_urls").put("spotify", "https://open.spotify.com/playlist/" + stub.id());
        playlist.put("href", "https://api.spotify.com/v1/playlists/" + stub.id());
        playlist.put("id", stub.id());
        playlist.putArray("images");
        playlist.put("name", "Playlist " + stub.id() + " of " + stub.owner());
        playlist.set("owner", user(stub.owner(), false));
        playlist.putNull("primary_color");
        playlist.put("public", stub.isPublic());
        playlist.put("snapshot_id", "AAAAAQ" + stub.id().substring(0, 6));
        playlist.set("tracks", items(stub));
        playlist.put("type", "playlist");
        playlist.put("uri", "spotify:playlist:" + stub.id());
        return playlist;
    }

    /** An empty first page of items: these tests are about who may read, not about tracks. */
    private static ObjectNode items(StubPlaylist stub) {
        ObjectNode paging = JSON.createObjectNode();
        paging.put("href", "https://api.spotify.com/v1/playlists/" + stub.id() + "/tracks?offset=0&limit=100");
        ArrayNode items = paging.putArray("items");
        paging.put("limit", 100).putNull("next").put("offset", 0).putNull("previous").put("total", items.size());
        return paging;
    }
}
