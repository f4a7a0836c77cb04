package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import dev.playlistgateway.app.support.LogCapture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way the Spotify callback can fail ends the same: 303 to the login-failure URL, no session cookie,
 * nothing internal in the response, and a log line without the code, tokens or client secret.
 * (The accounts service being unreachable: {@link SignInAccountsUnreachableIT}.)
 */
@MicronautTest
class SignInFailureIT extends SpotifyStubGateway {
    static final String FAILURE_URL = "/graphiql?login=failed";

    /** Starts a sign-in as a browser does and returns the state Spotify would send back. */
    private static String startSignIn(Browser browser) {
        HttpResponse<String> login = browser.get("/oauth/login/spotify");
        assertThat(login.statusCode()).isEqualTo(302);
        return Browser.queryOf(login.headers().firstValue("Location").orElseThrow()).get("state");
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The one answer to a failed sign-in. */
    static void assertFailedSignIn(HttpResponse<String> callback, Browser browser, String... secrets) {
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValue(FAILURE_URL);
        assertThat(callback.headers().allValues("Set-Cookie")).noneSatisfy(c -> assertThat(c).startsWith("pgw_session="));
        assertThat(browser.sessionCookie()).isNull();
        assertThat(callback.body()).doesNotContain("127.0.0.1").doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("connect").doesNotContain("invalid_grant").doesNotContain("test-secret");
        for (String secret : secrets) {
            assertThat(callback.body()).doesNotContain(secret);
            assertThat(callback.headers().map().toString()).doesNotContain(secret);
        }
    }

    /** Our log lines for the attempt say it failed, and none holds a secret. */
    static void assertLoggedWithoutSecrets(LogCapture logs, String... secrets) {
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("sign-in").containsIgnoringCase("fail"));
        for (String secret : List.of(secrets)) {
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains(secret));
        }
        assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains("test-secret")
                .contains("dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ")); // the client secret, plain or as Basic
    }

    @Test
    void aUserWhoCancelsAtSpotifyIsRedirectedToTheFailurePage() {
        Browser browser = browser();
        String state = startSignIn(browser);

        HttpResponse<String> callback;
        try (LogCapture logs = LogCapture.everything()) {
            callback = browser.get("/oauth/callback/spotify?error=access_denied&state=" + encoded(state));
            assertLoggedWithoutSecrets(logs, state);
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("access_denied"));
        }

        assertFailedSignIn(callback, browser, state);
        // The login's state and PKCE cookies are cleared too.
        assertThat(callback.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("OAUTH2_STATE=").contains("Max-Age=0"));
    }

    @Test
    void aForgedStateIsRedirectedToTheFailurePage() {
        spotify.codeGrant("code-forged", "fay", "fay-access-1", "fay-refresh-1", 3600);
        Browser browser = browser();
        startSignIn(browser);

        HttpResponse<String> callback = browser.get("/oauth/callback/spotify?code=code-forged&state=forged");

        assertFailedSignIn(callback, browser, "code-forged", "fay-access-1");
        spotify.server.verify(0, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("code=code-forged")));
    }

    @Test
    void aCallbackWithoutStateIsRedirectedToTheFailurePage() {
        spotify.codeGrant("code-nostate", "nat", "nat-access-1", "nat-refresh-1", 3600);
        Browser browser = browser();
        startSignIn(browser);

        HttpResponse<String> callback = browser.get("/oauth/callback/spotify?code=code-nostate");

        assertFailedSignIn(callback, browser, "code-nostate", "nat-access-1");
        spotify.server.verify(0, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("code=code-nostate")));
    }

    @Test
    void aCallbackWithNeitherCodeNorErrorIsRedirectedToTheFailurePage() {
        Browser browser = browser();
        String state = startSignIn(browser);

        HttpResponse<String> callback = browser.get("/oauth/callback/spotify?state=" + encoded(state));

        assertFailedSignIn(callback, browser, state);
    }

    @Test
    void aCodeTheTokenEndpointRefusesIsRedirectedToTheFailurePage() {
        spotify.refuseCode("code-stale");
        Browser browser = browser();

        HttpResponse<String> callback;
        try (LogCapture logs = LogCapture.everything()) {
            callback = browser.signInWithSpotify("code-stale");
            assertLoggedWithoutSecrets(logs, "code-stale");
        }

        assertFailedSignIn(callback, browser, "code-stale");
        spotify.server.verify(1, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("code=code-stale")));
    }

    @Test
    void aTokenWhoseUserSpotifyWillNotNameIsRedirectedToTheFailurePage() {
        spotify.codeGrant("code-nome", "nome", "nome-access-1", "nome-refresh-1", 3600);
        spotify.expireToken("nome-access-1"); // /v1/me answers 401 to it
        Browser browser = browser();

        HttpResponse<String> callback;
        try (LogCapture logs = LogCapture.everything()) {
            callback = browser.signInWithSpotify("code-nome");
            assertLoggedWithoutSecrets(logs, "code-nome", "nome-access-1", "nome-refresh-1");
        }

        assertFailedSignIn(callback, browser, "code-nome", "nome-access-1", "nome-refresh-1");
        assertThat(browser.graphql("{ me { id } }").<Object>at("data.me")).isNull();
    }
}
