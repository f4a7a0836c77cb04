package dev.playlistgateway.adapter.spotify;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.playlistgateway.adapter.spotify.SpotifyAccounts.AuthorizationCode;
import dev.playlistgateway.adapter.spotify.SpotifyAccounts.Grant;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException.Kind;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.port.PlaylistPort;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sign-in calls of the adapter (who owns a token, the code exchange, refresh): Spotify's answers
 * translated into {@link SpotifyAccountsException}, and the same gate, bulkhead and metric as the Web API
 * calls, so that a Retry-After seen by any call holds every other back.
 */
class SpotifyAccountsTest extends WireMockSpotifyTest {

    private static final String TOKENS = "{\"access_token\":\"ann-access-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
            + "\"refresh_token\":\"ann-refresh-1\",\"scope\":\"playlist-read-private user-read-private\"}";
    private static final AuthorizationCode CODE = new AuthorizationCode("code-ann", "http://127.0.0.1:8080/oauth/callback/spotify", "verifier-ann");
    private static final TrackId TRACK = TrackId.of(SpotifyFixtures.id('t', 1));

    private static SpotifyAccountsException failureOf(Runnable call) {
        return thrown(SpotifyAccountsException.class, call);
    }

    private SpotifyAccounts accounts() {
        return client(settings().build()).accounts();
    }

    private void meAnswers(int status, String body) {
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
    }

    private void tokenEndpointAnswers(int status, String body) {
        spotify.stubFor(post(urlPathEqualTo("/api/token")).atPriority(1).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
        spotify.stubFor(post(urlPathEqualTo("/api/token")).atPriority(1).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private int meCalls() {
        return calls(getRequestedFor(urlPathEqualTo("/v1/me")));
    }

    /** Closes the client's gate the way Spotify does: a 429 with Retry-After on a Web API call. */
    private void throttleWebApiFor(PlaylistPort port, int seconds) {
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", Integer.toString(seconds)).withHeader("Content-Type", "application/json")
                .withBody(SpotifyFixtures.error(429, "API rate limit exceeded"))));
        assertThatThrownBy(() -> port.tracks(Viewer.ANONYMOUS, List.of(TRACK)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED));
    }

    // ------------------------------------------------------------------ profile

    @Test
    void aProfileIsTheUserSpotifySaysOwnsTheToken() {
        meAnswers(200, ME);

        SpotifyAccounts.Profile profile = accounts().profile("ann-access-1", Duration.ZERO);

        assertThat(profile).isEqualTo(new SpotifyAccounts.Profile("ann", "Ann"));
        assertThat(spotify.findAll(getRequestedFor(urlPathEqualTo("/v1/me")))).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer ann-access-1"));
        assertThat(meters.find("spotify.requests").tag("endpoint", "/v1/me").tag("status", "200").timer().count()).isEqualTo(1);
    }

    @Test
    void aTokenSpotifyRejectsIsRejectedAndNeverRefreshedOrRetried() {
        meAnswers(401, SpotifyFixtures.error(401, "The access token expired"));
        assertThat(failureOf(() -> accounts().profile("old-token", Duration.ZERO)).kind()).isEqualTo(Kind.REJECTED);
        assertThat(meCalls()).isEqualTo(1);

        meAnswers(400, SpotifyFixtures.error(400, "Only valid bearer authentication supported"));
        assertThat(failureOf(() -> accounts().profile("not a token", Duration.ZERO)).kind()).isEqualTo(Kind.REJECTED);
        assertThat(tokenCalls()).isZero();
    }

    @Test
    void aUserTheAppMayNotServeIsForbidden() {
        meAnswers(403, SpotifyFixtures.error(403, "User not registered in the Developer Dashboard"));

        assertThat(failureOf(() -> accounts().profile("dev-mode-stranger", Duration.ZERO)).kind()).isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void aFailingSpotifyIsUnavailableAfterTheReadRetriesAndAnAnswerWithoutAnIdToo() {
        meAnswers(503, "");
        SpotifyAccountsException failure = failureOf(() -> client(settings().readRetries(2).build()).accounts()
                .profile("ann-access-1", Duration.ZERO));
        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(meCalls()).isEqualTo(3);

        meAnswers(200, "{\"display_name\":\"No id\"}");
        assertThat(failureOf(() -> accounts().profile("ann-access-1", Duration.ZERO)).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void whileTheGateIsClosedAProfileAnswersAtOnceWithoutACall() {
        Spotify client = client(settings().maxWait(Duration.ofSeconds(5)).build());
        meAnswers(200, ME);
        throttleWebApiFor(client.playlistPort(SpotifyUserTokens.NONE), 60);
        long started = System.nanoTime();

        SpotifyAccountsException failure = failureOf(() -> client.accounts().profile("ann-access-1", Duration.ZERO));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(50L, 60L));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(meCalls()).isZero();
    }

    @Test
    void aRetryAfterOnAProfileHoldsBackTheWebApiCallsToo() {
        Spotify client = client(settings().maxWait(Duration.ofSeconds(1)).build());
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")
                .withHeader("Content-Type", "application/json").withBody(SpotifyFixtures.error(429, "API rate limit exceeded"))));
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).willReturn(aResponse().withTransformers("catalogue")));

        assertThat(failureOf(() -> client.accounts().profile("ann-access-1", Duration.ZERO)).kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThatThrownBy(() -> client.playlistPort(SpotifyUserTokens.NONE).tracks(Viewer.ANONYMOUS, List.of(TRACK)))
                .isInstanceOfSatisfying(MusicDataException.class, e -> assertThat(e.failure()).isEqualTo(Failure.RATE_LIMITED));

        assertThat(meCalls()).isEqualTo(1);
        assertThat(spotify.getAllServeEvents()).hasSize(1); // not even the app token
    }

    // ------------------------------------------------------------------ the code exchange

    @Test
    void aCodeIsExchangedWithItsVerifierRedirectUriAndTheAppsCredentials() {
        tokenEndpointAnswers(200, TOKENS);

        Grant grant = accounts().exchange(CODE);

        assertThat(grant.accessToken()).isEqualTo("ann-access-1");
        assertThat(grant.refreshToken()).isEqualTo("ann-refresh-1");
        assertThat(grant.expiresIn()).isEqualTo(3600);
        assertThat(grant.scope()).isEqualTo("playlist-read-private user-read-private");
        assertThat(grant.toString()).doesNotContain("ann-access-1").doesNotContain("ann-refresh-1");
        assertThat(CODE.toString()).doesNotContain("code-ann").doesNotContain("verifier-ann");
        LoggedRequest exchange = spotify.findAll(postRequestedFor(urlPathEqualTo("/api/token"))).get(0);
        assertThat(exchange.getBodyAsString()).isEqualTo("grant_type=authorization_code&code=code-ann"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Foauth%2Fcallback%2Fspotify&code_verifier=verifier-ann");
        assertThat(exchange.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(exchange.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("client-id:client-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(meters.find("spotify.requests").tag("endpoint", "/api/token").tag("method", "POST").tag("status", "200")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aCodeSpotifyRefusesIsRejectedAndBadAppCredentialsAreUnavailable() {
        tokenEndpointAnswers(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}");
        SpotifyAccountsException refused = failureOf(() -> accounts().exchange(CODE));
        assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
        assertThat(refused.getMessage()).doesNotContain("code-ann");

        tokenEndpointAnswers(400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret\"}");
        assertThat(failureOf(() -> accounts().exchange(CODE)).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void aCodeExchangeThatMayHaveReachedSpotifyIsNotRetried() {
        tokenEndpointAnswers(503, "");

        SpotifyAccountsException failure = failureOf(() -> client(settings().readRetries(2).build()).accounts().exchange(CODE));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(tokenCalls()).isEqualTo(1);
    }

    @Test
    void whileTheGateIsClosedASignInAndARefreshMakeNoCall() {
        Spotify client = client(settings().maxWait(Duration.ofSeconds(2)).build());
        tokenEndpointAnswers(200, TOKENS);
        throttleWebApiFor(client.playlistPort(SpotifyUserTokens.NONE), 60);
        int before = tokenCalls(); // the app token the throttled read fetched first

        SpotifyAccountsException signIn = failureOf(() -> client.accounts().exchange(CODE));
        SpotifyAccountsException refresh = failureOf(() -> client.accounts().refresh("ann-refresh-1"));

        assertThat(List.of(signIn, refresh)).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).isPresent();
        });
        assertThat(tokenCalls()).isEqualTo(before);
        assertThat(meters.counter("spotify.throttle.rejections").count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aShortRetryAfterIsWaitedOutByASignIn() {
        Spotify client = client(settings().maxWait(Duration.ofSeconds(5)).build());
        tokenEndpointAnswers(200, TOKENS);
        throttleWebApiFor(client.playlistPort(SpotifyUserTokens.NONE), 1);
        long started = System.nanoTime();

        assertThat(client.accounts().exchange(CODE).accessToken()).isEqualTo("ann-access-1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    // ------------------------------------------------------------------ refresh

    @Test
    void aRefreshMayRotateTheRefreshTokenOrKeepIt() {
        spotify.stubFor(post(urlPathEqualTo("/api/token")).atPriority(1).withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r1"))
                .willReturn(okJson("{\"access_token\":\"a2\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"r2\"}")));
        spotify.stubFor(post(urlPathEqualTo("/api/token")).atPriority(1).withRequestBody(equalTo("grant_type=refresh_token&refresh_token=r2"))
                .willReturn(okJson("{\"access_token\":\"a3\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));

        assertThat(accounts().refresh("r1")).isEqualTo(new Grant("a2", "r2", 3600, null));
        assertThat(accounts().refresh("r2")).isEqualTo(new Grant("a3", null, 3600, null));
    }

    @Test
    void aRefreshTokenSpotifyNoLongerAcceptsIsRejectedAndAFailedRefreshIsNotRetried() {
        tokenEndpointAnswers(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}");
        assertThat(failureOf(() -> accounts().refresh("revoked")).kind()).isEqualTo(Kind.REJECTED);

        tokenEndpointAnswers(500, "");
        int before = tokenCalls();
        assertThat(failureOf(() -> client(settings().readRetries(2).build()).accounts().refresh("r1")).kind())
                .isEqualTo(Kind.UNAVAILABLE);
        assertThat(tokenCalls() - before).isEqualTo(1);
    }

    // ------------------------------------------------------------------ one bulkhead

    @Test
    void signInCallsAndWebApiCallsShareOneBulkhead() throws Exception {
        Spotify client = client(settings().maxConcurrentCalls(1).build());
        spotify.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(okJson(ME).withFixedDelay(300)));
        // A plain answer (a transformer's answer would drop the delay).
        String tracks = SpotifyFixtures.JSON.createObjectNode().set("tracks", SpotifyFixtures.JSON.createArrayNode()
                .add(SpotifyFixtures.track(SpotifyFixtures.id('t', 1), SpotifyFixtures.Shape.EXTENDED))).toString();
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks")).willReturn(okJson(tracks).withFixedDelay(300)));
        client.playlistPort(SpotifyUserTokens.NONE).tracks(Viewer.ANONYMOUS, List.of(TRACK)); // the app token, once

        CompletableFuture<?> profile = CompletableFuture.runAsync(() -> client.accounts().profile("ann-access-1", Duration.ZERO));
        CompletableFuture<?> read = CompletableFuture.runAsync(() ->
                client.playlistPort(SpotifyUserTokens.NONE).tracks(Viewer.ANONYMOUS, List.of(TRACK)));
        CompletableFuture.allOf(profile, read).get();

        java.util.Comparator<LoggedRequest> byTime = java.util.Comparator.comparing(LoggedRequest::getLoggedDate);
        List<LoggedRequest> both = new java.util.ArrayList<>(spotify.findAll(getRequestedFor(urlPathEqualTo("/v1/me"))));
        both.add(spotify.findAll(getRequestedFor(urlPathEqualTo("/v1/tracks"))).stream().sorted(byTime).toList().get(1));
        both.sort(byTime);
        // With one slot, the second call starts only after the first one's 300 ms answer.
        assertThat(both.get(1).getLoggedDate().getTime() - both.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(290);
    }
}
