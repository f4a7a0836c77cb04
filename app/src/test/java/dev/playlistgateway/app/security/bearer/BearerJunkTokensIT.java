package dev.playlistgateway.app.security.bearer;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens the gateway does not know cost a bounded number of Spotify lookups per client, with the
 * default limits (10 at once, 30 more a minute): a client sending 100 distinct junk tokens makes at most 20
 * calls to {@code /v1/me}, gets UNAUTHENTICATED for those looked up and RATE_LIMITED (HTTP 429, with
 * {@code retryAfterSeconds}) for the rest, and cannot get more by claiming other addresses in
 * {@code X-Forwarded-For} (not trusted unless configured). A token it was already served keeps working.
 */
@MicronautTest
class BearerJunkTokensIT extends SpotifyStubGateway {

    private int meCalls() {
        return spotify.server.findAll(getRequestedFor(urlPathEqualTo("/v1/me"))).size();
    }

    @Test
    void aHundredDistinctJunkTokensFromOneClientCostAtMostTwentySpotifyCallsAndAKnownTokenStillWorks() {
        Browser client = browser();
        spotify.acceptToken("kim-real-token", "kim");
        assertThat(client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer kim-real-token").<String>at("data.me.id")).isEqualTo("kim");
        int before = meCalls();
        long started = System.nanoTime();

        List<Browser.GraphQLResponse> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer junk-token-" + i,
                    "X-Forwarded-For", "127.0.0." + (i % 250 + 2)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        int lookups = meCalls() - before;
        assertThat(lookups).as("lookups for 100 junk tokens in %s", took).isBetween(9, 20); // kim's token took one of the 10
        assertThat(answers).filteredOn(a -> a.status() == 401).hasSize(lookups)
                .allSatisfy(a -> assertThat(a.errorCodes()).containsExactly("UNAUTHENTICATED"));
        assertThat(answers).filteredOn(a -> a.status() == 429).hasSize(100 - lookups).allSatisfy(a -> {
            assertThat(a.errorCodes()).containsExactly("RATE_LIMITED");
            assertThat(a.<Integer>at("errors.0.extensions.retryAfterSeconds")).isBetween(1, 2);
            assertThat(a.raw().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
            assertThat(a.<String>at("errors.0.message")).contains("Too many new Bearer tokens");
        });
        // Remembered tokens cost no lookup: the known one still reads, a junk one seen before is still refused.
        assertThat(client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer kim-real-token").<String>at("data.me.id")).isEqualTo("kim");
        assertThat(client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer junk-token-0").status()).isEqualTo(401);
        assertThat(meCalls() - before).isEqualTo(lookups);
    }
}
