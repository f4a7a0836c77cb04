package dev.playlistgateway.app.security.bearer;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Bearer token Spotify stops accepting (it expired, or the user revoked the app) stops reading private
 * cached data within {@code gateway.security.bearer.revalidate-after} (1 s here; 1 minute by default), even
 * when every field it asks for is cached and so no call with it would ever see Spotify's 401. A token that
 * stays good costs one {@code /v1/me} per interval, however many requests carry it.
 */
@MicronautTest
class BearerTokenRevalidationIT extends SpotifyStubGateway {
    @Override
    protected Map<String, String> gatewayProperties(SpotifyStub spotify) {
        return with(spotify.gatewayProperties(), "gateway.security.bearer.revalidate-after", "1s");
    }

    @Test
    void aTokenSpotifyStopsAcceptingIsRefusedWithinTheIntervalThoughAllItReadsIsCached() throws Exception {
        String playlist = "ulaprivate000000000000";
        spotify.acceptToken("ula-client-token", "ula");
        spotify.playlist(playlist, "ula", false);
        Browser client = browser();
        assertThat(client.graphql(playlistQuery(playlist), "Authorization", "Bearer ula-client-token").errorCodes()).isEmpty();
        long expiredAt = System.nanoTime();

        spotify.expireToken("ula-client-token");
        Browser.GraphQLResponse cached = client.graphql(playlistQuery(playlist), "Authorization", "Bearer ula-client-token");
        boolean withinTheInterval = System.nanoTime() - expiredAt < 900_000_000L;
        Thread.sleep(1100);
        Browser.GraphQLResponse rechecked = client.graphql(playlistQuery(playlist), "Authorization", "Bearer ula-client-token");
        Browser.GraphQLResponse again = client.graphql(playlistQuery(playlist), "Authorization", "Bearer ula-client-token");

        if (withinTheInterval) { // a slow machine may already have passed it: then it is refused there too
            assertThat(cached.errorCodes()).isEmpty();
        }
        for (Browser.GraphQLResponse refused : List.of(rechecked, again)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCodes()).containsExactly("UNAUTHENTICATED");
            assertThat(refused.raw().body()).doesNotContain("of ula");
        }
        assertThat(spotify.server.findAll(getRequestedFor(urlPathEqualTo("/v1/playlists/" + playlist)))).hasSize(1); // all else was cached
        assertThat(spotify.meLookups("ula-client-token")).hasSizeBetween(2, 3).hasSize(withinTheInterval ? 2 : spotify.meLookups("ula-client-token").size());
    }

    @Test
    void aGoodTokenIsRecheckedOncePerIntervalHoweverManyRequestsCarryIt() throws Exception {
        spotify.acceptToken("vic-client-token", "vic");
        Browser client = browser();
        long started = System.nanoTime();

        for (int round = 0; round < 3; round++) {
            List<Browser.GraphQLResponse> answers = concurrently(IntStream.range(0, 8)
                    .<Callable<Browser.GraphQLResponse>>mapToObj(i -> () -> client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer vic-client-token"))
                    .toList());
            assertThat(answers).allSatisfy(a -> assertThat(a.<String>at("data.me.id")).isEqualTo("vic"));
            Thread.sleep(600);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        // One lookup, then at most one re-check per started second (concurrent requests share it).
        assertThat(spotify.meLookups("vic-client-token")).hasSizeBetween(2, (int) (2 + seconds));
    }
}
