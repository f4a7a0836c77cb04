package dev.playlistgateway.app.graphql;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What aliases could multiply, through real HTTP in demo mode with the port's calls counted: every query field
 * that reads by id ({@code playlist} included) comes out of the request's budget of 100 ids.
 */
@MicronautTest(environments = PlaylistPortCallCounter.ENVIRONMENT)
class RequestBudgetsIT {

    @Inject
    RawGraphQL http;

    @Inject
    PlaylistPortCallCounter port;

    @BeforeEach
    void resetCounts() {
        port.reset();
    }

    private static String aliases(int count, String field) {
        return aliases("a", count, field);
    }

    /** {@code count} aliases of {@code field}, named prefix0, prefix1, ...; # in the field is the alias's number. */
    private static String aliases(String prefix, int count, String field) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + ": " + field.replace("#", String.valueOf(i)))
                .collect(Collectors.joining(" "));
    }

    @Test
    void aliasesOfPlaylistComeOutOfTheIdBudgetSoJunkIdsCostAtMost100Reads() {
        // The review's request: 1,200 aliases of junk playlist ids, 48 KB, anonymous in Spotify mode.
        var answer = http.query("{ " + aliases(1200, "playlist(id: \"junk#\") { name }") + " }");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(port.calls("playlist")).isLessThanOrEqualTo(GatewayRequest.MAX_IDS_PER_REQUEST);
        assertThat(answer.<Integer>at("extensions.cache.upstreamCalls")).isLessThanOrEqualTo(GatewayRequest.MAX_IDS_PER_REQUEST);
        assertThat(answer.errors()).filteredOn(e -> String.valueOf(e.get("message")).contains("at most 100 ids per request"))
                .hasSize(1100)
                .allSatisfy(e -> assertThat(((Map<?, ?>) e.get("extensions")).get("code")).isEqualTo("BAD_USER_INPUT"));
    }

    @Test
    void playlistsTracksAndNodesShareOneBudget() {
        String ids = IntStream.range(0, 60).mapToObj(i -> "\"" + String.format("%022d", i) + "\"").collect(Collectors.joining(","));
        var answer = http.query("{ tracks(ids: [" + ids + "]) { name } " + aliases(30, "playlist(id: \"spotify:playlist:junk#\") { name }")
                + " " + aliases("n", 20, "node(id: \"spotify:playlist:other#\") { id }") + " }");

        // 60 + 30 fit; of the 20 nodes, 10 do.
        assertThat(answer.errors()).filteredOn(e -> String.valueOf(e.get("message")).contains("at most 100 ids per request"))
                .hasSize(10);
        assertThat(port.calls("playlist")).isLessThanOrEqualTo(40);
    }
}
