package dev.playlistgateway.app.http;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The least Spotify the gateway starts against in Spotify mode, on WireMock, answering as Spotify
 * documents: the accounts service grants the app token (client credentials) and refuses every code
 * ({@code 400 invalid_grant}); the Web API answers every user token {@code 401} and every id {@code 404}.
 */
final class SpotifyStandIn {
    private SpotifyStandIn() {
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/token")).withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(json(200, "{\"access_token\":\"app-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        server.stubFor(post(urlPathEqualTo("/api/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}")));
        server.stubFor(any(urlPathEqualTo("/v1/me"))
                .willReturn(json(401, "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}")));
        server.stubFor(any(urlPathMatching("/v1/(?!me$).*")).atPriority(10)
                .willReturn(json(404, "{\"error\":{\"status\":404,\"message\":\"Resource not found\"}}")));
        return server;
    }

    /** The gateway in Spotify mode against {@code server}: no read retries, so failures show at once. */
    static Map<String, String> gatewayProperties(WireMockServer server) {
        return Map.of(
                "spotify.client-id", "test-client",
                "spotify.client-secret", "test-secret",
                "spotify.api-url", server.baseUrl(),
                "spotify.accounts-url", server.baseUrl(),
                "spotify.api-mode", "extended",
                "spotify.read-retries", "0");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
