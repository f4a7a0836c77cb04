package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Sign in with Spotify" from a page returns the browser to that page ({@code ?returnTo=}), and only to a path
 * of this gateway: any other target lands on the default page, as a sign-in without one does.
 */
@MicronautTest
class SignInReturnPathIT extends SpotifyStubGateway {
    private static final AtomicInteger USERS = new AtomicInteger();

    /** Signs a new user in through {@code loginPath} and returns where the callback sends the browser. */
    private String signInThrough(String loginPath) {
        String user = "returner" + USERS.incrementAndGet();
        spotify.codeGrant("code-" + user, user, user + "-access", user + "-refresh", 3600);
        Browser browser = browser();
        HttpResponse<String> login = browser.get(loginPath);
        assertThat(login.statusCode()).isEqualTo(302);
        String state = Browser.queryOf(login.headers().firstValue("Location").orElseThrow()).get("state");
        HttpResponse<String> callback = browser.get("/oauth/callback/spotify?code=code-" + user + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(browser.sessionCookie()).as("signed in").isNotNull();
        return callback.headers().firstValue("Location").orElseThrow();
    }

    private static String loginReturningTo(String target) {
        return "/oauth/login/spotify?returnTo=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    @Test
    void withoutAReturnPathTheSignInLandsOnTheDefaultPage() {
        assertThat(signInThrough("/oauth/login/spotify")).isEqualTo("/graphiql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/?playlist=37i9dQZF1DXcBWIGoYBM5M", "/graphiql?query=%7B%20me%20%7B%20id%20%7D%20%7D",
            "/app/page#tracks"})
    void aLocalPathIsWhereTheSignInReturns(String target) {
        assertThat(signInThrough(loginReturningTo(target))).isEqualTo(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/", "///evil.example", "/\\evil.example",
            "\\\\evil.example", "/x//evil.example", "javascript:alert(1)", "evil.example", "/\t/evil.example",
            "/ /evil.example", "/\r\nSet-Cookie:%20x=y", "/caf\u00e9", "/oauth/login/spotify", "", "http:/evil.example"})
    void anythingButALocalPathIsIgnoredForTheDefaultPage(String target) {
        assertThat(signInThrough(loginReturningTo(target))).isEqualTo("/graphiql");
    }
}
