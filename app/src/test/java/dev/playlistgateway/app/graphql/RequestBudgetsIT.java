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
 * that reads by id ({@code playlist} included) comes out of the request's budget of 100 ids, and an operation
 * has at most {@code graphql.max-mutation-fields} (10) mutation fields, refused before any of them runs.
 */
@MicronautTest(environments = PlaylistPortCallCounter.ENVIRONMENT)
class RequestBudgetsIT {
    static final String NEW_FINDS = "GD40jTnLyAjr6HOVzJYa14";   // demo-listener's, private
    static final String A_TRACK = "TQMO1kVzxLPjmC3FVPPisB";
    static final String[] WANTS_GRAPHQL_RESPONSE = {"Accept", "application/graphql-response+json"};

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
        // A hostile request: 1,200 aliases of junk playlist ids, 48 KB, anonymous in Spotify mode.
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

    @Test
    void moreMutationFieldsThanTheCapAreRefusedBeforeAnyRuns() {
        String remove = "removeTracksFromPlaylist(playlistId: \"" + NEW_FINDS + "\", trackIds: [\"" + A_TRACK + "\"]) { trackCount }";
        var aliased = http.query("mutation { " + aliases(900, remove) + " }", Map.of(), WANTS_GRAPHQL_RESPONSE);
        var inFragments = http.query("mutation { ...Five ...Six } fragment Five on Mutation { " + aliases(5, remove)
                + " } fragment Six on Mutation { " + aliases("b", 6, remove) + " }", Map.of(), WANTS_GRAPHQL_RESPONSE);

        for (var refused : java.util.List.of(aliased, inFragments)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json()).doesNotContainKey("data");
            assertThat(refused.errorCodes()).containsExactly("BAD_USER_INPUT");
            assertThat(refused.<String>at("errors.0.message")).contains("maximum mutation fields exceeded")
                    .contains("graphql.max-mutation-fields");
        }
        assertThat(aliased.<String>at("errors.0.message")).contains("900 > 10");
        assertThat(inFragments.<String>at("errors.0.message")).contains("11 > 10");
        assertThat(port.totalCalls()).isZero();
    }

    @Test
    void upToTheCapMutationsRunAndSkippedOnesDoNotCount() {
        String remove = "removeTracksFromPlaylist(playlistId: \"" + NEW_FINDS + "\", trackIds: [\"0000000000000000000000\"]) { trackCount }";
        var ten = http.query("mutation { " + aliases(10, remove) + " }", Map.of(), WANTS_GRAPHQL_RESPONSE);
        var skipped = http.query("mutation($no: Boolean!) { " + aliases(10, remove) + " "
                + aliases("s", 5, remove.replace("{ trackCount }", "@skip(if: $no) { trackCount }")) + " }",
                Map.of("no", true), WANTS_GRAPHQL_RESPONSE);

        for (var ran : java.util.List.of(ten, skipped)) {
            assertThat(ran.status()).isEqualTo(200);
            assertThat(ran.errors()).noneSatisfy(e -> assertThat(String.valueOf(e.get("message"))).contains("mutation fields"));
            assertThat(ran.<Map<String, Object>>at("data")).hasSize(10);
        }
        assertThat(port.calls("removeItems")).isPositive();
    }
}
