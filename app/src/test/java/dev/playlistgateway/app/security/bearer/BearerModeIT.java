package dev.playlistgateway.app.security.bearer;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer mode, for clients that run their own PKCE: {@code Authorization: Bearer <Spotify access token>}.
 * The user behind a token is looked up once, however many requests carry it; the token itself goes on to
 * Spotify for the user's data; a token Spotify rejects is an UNAUTHENTICATED GraphQL error, never a 500.
 */
@MicronautTest
class BearerModeIT extends SpotifyStubGateway {

    private static String playlistId(String tag) {
        return (tag + "0000000000000000000000").substring(0, 22);
    }

    @Test
    void theUserBehindATokenIsLookedUpOnceForManyRequestsAndTheTokenGoesOnToSpotify() throws Exception {
        spotify.acceptToken("mia-client-token", "mia");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(playlistId("miaprivate" + (char) ('a' + i)));
            spotify.playlist(ids.get(i), "mia", false);
        }
        Browser client = browser();

        List<Browser.GraphQLResponse> answers = concurrently(ids.subList(0, 6).stream()
                .<Callable<Browser.GraphQLResponse>>map(id -> () -> client.graphql(playlistQuery(id), "Authorization", "Bearer mia-client-token"))
                .toList());
        for (String id : ids.subList(6, 12)) {
            answers.add(client.graphql(playlistQuery(id), "Authorization", "Bearer mia-client-token"));
        }

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.errorCodes()).isEmpty();
            assertThat(a.<String>at("data.playlist.owner.id")).isEqualTo("mia");
        });
        assertThat(spotify.meLookups("mia-client-token")).hasSize(1);
        for (String id : ids) {
            assertThat(spotify.server.findAll(getRequestedFor(urlPathEqualTo("/v1/playlists/" + id))))
                    .singleElement().satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer mia-client-token"));
        }
        assertThat(client.cookies()).isEmpty(); // Bearer mode needs no cookie and gets none
        Browser.GraphQLResponse me = client.graphql("{ me { id: spotifyId displayName } }", "Authorization", "Bearer mia-client-token");
        assertThat(me.<String>at("data.me.id")).isEqualTo("mia");
        assertThat(me.raw().body()).doesNotContain("mia-client-token");
    }

    @Test
    void aTokenSpotifyRejectsIsAnUnauthenticatedGraphQLErrorAndIsNotAskedAboutAgainAndAgain() {
        Browser client = browser();

        Browser.GraphQLResponse first = client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer not-a-real-token");
        Browser.GraphQLResponse second = client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer not-a-real-token");

        for (Browser.GraphQLResponse answer : List.of(first, second)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(answer.errorCodes()).containsExactly("UNAUTHENTICATED");
            assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        assertThat(spotify.meLookups("not-a-real-token")).hasSize(1);
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerIsRefusedWithoutAskingSpotify() {
        Browser.GraphQLResponse answer = browser().graphql("{ me { id: spotifyId } }", "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCodes()).containsExactly("UNAUTHENTICATED");
        assertThat(spotify.server.findAll(getRequestedFor(urlPathEqualTo("/v1/me")))
                .stream().filter(r -> "Basic dXNlcjpwYXNz".equals(r.getHeader("Authorization")))).isEmpty();
    }

    @Test
    void twoAuthorizationHeadersAre400UnauthenticatedWhicheverIsGoodAndNeitherIsLookedUp() {
        spotify.acceptToken("pia-client-token", "pia");

        Browser.GraphQLResponse goodFirst = browser().graphql("{ me { id: spotifyId } }",
                "Authorization", "Bearer pia-client-token", "Authorization", "Bearer someone-elses");
        Browser.GraphQLResponse goodLast = browser().graphql("{ me { id: spotifyId } }",
                "Authorization", "Bearer someone-elses", "Authorization", "Bearer pia-client-token");

        for (Browser.GraphQLResponse answer : List.of(goodFirst, goodLast)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCodes()).containsExactly("UNAUTHENTICATED");
            assertThat(answer.<Object>at("data")).isNull();
            assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_request\"");
        }
        assertThat(spotify.meLookups("pia-client-token")).isEmpty();
        assertThat(spotify.meLookups("someone-elses")).isEmpty();
    }

    @Test
    void aTokenThatExpiresWhileRememberedFailsUnauthenticatedAndIsRefusedNextTimeWithoutAnotherLookup() {
        spotify.acceptToken("noa-client-token", "noa");
        String first = playlistId("noaprivatea");
        String second = playlistId("noaprivateb");
        spotify.playlist(first, "noa", false);
        spotify.playlist(second, "noa", false);
        Browser client = browser();
        assertThat(client.graphql(playlistQuery(first), "Authorization", "Bearer noa-client-token").errorCodes()).isEmpty();

        spotify.expireToken("noa-client-token");
        Browser.GraphQLResponse expired = client.graphql(playlistQuery(second), "Authorization", "Bearer noa-client-token");
        Browser.GraphQLResponse again = client.graphql(playlistQuery(second), "Authorization", "Bearer noa-client-token");

        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.errorCodes()).containsExactly("UNAUTHENTICATED");
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.errorCodes()).containsExactly("UNAUTHENTICATED");
        assertThat(spotify.meLookups("noa-client-token")).hasSize(1); // Spotify's 401 on the read is remembered
        assertThat(spotify.server.findAll(getRequestedFor(urlPathEqualTo("/v1/playlists/" + second)))).hasSize(1);
    }

    @Test
    void aTokenWhoseSpotifyUserIdIsNotValidIsAnUnauthenticatedGraphQLErrorNotAnUnavailableOne() {
        spotify.acceptToken("colon-client-token", "a:b");
        Browser client = browser();

        Browser.GraphQLResponse first = client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer colon-client-token");
        Browser.GraphQLResponse second = client.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer colon-client-token");

        for (Browser.GraphQLResponse answer : List.of(first, second)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.errorCodes()).containsExactly("UNAUTHENTICATED");
            assertThat(answer.<String>at("errors.0.message")).contains("user id").doesNotContain("reach Spotify");
            assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(answer.raw().body()).doesNotContain("colon-client-token");
        }
        assertThat(spotify.meLookups("colon-client-token")).hasSize(1); // remembered as rejected, like any refused token
    }
}
