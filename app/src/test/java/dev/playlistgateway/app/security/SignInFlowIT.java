package dev.playlistgateway.app.security;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.playlistgateway.app.security.session.SessionRecord;
import dev.playlistgateway.app.security.session.Sessions;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Spotify end to end, against a WireMock Spotify, with a browser that keeps cookies: the
 * authorize redirect (client id, PKCE, state), the callback and code exchange, {@code /v1/me}, the session
 * cookie, queries on the session's token, refresh under concurrency, logout, CSRF rules, anonymous access,
 * and two users who cannot see each other's private playlists. Each test uses its own users and playlists.
 */
@MicronautTest
class SignInFlowIT extends SpotifyStubGateway {
    @Inject
    Sessions sessions;

    private String base;

    @Override
    protected Map<String, String> gatewayProperties(SpotifyStub spotify) {
        spotify.refuseUnknownRefreshTokens();
        return spotify.gatewayProperties();
    }

    @BeforeEach
    void setUp() {
        base = "http://127.0.0.1:" + server.getPort();
    }

    /** A 22-character Spotify-like playlist id. */
    private static String playlistId(String tag) {
        String id = tag.replaceAll("[^A-Za-z0-9]", "") + "0000000000000000000000";
        return id.substring(0, 22);
    }

    private List<LoggedRequest> apiCalls(String path) {
        return spotify.server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    // ------------------------------------------------------------------ the login

    @Test
    void loginRedirectsToSpotifysAuthorizePageWithClientIdPkceAndState() {
        HttpResponse<String> login = browser().get("/oauth/login/spotify");

        assertThat(login.statusCode()).isEqualTo(302);
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(spotify.baseUrl() + "/authorize?");
        Map<String, String> query = Browser.queryOf(location);
        assertThat(query).containsEntry("client_id", "test-client")
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", base + "/oauth/callback/spotify")
                .containsEntry("code_challenge_method", "S256");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_\\-]{43}");
        assertThat(query.get("state")).isNotBlank();
        assertThat(query.get("scope").split(" ")).containsExactlyInAnyOrder("playlist-read-private",
                "playlist-read-collaborative", "playlist-modify-public", "playlist-modify-private",
                "user-read-private", "user-read-email");
    }

    @Test
    void aFullLoginGivesASmallHttpOnlyCookieWithNoTokenAndASessionThatQueriesWithTheUsersToken() throws Exception {
        spotify.codeGrant("code-ann", "ann", "ann-access-1", "ann-refresh-1", 3600);
        String mine = playlistId("annprivate");
        spotify.playlist(mine, "ann", false);
        Browser browser = browser();
        List<HttpResponse<String>> responses = new ArrayList<>();

        HttpResponse<String> login = browser.get("/oauth/login/spotify");
        responses.add(login);
        Map<String, String> authorize = Browser.queryOf(login.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> callback = browser.get("/oauth/callback/spotify?code=code-ann&state="
                + java.net.URLEncoder.encode(authorize.get("state"), StandardCharsets.UTF_8));
        responses.add(callback);

        // The code was exchanged with the PKCE verifier that matches the challenge, and the client's credentials.
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValue("/graphiql");
        LoggedRequest exchange = spotify.server.findAll(postRequestedFor(urlPathEqualTo("/api/token"))
                .withRequestBody(containing("grant_type=authorization_code"))).stream()
                .filter(r -> r.getBodyAsString().contains("code=code-ann")).findFirst().orElseThrow();
        Map<String, String> form = Browser.queryOf("http://x/?" + exchange.getBodyAsString());
        assertThat(s256(form.get("code_verifier"))).isEqualTo(authorize.get("code_challenge"));
        assertThat(form.get("redirect_uri")).isEqualTo(base + "/oauth/callback/spotify");
        assertThat(exchange.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("test-client:test-secret".getBytes(StandardCharsets.UTF_8)));
        spotify.server.verify(getRequestedFor(urlPathEqualTo("/v1/me")).withHeader("Authorization", equalTo("Bearer ann-access-1")));

        // One small cookie: the session id only, HttpOnly, SameSite=Lax, not Secure over plain HTTP.
        String setCookie = callback.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("pgw_session=")).findFirst().orElseThrow();
        assertThat(setCookie.getBytes(StandardCharsets.UTF_8).length).isLessThan(300);
        assertThat(setCookie).containsIgnoringCase("; HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContainIgnoringCase("Secure");
        assertThat(browser.sessionCookie()).matches("[A-Za-z0-9_\\-]{43}");

        Browser.GraphQLResponse me = browser.graphql("{ me { id: spotifyId displayName } }");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.errorCodes()).isEmpty();
        assertThat(me.<String>at("data.me.id")).isEqualTo("ann");
        assertThat(me.<String>at("data.me.displayName")).isEqualTo("Display ann");

        Browser.GraphQLResponse playlist = browser.graphql(playlistQuery(mine));
        assertThat(playlist.errorCodes()).isEmpty();
        assertThat(playlist.<String>at("data.playlist.owner.id")).isEqualTo("ann");
        assertThat(apiCalls("/v1/playlists/" + mine)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer ann-access-1"));

        // No token material anywhere the browser can see.
        responses.add(me.raw());
        responses.add(playlist.raw());
        for (HttpResponse<String> response : responses) {
            for (String secret : List.of("ann-access-1", "ann-refresh-1", "test-secret")) {
                assertThat(response.body()).doesNotContain(secret);
                assertThat(response.headers().map().toString()).doesNotContain(secret);
            }
        }
        assertThat(browser.cookies()).allSatisfy(c -> assertThat(c.getValue()).doesNotContain("ann-access-1")
                .doesNotContain("ann-refresh-1"));
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() {
        spotify.codeGrant("code-sue", "sue", "sue-access-1", "sue-refresh-1", 3600);

        HttpResponse<String> callback = browser().signInWithSpotify("code-sue", "X-Forwarded-Proto", "https");

        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("pgw_session="))
                .singleElement().satisfies(c -> assertThat(c).contains("; Secure").containsIgnoringCase("; HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void aCallbackWhoseStateDoesNotMatchSignsNobodyIn() {
        spotify.codeGrant("code-eve", "eve", "eve-access-1", "eve-refresh-1", 3600);
        Browser browser = browser();
        browser.get("/oauth/login/spotify");

        HttpResponse<String> callback = browser.get("/oauth/callback/spotify?code=code-eve&state=forged");

        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValue("/graphiql?login=failed");
        assertThat(browser.sessionCookie()).isNull();
        spotify.server.verify(0, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("code=code-eve")));
        assertThat(browser.graphql("{ me { id: spotifyId } }").<Object>at("data.me")).isNull();
    }

    @Test
    void aSpotifyUserIdTheGatewayCannotUseFailsTheSignInIntoTheFailureRedirect() {
        spotify.codeGrant("code-colon", "a:b", "colon-access-1", "colon-refresh-1", 3600);
        Browser browser = browser();

        HttpResponse<String> callback = browser.signInWithSpotify("code-colon");

        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValue("/graphiql?login=failed");
        assertThat(callback.headers().allValues("Set-Cookie")).noneSatisfy(c -> assertThat(c).startsWith("pgw_session="));
        assertThat(browser.sessionCookie()).isNull();
        Browser.GraphQLResponse me = browser.graphql("{ me { id: spotifyId } }");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.<Object>at("data.me")).isNull();
    }

    @Test
    void aStoredSessionWhoseUserIdIsNotValidCountsAsNoSessionAndItsCookieIsCleared() {
        // Sessions stored before sign-in validated the id: the store may still hold one.
        String id = sessions.create(SessionRecord.signedIn("a:b", "Colon", "colon-access-2", "colon-refresh-2", 3600,
                sessions.now(), sessions.ttl()));
        Browser browser = browser();
        String cookie = "pgw_session=" + id;

        Browser.GraphQLResponse me = browser.graphql("{ me { id: spotifyId } }", "Cookie", cookie);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.errorCodes()).isEmpty();
        assertThat(me.<Object>at("data.me")).isNull();
        assertThat(me.raw().headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("pgw_session=;").contains("Max-Age=0"));
        assertThat(me.raw().body()).doesNotContain("Not a valid user id");
        assertThat(sessions.find(Sessions.handleOf(id))).isEmpty();
        String playlist = playlistId("colonprivate");
        Browser.GraphQLResponse mutation = browser.graphql("mutation { addTracksToPlaylist(playlistId: \"" + playlist
                + "\", trackIds: [\"4uLU6hMCjMI75M1A2tKUQC\"]) { id: spotifyId } }", "Cookie", cookie);
        assertThat(mutation.status()).isEqualTo(200);
        assertThat(mutation.errorCodes()).containsExactly("UNAUTHENTICATED");
    }

    // ------------------------------------------------------------------ refresh

    @Test
    void anExpiredAccessTokenIsRefreshedOnceForManyConcurrentRequestsAndTheRotatedRefreshTokenIsUsedNext() throws Exception {
        spotify.codeGrant("code-rita", "rita", "rita-access-1", "rita-refresh-1", 1); // renewed after 0.5 s
        spotify.refreshGrant("rita-refresh-1", "rita", "rita-access-2", "rita-refresh-2", 1, 300);
        spotify.refreshGrant("rita-refresh-2", "rita", "rita-access-3", null, 3600, 0);
        Browser browser = browser();
        browser.signInWithSpotify("code-rita");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(playlistId("rita" + (char) ('a' + i)));
            spotify.playlist(ids.get(i), "rita", false);
        }
        Thread.sleep(700);

        List<Browser.GraphQLResponse> answers = concurrently(ids.stream()
                .<Callable<Browser.GraphQLResponse>>map(id -> () -> browser.graphql(playlistQuery(id))).toList());

        assertThat(answers).allSatisfy(a -> assertThat(a.errorCodes()).isEmpty());
        spotify.server.verify(1, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("refresh_token=rita-refresh-1")));
        for (String id : ids) {
            assertThat(apiCalls("/v1/playlists/" + id)).singleElement()
                    .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer rita-access-2"));
        }

        Thread.sleep(700);
        String later = playlistId("ritalater");
        spotify.playlist(later, "rita", false);
        assertThat(browser.graphql(playlistQuery(later)).errorCodes()).isEmpty();

        spotify.server.verify(1, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("refresh_token=rita-refresh-2")));
        spotify.server.verify(1, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("refresh_token=rita-refresh-1")));
        assertThat(apiCalls("/v1/playlists/" + later)).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer rita-access-3"));
    }

    @Test
    void aTokenSpotifyRejectsIsRefreshedOnceAndTheRequestRetried() {
        spotify.codeGrant("code-otto", "otto", "otto-access-1", "otto-refresh-1", 3600);
        Browser browser = browser();
        browser.signInWithSpotify("code-otto");
        spotify.expireToken("otto-access-1"); // Spotify revokes it early: 401
        spotify.refreshGrant("otto-refresh-1", "otto", "otto-access-2", null, 3600, 0);
        String id = playlistId("otto");
        spotify.playlist(id, "otto", false);

        Browser.GraphQLResponse answer = browser.graphql(playlistQuery(id));

        assertThat(answer.errorCodes()).isEmpty();
        assertThat(apiCalls("/v1/playlists/" + id)).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer otto-access-1", "Bearer otto-access-2");
        spotify.server.verify(1, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("refresh_token=otto-refresh-1")));
    }

    @Test
    void aRefreshTokenSpotifyRefusesEndsTheSession() throws Exception {
        spotify.codeGrant("code-rex", "rex", "rex-access-1", "rex-refresh-unknown", 1);
        Browser browser = browser();
        browser.signInWithSpotify("code-rex");
        Thread.sleep(700);
        String id = playlistId("rexprivate");
        spotify.playlist(id, "rex", false);

        Browser.GraphQLResponse answer = browser.graphql(playlistQuery(id));

        assertThat(answer.errorCodes()).containsExactly("UNAUTHENTICATED");
        // The session is gone: the cookie now authenticates nothing (and is cleared).
        Browser.GraphQLResponse me = browser.graphql("{ me { id: spotifyId } }");
        assertThat(me.<Object>at("data.me")).isNull();
        assertThat(browser.sessionCookie()).isNull();
    }

    // ------------------------------------------------------------------ logout

    @Test
    void logoutDeletesTheSessionSoTheOldCookieAuthenticatesNothing() {
        spotify.codeGrant("code-lena", "lena", "lena-access-1", "lena-refresh-1", 3600);
        Browser browser = browser();
        browser.signInWithSpotify("code-lena");
        String oldCookie = browser.sessionCookie();
        assertThat(browser.graphql("{ me { id: spotifyId } }").<String>at("data.me.id")).isEqualTo("lena");

        HttpResponse<String> logout = browser.post("/logout", "application/x-www-form-urlencoded", "");

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Location")).hasValue("/graphiql");
        assertThat(logout.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("pgw_session=;").contains("Max-Age=0"));
        assertThat(browser.sessionCookie()).isNull();

        // Someone who kept the old cookie gets nothing with it.
        Browser replay = browser();
        String cookie = "pgw_session=" + oldCookie;
        Browser.GraphQLResponse me = replay.graphql("{ me { id: spotifyId } }", "Cookie", cookie);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.<Object>at("data.me")).isNull();
        String playlist = playlistId("lenaprivate");
        spotify.playlist(playlist, "lena", false);
        Browser.GraphQLResponse mutation = replay.graphql("mutation { addTracksToPlaylist(playlistId: \"" + playlist
                + "\", trackIds: [\"4uLU6hMCjMI75M1A2tKUQC\"]) { id: spotifyId } }", "Cookie", cookie);
        assertThat(mutation.errorCodes()).containsExactly("UNAUTHENTICATED");
        assertThat(mutation.raw().headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("Max-Age=0"));
    }

    @Test
    void aJsonLogoutAnswersNoContent() {
        spotify.codeGrant("code-jo", "jo", "jo-access-1", "jo-refresh-1", 3600);
        Browser browser = browser();
        browser.signInWithSpotify("code-jo");

        HttpResponse<String> logout = browser.post("/logout", "application/json", "{}");

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(browser.graphql("{ me { id: spotifyId } }").<Object>at("data.me")).isNull();
    }

    // ------------------------------------------------------------------ CSRF

    @Test
    void aCookieAuthenticatedPostMustBeJson() {
        spotify.codeGrant("code-carl", "carl", "carl-access-1", "carl-refresh-1", 3600);
        Browser browser = browser();
        browser.signInWithSpotify("code-carl");

        Browser.GraphQLResponse graphqlBody = Browser.GraphQLResponse.of(browser.post("/graphql", "application/graphql", "{ me { id: spotifyId } }"));
        Browser.GraphQLResponse queryInUrl = Browser.GraphQLResponse.of(browser.post("/graphql?query=%7B%20me%20%7B%20id%20%7D%20%7D",
                "application/x-www-form-urlencoded", ""));
        Browser.GraphQLResponse json = browser.graphql("{ me { id: spotifyId } }");

        assertThat(graphqlBody.status()).isEqualTo(403);
        assertThat(graphqlBody.errorCodes()).containsExactly("FORBIDDEN");
        assertThat(queryInUrl.status()).isEqualTo(403);
        assertThat(queryInUrl.errorCodes()).containsExactly("FORBIDDEN");
        assertThat(json.<String>at("data.me.id")).isEqualTo("carl");
        // Without the cookie, the same application/graphql POST is not a CSRF risk: it runs, anonymously.
        Browser.GraphQLResponse anonymous = Browser.GraphQLResponse.of(browser().post("/graphql", "application/graphql", "{ me { id: spotifyId } }"));
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.<Object>at("data.me")).isNull();
    }

    @Test
    void aCookieAuthenticatedGetRunsQueriesButNeverMutations() {
        spotify.codeGrant("code-gus", "gus", "gus-access-1", "gus-refresh-1", 3600);
        String playlist = playlistId("gusprivate");
        spotify.playlist(playlist, "gus", false);
        Browser browser = browser();
        browser.signInWithSpotify("code-gus");

        Browser.GraphQLResponse query = browser.graphqlGet("{ me { id: spotifyId } }");
        Browser.GraphQLResponse mutation = browser.graphqlGet("mutation { addTracksToPlaylist(playlistId: \"" + playlist
                + "\", trackIds: [\"4uLU6hMCjMI75M1A2tKUQC\"]) { id: spotifyId } }");

        assertThat(query.<String>at("data.me.id")).isEqualTo("gus");
        assertThat(mutation.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(spotify.server.findAll(postRequestedFor(urlPathMatching("/v1/playlists/.*")))).isEmpty();
    }

    // ------------------------------------------------------------------ anonymous, two users

    @Test
    void anonymousCallersReadPublicDataThroughTheAppTokenAndHaveNoMe() {
        String open = playlistId("zedpublic");
        spotify.playlist(open, "zed", true);
        Browser browser = browser();

        Browser.GraphQLResponse me = browser.graphql("{ me { id: spotifyId } }");
        Browser.GraphQLResponse playlist = browser.graphql(playlistQuery(open));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.errorCodes()).isEmpty();
        assertThat(me.<Object>at("data.me")).isNull();
        assertThat(playlist.<String>at("data.playlist.owner.id")).isEqualTo("zed");
        assertThat(apiCalls("/v1/playlists/" + open)).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SpotifyStub.APP_TOKEN));
        assertThat(me.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(browser.cookies()).isEmpty();
    }

    @Test
    void twoUsersCannotReadEachOthersPrivatePlaylistFromSpotifyOrFromAnyCache() {
        spotify.codeGrant("code-amy", "amy", "amy-access-1", "amy-refresh-1", 3600);
        spotify.codeGrant("code-bob", "bob", "bob-access-1", "bob-refresh-1", 3600);
        String amys = playlistId("amyprivate");
        String bobs = playlistId("bobprivate");
        spotify.playlist(amys, "amy", false);
        spotify.playlist(bobs, "bob", false);
        Browser amy = browser();
        Browser bob = browser();
        amy.signInWithSpotify("code-amy");
        bob.signInWithSpotify("code-bob");

        // Each reads their own first, so that it is in the gateway's cache when the other asks.
        assertThat(amy.graphql(playlistQuery(amys)).<String>at("data.playlist.owner.id")).isEqualTo("amy");
        assertThat(bob.graphql(playlistQuery(bobs)).<String>at("data.playlist.owner.id")).isEqualTo("bob");

        for (int round = 0; round < 2; round++) {
            Browser.GraphQLResponse bobReadsAmys = bob.graphql(playlistQuery(amys));
            Browser.GraphQLResponse amyReadsBobs = amy.graphql(playlistQuery(bobs));
            assertThat(bobReadsAmys.<Object>at("data.playlist")).isNull();
            assertThat(bobReadsAmys.errorCodes()).containsExactly("NOT_FOUND");
            assertThat(bobReadsAmys.raw().body()).doesNotContain(" of amy");
            assertThat(amyReadsBobs.<Object>at("data.playlist")).isNull();
            assertThat(amyReadsBobs.errorCodes()).containsExactly("NOT_FOUND");
        }
        // Spotify was asked with each reader's own token, never with the owner's on the other's behalf.
        assertThat(apiCalls("/v1/playlists/" + amys)).extracting(r -> r.getHeader("Authorization"))
                .contains("Bearer amy-access-1", "Bearer bob-access-1")
                .filteredOn(h -> h.equals("Bearer amy-access-1")).hasSize(1);
        assertThat(apiCalls("/v1/playlists/" + bobs)).extracting(r -> r.getHeader("Authorization"))
                .contains("Bearer bob-access-1", "Bearer amy-access-1")
                .filteredOn(h -> h.equals("Bearer bob-access-1")).hasSize(1);
        // And each still reads their own (from the cache now).
        assertThat(amy.graphql(playlistQuery(amys)).<String>at("data.playlist.owner.id")).isEqualTo("amy");
        assertThat(bob.graphql(playlistQuery(bobs)).<String>at("data.playlist.owner.id")).isEqualTo("bob");
    }

    // ------------------------------------------------------------------ helpers

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
