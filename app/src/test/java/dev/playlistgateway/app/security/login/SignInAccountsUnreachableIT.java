package dev.playlistgateway.app.security.login;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import dev.playlistgateway.app.support.LogCapture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code exchange cannot reach Spotify's accounts service (connection refused): the browser is sent to
 * the login-failure URL like any failed sign-in, and the response says nothing of the internal address or
 * the connection error (it used to be HTTP 500 "Connect Error: Connection refused: /127.0.0.1:...").
 */
@MicronautTest
class SignInAccountsUnreachableIT extends SpotifyStubGateway {
    @Override
    protected Map<String, String> gatewayProperties(SpotifyStub spotify) {
        return spotify.gatewayProperties("http://127.0.0.1:" + closedPort());
    }

    /** A port nothing listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCodeExchangeThatCannotReachTheAccountsServiceIsRedirectedToTheFailurePage() {
        Browser browser = browser();

        HttpResponse<String> callback;
        try (LogCapture logs = LogCapture.everything()) {
            callback = browser.signInWithSpotify("code-unreachable");
            SignInFailureIT.assertLoggedWithoutSecrets(logs, "code-unreachable");
        }

        SignInFailureIT.assertFailedSignIn(callback, browser, "code-unreachable");
        assertThat(callback.body()).doesNotContainIgnoringCase("refused");
    }
}
