package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.fake.MutableClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP caching of GET answers, through real HTTP in demo mode, on a clock that moves only when the
 * test moves it: public answers get {@code public, max-age} no longer than the shortest remaining
 * freshness of what they read and a strong ETag that {@code If-None-Match} turns into a 304; anything
 * user-scoped, any POST and any answer with errors is {@code private, no-store}. Each test reads
 * catalogue data no other test of the class reads.
 */
@MicronautTest(environments = "frozen-clock")
class HttpCachingIT {
    static final String RUNNING = "rKMjamdaTWv0RPqw9pTzeJ";          // public, 57 items
    static final String VINYL_RIPS = "mzL8HppUYUInExXChBERVt";       // public, 8 items
    static final String NORDIC_NOIR = "fooFs8VWEqyLpi15iKfzCI";      // public, 29 items
    static final String SUNDAY_KITCHEN = "YyJsN6RhQ8LDnaUjFDcHG5";   // demo-listener's, private
    static final String DEAR_DIARY = "THM8T7ZdEbEclDUgBG0xNc";       // marta's, private: NOT_FOUND
    static final String LATE_NIGHT_DRIVE = "NxNRg9fDj7Q1vKevIywwxB"; // public, 101 items

    @Factory
    @Requires(env = "frozen-clock")
    static class ClockFactory {
        @Singleton
        @Replaces(Clock.class)
        MutableClock clock() {
            return MutableClock.startingAt("2026-06-01T12:00:00Z"); // stands still until moved: a max-age measured on it is exact
        }
    }

    @Inject
    MutableClock clock;

    @Inject
    RawGraphQL http;

    private RawGraphQL.Answer get(String query, String... headers) {
        return http.get(Map.of("query", query), headers);
    }

    @Test
    void aPublicPlaylistIsCacheableForWhatIsLeftOfItsFreshness() {
        String query = "{ playlist(id: \"" + RUNNING + "\") { name tracks(first: 5) { edges { node { name album { name } } } } } }";

        var cold = get(query);
        clock.advance(Duration.ofSeconds(50));
        var warm = get(query);

        assertThat(cold.status()).isEqualTo(200);
        // The playlist entry is fresh for cache.ttl.playlists (2 minutes); its items and tracks for 24 hours.
        assertThat(cold.header("Cache-Control")).hasValue("public, max-age=120");
        assertThat(warm.<Integer>at("extensions.cache.upstreamCalls")).isZero();
        assertThat(warm.header("Cache-Control")).hasValue("public, max-age=70");
        assertThat(warm.header("ETag").orElseThrow()).matches("\"[A-Za-z0-9_-]{43}\"");
        assertThat(warm.header("Vary").orElseThrow()).contains("Accept").contains("Origin");
    }

    @Test
    void aMatchingIfNoneMatchIs304WithNoBody() {
        String query = "{ playlist(id: \"" + VINYL_RIPS + "\") { name trackCount } }";
        get(query);                        // cold: the cost differs from the warm answers that follow
        var warm = get(query);
        String etag = warm.header("ETag").orElseThrow();

        var notModified = get(query, "If-None-Match", etag);
        var weakMatch = get(query, "If-None-Match", "\"other\", W/" + etag);
        var otherTag = get(query, "If-None-Match", "\"something-else\"");

        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).hasValue(etag);
        assertThat(notModified.header("Cache-Control").orElseThrow()).startsWith("public, max-age=");
        assertThat(weakMatch.status()).isEqualTo(304);
        assertThat(otherTag.status()).isEqualTo(200);
        assertThat(otherTag.header("ETag")).hasValue(etag);
        assertThat(otherTag.body()).isEqualTo(warm.body());
    }

    @Test
    void catalogueDataAndAnswersFromTheSchemaAloneAreCappedAtTheConfiguredMaxAge() {
        var playlist = get("{ playlist(id: \"" + NORDIC_NOIR + "\") { tracks(first: 2) { edges { node { id } } } } }");
        String track = playlist.at("data.playlist.tracks.edges.0.node.id");

        var tracks = get("{ track(id: \"" + track + "\") { name artists { name } } }");
        var schema = get("{ __typename }");

        // Tracks are fresh for 24 hours; graphql.http-cache.max-age (1 hour) caps them.
        assertThat(tracks.header("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(schema.header("Cache-Control")).hasValue("public, max-age=3600");
    }

    @Test
    void whatDependsOnTheViewerIsPrivateAndNoStore() {
        for (String query : List.of("{ me { spotifyId } }", "{ me { playlists(first: 3) { totalCount } } }",
                "{ playlist(id: \"" + SUNDAY_KITCHEN + "\") { name } }",
                "{ node(id: \"spotify:user:demo-listener\") { id } }")) {
            var answer = get(query);
            assertThat(answer.status()).as(query).isEqualTo(200);
            assertThat(answer.header("Cache-Control")).as(query).hasValue("private, no-store");
            assertThat(answer.header("ETag")).as(query).isEmpty();
            var again = get(query, "If-None-Match", "*");
            assertThat(again.status()).as(query + " never 304").isEqualTo(200);
        }
    }

    @Test
    void postsAndAnswersWithErrorsAreNeverCacheable() {
        var post = http.postJson(Map.of("query", "{ __typename }"));
        var notFound = get("{ playlist(id: \"" + DEAR_DIARY + "\") { name } }");
        var invalid = get("{ nope }");

        assertThat(post.header("Cache-Control")).hasValue("private, no-store");
        assertThat(notFound.errorCodes()).containsExactly("NOT_FOUND");
        assertThat(notFound.header("Cache-Control")).hasValue("private, no-store");
        assertThat(invalid.header("Cache-Control")).hasValue("private, no-store");
    }

    @Test
    void aHeadGetsTheCachingHeadersOfTheGetAndItsIfNoneMatchIs304() {
        String query = "{ playlist(id: \"" + LATE_NIGHT_DRIVE + "\") { name trackCount } }";
        String url = "/graphql?query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
        get(query);                        // cold: the warm answers that follow report the same cost
        var warmGet = get(query);

        var head = http.request("HEAD", url, null);
        var notModified = http.request("HEAD", url, null, "If-None-Match", warmGet.header("ETag").orElseThrow());
        var userScoped = http.request("HEAD", "/graphql?query=" + java.net.URLEncoder.encode("{ me { spotifyId } }",
                java.nio.charset.StandardCharsets.UTF_8), null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Cache-Control")).isEqualTo(warmGet.header("Cache-Control"));
        assertThat(head.header("Cache-Control").orElseThrow()).startsWith("public, max-age=");
        assertThat(head.header("ETag")).isPresent().isEqualTo(warmGet.header("ETag"));
        assertThat(head.header("Vary")).isEqualTo(warmGet.header("Vary"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(userScoped.header("Cache-Control")).hasValue("private, no-store");
        assertThat(userScoped.header("ETag")).isEmpty();
    }
}
