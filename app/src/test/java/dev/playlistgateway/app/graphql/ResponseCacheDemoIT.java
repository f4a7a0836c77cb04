package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.fake.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache in demo mode, on a clock that moves only when the test moves it: a change made
 * through the gateway shows at once, an answer is not given past the freshness of what it read, and a
 * kept answer to a GET gets its HTTP caching headers for the time it is given again.
 */
@MicronautTest(environments = "frozen-clock")
class ResponseCacheDemoIT {
    private static final String NEW_FINDS = "GD40jTnLyAjr6HOVzJYa14";     // demo-listener's, private, 1 item
    private static final String TRACK = "TQMO1kVzxLPjmC3FVPPisB";

    @Inject
    EmbeddedServer server;

    @Inject
    MutableClock clock;

    @Inject
    MeterRegistry registry;

    RawGraphQL http;

    @BeforeEach
    void setUp() {
        http = new RawGraphQL(server.getURI());
    }

    private double replayed() {
        return registry.counter("gateway.graphql.response.cache", "result", "hit").count();
    }

    private RawGraphQL.Answer post(String query, Map<String, Object> variables) {
        return http.postJson(Map.of("query", query, "variables", variables), "Accept", "application/json");
    }

    @Test
    void aTrackAddedThroughTheGatewayShowsInTheNextAnswer() {
        String read = "{ playlist(id: \"" + NEW_FINDS + "\") { trackCount snapshotId tracks { edges { track { id: spotifyId } } } } }";
        post(read, Map.of());
        post(read, Map.of());
        double before = replayed();
        RawGraphQL.Answer kept = post(read, Map.of());
        assertThat(replayed()).as("the answer was kept and given again").isEqualTo(before + 1);
        int count = kept.at("data.playlist.trackCount");

        RawGraphQL.Answer added = post("mutation($p: ID!, $t: [ID!]!) { addTracksToPlaylist(playlistId: $p, trackIds: $t) { trackCount } }",
                Map.of("p", NEW_FINDS, "t", List.of(TRACK)));
        RawGraphQL.Answer after = post(read, Map.of());
        RawGraphQL.Answer afterAgain = post(read, Map.of());
        post("mutation($p: ID!, $t: [ID!]!) { removeTracksFromPlaylist(playlistId: $p, trackIds: $t) { trackCount } }",
                Map.of("p", NEW_FINDS, "t", List.of(TRACK)));
        RawGraphQL.Answer removed = post(read, Map.of());

        assertThat(added.errorCodes()).isEmpty();
        for (RawGraphQL.Answer answer : List.of(after, afterAgain)) {
            assertThat(answer.<Integer>at("data.playlist.trackCount")).isEqualTo(count + 1);
            assertThat(answer.<String>at("data.playlist.snapshotId")).isNotEqualTo(kept.at("data.playlist.snapshotId"));
            assertThat(answer.<List<Map<String, Map<String, Object>>>>at("data.playlist.tracks.edges"))
                    .extracting(edge -> edge.get("track").get("id")).contains(TRACK);
        }
        assertThat(removed.<Integer>at("data.playlist.trackCount")).isEqualTo(count);
    }

    @Test
    void anAnswerIsNotGivenPastTheFreshnessOfWhatItReadAndItsHeadersAreForNow() {
        String query = "{ playlist(id: \"" + HttpCachingIT.RUNNING + "\") { name tracks(first: 3) { edges { node { name } } } } }";
        http.get(Map.of("query", query));
        RawGraphQL.Answer warm = http.get(Map.of("query", query));
        clock.advance(Duration.ofSeconds(50));
        double before = replayed();

        RawGraphQL.Answer kept = http.get(Map.of("query", query));
        RawGraphQL.Answer notModified = http.get(Map.of("query", query), "If-None-Match", warm.header("ETag").orElseThrow());
        assertThat(replayed()).isEqualTo(before + 2);
        clock.advance(Duration.ofSeconds(71)); // the playlist entry is fresh for 2 minutes
        RawGraphQL.Answer expired = http.get(Map.of("query", query));

        assertThat(warm.header("Cache-Control")).hasValue("public, max-age=120");
        assertThat(kept.body()).isEqualTo(warm.body());
        assertThat(kept.header("Cache-Control")).hasValue("public, max-age=70");
        assertThat(kept.header("ETag")).isEqualTo(warm.header("ETag"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(replayed()).isEqualTo(before + 2);
        assertThat(expired.<Integer>at("extensions.cache.misses")).isPositive();
        assertThat(expired.<Object>at("data")).isEqualTo(warm.at("data"));
    }
}
