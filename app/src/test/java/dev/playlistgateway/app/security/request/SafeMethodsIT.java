package dev.playlistgateway.app.security.request;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Methods against a signed-in browser's cookie, in Spotify mode: HEAD, which a page on another site can make a
 * browser send with the cookie and without a preflight, is a GET on {@code /graphql} (a mutation by HEAD changes
 * nothing), is refused as GET is on {@code /logout} (it logs nobody out), and is a GET on the sign-in callback;
 * a method that is neither a safe read nor a JSON POST is refused before anything runs.
 */
@MicronautTest
class SafeMethodsIT extends SpotifyStubGateway {

    private static String playlistId(String tag) {
        return (tag + "0000000000000000000000").substring(0, 22);
    }

    private HttpResponse<String> send(Browser browser, String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return browser.send(builder.build());
    }

    private long writesToSpotify() {
        return spotify.server.findAll(anyRequestedFor(urlPathMatching("/v1/playlists/.*")))
                .stream().filter(r -> !r.getMethod().getName().equals("GET")).count();
    }

    @Test
    void aMutationByHeadIsRefusedAsByGetAndNothingIsWritten() {
        spotify.codeGrant("code-hal", "hal", "hal-access-1", "hal-refresh-1", 3600);
        String playlist = playlistId("halprivate");
        spotify.playlist(playlist, "hal", false);
        Browser browser = browser();
        browser.signInWithSpotify("code-hal");
        String mutation = "mutation{addTracksToPlaylist(playlistId:\"" + playlist + "\",trackIds:[\"4uLU6hMCjMI75M1A2tKUQC\"]){trackCount}}";
        String url = "/graphql?query=" + URLEncoder.encode(mutation, StandardCharsets.UTF_8);

        HttpResponse<String> head = send(browser, "HEAD", url, null, null);
        HttpResponse<String> get = send(browser, "GET", url, null, null);
        HttpResponse<String> query = send(browser, "HEAD", "/graphql?query="
                + URLEncoder.encode("{ me { id: spotifyId } }", StandardCharsets.UTF_8), null, null);

        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(query.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(writesToSpotify()).isZero();
        assertThat(spotify.server.findAll(getRequestedFor(urlPathMatching("/v1/playlists/" + playlist + ".*")))).isEmpty();
    }

    @Test
    void aCookieAuthenticatedRequestByAnotherUnsafeMethodIsRefusedUnlessItIsJson() {
        spotify.codeGrant("code-ivy", "ivy", "ivy-access-1", "ivy-refresh-1", 3600);
        Browser browser = browser();
        browser.signInWithSpotify("code-ivy");
        String url = "/graphql?query=" + URLEncoder.encode("{ me { id: spotifyId } }", StandardCharsets.UTF_8);

        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            Browser.GraphQLResponse form = Browser.GraphQLResponse.of(send(browser, method, url, "application/x-www-form-urlencoded", ""));
            Browser.GraphQLResponse json = Browser.GraphQLResponse.of(send(browser, method, "/graphql", "application/json",
                    "{\"query\": \"{ me { id: spotifyId } }\"}"));
            assertThat(form.status()).as(method).isEqualTo(403);
            assertThat(form.errorCodes()).as(method).containsExactly("FORBIDDEN");
            assertThat(json.status()).as(method + " as JSON: no route").isEqualTo(405);
        }
        assertThat(browser.graphql("{ me { id: spotifyId } }").<String>at("data.me.id")).isEqualTo("ivy");
    }

    @Test
    void headOnLogoutAndOnTheSignInRoutesIsRefusedAndLogsNobodyOut() {
        spotify.codeGrant("code-jay", "jay", "jay-access-1", "jay-refresh-1", 3600);
        Browser browser = browser();
        browser.signInWithSpotify("code-jay");
        String cookie = browser.sessionCookie();

        HttpResponse<String> headLogout = send(browser, "HEAD", "/logout", null, null);
        HttpResponse<String> getLogout = send(browser, "GET", "/logout", null, null);
        HttpResponse<String> headLogin = send(browser(), "HEAD", "/oauth/login/spotify", null, null);
        HttpResponse<String> headCallback = send(browser(), "HEAD", "/oauth/callback/spotify?code=code-jay&state=forged", null, null);

        assertThat(headLogout.statusCode()).isEqualTo(getLogout.statusCode()).isEqualTo(405);
        assertThat(headLogout.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(browser.sessionCookie()).isEqualTo(cookie);
        assertThat(browser.graphql("{ me { id: spotifyId } }").<String>at("data.me.id")).isEqualTo("jay");
        HttpResponse<String> getCallback = send(browser(), "GET", "/oauth/callback/spotify?code=code-jay&state=forged", null, null);
        // The login route is GET only. The callback answers HEAD as GET, state check included: a state that does not
        // match is the failure redirect, and no session.
        assertThat(headLogin.statusCode()).isEqualTo(405);
        assertThat(headCallback.statusCode()).isEqualTo(getCallback.statusCode()).isEqualTo(303);
        assertThat(headCallback.headers().firstValue("Location")).isEqualTo(getCallback.headers().firstValue("Location"));
        assertThat(headCallback.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("pgw_session="));
    }
}
