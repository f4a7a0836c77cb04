package dev.playlistgateway.app.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Root logging turned up the way an operator does it ({@code LOGGER_LEVELS_ROOT}), the whole sign-in flow
 * run (authorize redirect, callback, code exchange, {@code /v1/me}, session cookie, a refresh, a failed
 * callback, logout) and Bearer requests (a good token and a junk one): the console log, as logback.xml writes
 * it, holds none of the code, the state, the PKCE verifier, a token, the client secret, the session id or the
 * token key. Each subclass runs it at one level.
 */
abstract class NoSecretsInTheLogScenario extends SpotifyStubGateway {
    private static final String TOKEN_KEY = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
    private static final String CODE = "code-Lq7xK9-good";
    private static final String REFUSED_CODE = "code-Lq7xK9-refused";
    private static final String ACCESS_1 = "acc-Lq7xK9-first";
    private static final String ACCESS_2 = "acc-Lq7xK9-second";
    private static final String REFRESH_1 = "ref-Lq7xK9-first";
    private static final String REFRESH_2 = "ref-Lq7xK9-rotated";
    private static final String BEARER = "bearer-Lq7xK9-good";
    private static final String JUNK = "bearer-Lq7xK9-junk";

    private ConsoleLog console;

    /** DEBUG or TRACE. */
    abstract String rootLevel();

    @Override
    protected Map<String, String> gatewayProperties(SpotifyStub spotify) {
        spotify.refuseUnknownRefreshTokens();
        console = ConsoleLog.open(); // before the context starts: its startup lines count too
        return with(spotify.gatewayProperties(), "logger.levels.root", rootLevel(), "gateway.security.token-key", TOKEN_KEY);
    }

    @AfterAll
    void restore() {
        console.close();
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    }

    @Test
    void aWholeSignInAndBearerRequestsLogNoCodeStateTokenOrSecret() throws Exception {
        spotify.codeGrant(CODE, "lou", ACCESS_1, REFRESH_1, 1); // renewed after half a second
        spotify.refreshGrant(REFRESH_1, "lou", ACCESS_2, REFRESH_2, 3600, 0);
        spotify.refuseCode(REFUSED_CODE);
        spotify.acceptToken(BEARER, "bea");
        String playlist = "louprivateLq7xK9000000";
        spotify.playlist(playlist, "lou", false);
        Browser browser = browser();

        HttpResponse<String> login = browser.get("/oauth/login/spotify");
        String state = Browser.queryOf(login.headers().firstValue("Location").orElseThrow()).get("state");
        HttpResponse<String> callback = browser.get("/oauth/callback/spotify?code=" + CODE + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location")).hasValue("/graphiql");
        String sessionId = browser.sessionCookie();
        assertThat(browser.graphql("{ me { id: spotifyId displayName } }").<String>at("data.me.id")).isEqualTo("lou");
        Thread.sleep(700); // past the renewal moment of the 1 s token
        assertThat(browser.graphql("{ playlist(id: \"" + playlist + "\") { id: spotifyId name } }").errorCodes()).isEmpty();
        spotify.server.verify(1, postRequestedFor(urlPathEqualTo("/api/token")).withRequestBody(containing("refresh_token=" + REFRESH_1)));
        browser.post("/logout", "application/json", "{}");

        Browser failing = browser();
        HttpResponse<String> failedLogin = failing.get("/oauth/login/spotify");
        String failedState = Browser.queryOf(failedLogin.headers().firstValue("Location").orElseThrow()).get("state");
        HttpResponse<String> failed = failing.get("/oauth/callback/spotify?code=" + REFUSED_CODE + "&state="
                + URLEncoder.encode(failedState, StandardCharsets.UTF_8));
        assertThat(failed.headers().firstValue("Location")).hasValue("/graphiql?login=failed");

        Browser app = browser();
        assertThat(app.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer " + BEARER).<String>at("data.me.id")).isEqualTo("bea");
        assertThat(app.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer " + JUNK).status()).isEqualTo(401);

        List<String> secrets = new ArrayList<>(List.of(CODE, REFUSED_CODE, ACCESS_1, ACCESS_2, REFRESH_1, REFRESH_2,
                BEARER, JUNK, "test-secret", "dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ", TOKEN_KEY, sessionId));
        for (String oauthState : List.of(state, failedState)) {
            secrets.add(oauthState.replace("=", ""));
            secrets.add(URLEncoder.encode(oauthState, StandardCharsets.UTF_8).replace("%3D", ""));
            secrets.add(nonceOf(oauthState));
        }
        for (LoggedRequest exchange : spotify.server.findAll(postRequestedFor(urlPathEqualTo("/api/token"))
                .withRequestBody(containing("grant_type=authorization_code")))) {
            secrets.add(formValue(exchange.getBodyAsString(), "code_verifier"));
        }
        assertThat(secrets).doesNotContainNull().allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(8));

        String log = console.text();
        // The loggers that carried these secrets were on, and wrote the lines, masked.
        assertThat(log).contains(" " + rootLevel() + " ").contains("/oauth/callback/spotify?code=****&state=****");
        for (String secret : secrets) {
            assertThat(log).as("the log holds a secret").doesNotContain(secret);
        }
    }

    /** The random nonce inside micronaut-security's state (base64 of JSON). */
    private static String nonceOf(String state) {
        String json = new String(Base64.getDecoder().decode(state.replace('-', '+').replace('_', '/')), StandardCharsets.UTF_8);
        Matcher nonce = Pattern.compile("\"nonce\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(nonce.find()).as("state carries a nonce: " + json).isTrue();
        return nonce.group(1);
    }

    private static String formValue(String form, String name) {
        return Browser.queryOf("http://x/?" + form).get(name);
    }
}
