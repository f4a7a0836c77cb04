package dev.playlistgateway.app.graphql;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over HTTP's media types and status codes, through real HTTP in demo mode:
 * {@code application/graphql-response+json} when the client asks for it, with 4xx for a request that
 * cannot run; {@code application/json} by default, 200 for every well-formed request.
 */
@MicronautTest
class GraphQLOverHttpIT {
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    static final String[] WANTS_GRAPHQL_RESPONSE = {"Accept", GRAPHQL_RESPONSE};
    static final String[] WANTS_JSON = {"Accept", "application/json"};

    @Inject
    RawGraphQL http;

    @Test
    void theMediaTypeFollowsAcceptAndIsJsonByDefault() {
        var asked = http.postJson(Map.of("query", "{ __typename }"), WANTS_GRAPHQL_RESPONSE);
        var apollo = http.postJson(Map.of("query", "{ __typename }"), "Accept", "application/graphql-response+json,application/json;q=0.9");
        var preferringJson = http.postJson(Map.of("query", "{ __typename }"), "Accept", "application/graphql-response+json;q=0.5, application/json");
        var json = http.postJson(Map.of("query", "{ __typename }"), WANTS_JSON);
        var any = http.postJson(Map.of("query", "{ __typename }"), "Accept", "*/*");
        var none = http.postJson(Map.of("query", "{ __typename }"));

        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.header("Content-Type")).hasValue("application/graphql-response+json;charset=utf-8");
        assertThat(asked.<String>at("data.__typename")).isEqualTo("Query");
        assertThat(apollo.header("Content-Type").orElseThrow()).startsWith(GRAPHQL_RESPONSE);
        for (var answer : java.util.List.of(preferringJson, json, any, none)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).hasValue("application/json;charset=utf-8");
        }
        assertThat(none.<Map<String, Object>>at("extensions.cache")).containsKeys("upstreamCalls", "hits", "misses");
    }

    @Test
    void aDocumentThatDoesNotParseOrValidateIs400WithoutDataAsGraphQLResponseAnd200AsJson() {
        for (String query : new String[]{"{", "{ noSuchField }"}) {
            var strict = http.postJson(Map.of("query", query), WANTS_GRAPHQL_RESPONSE);
            var legacy = http.postJson(Map.of("query", query), WANTS_JSON);

            assertThat(strict.status()).as(query).isEqualTo(400);
            assertThat(strict.json()).as(query).doesNotContainKey("data");
            assertThat(strict.errorCodes()).containsExactly("BAD_USER_INPUT");
            assertThat(legacy.status()).as(query).isEqualTo(200);
            assertThat(legacy.errorCodes()).containsExactly("BAD_USER_INPUT");
        }
    }

    @Test
    void variablesThatDoNotCoerceAndAnUnknownOperationAre400AsGraphQLResponse() {
        Map<String, Object> coercion = new HashMap<>();
        coercion.put("query", "query($id: ID!) { playlist(id: $id) { name } }");
        coercion.put("variables", new HashMap<>(Map.of()));
        ((Map<String, Object>) coercion.get("variables")).put("id", null);
        var strict = http.postJson(coercion, WANTS_GRAPHQL_RESPONSE);
        var legacy = http.postJson(coercion, WANTS_JSON);
        var unknownOperation = http.postJson(Map.of("query", "query A { __typename }", "operationName", "B"), WANTS_GRAPHQL_RESPONSE);
        var tooDeep = http.postJson(Map.of("query", "{ me { playlists { nodes { owner { playlists { nodes { owner { playlists { nodes { owner { "
                + "playlists { nodes { owner { playlists { nodes { name } } } } } } } } } } } } } } } }"), WANTS_GRAPHQL_RESPONSE);

        assertThat(strict.status()).isEqualTo(400);
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(unknownOperation.status()).isEqualTo(400);
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.errorCodes()).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void aRequestThatRanIs200EvenWithFieldErrors() {
        var answer = http.postJson(Map.of("query", "{ playlist(id: \"THM8T7ZdEbEclDUgBG0xNc\") { name } me { spotifyId } }"),
                WANTS_GRAPHQL_RESPONSE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errorCodes()).containsExactly("NOT_FOUND");
        assertThat(answer.<String>at("data.me.spotifyId")).isEqualTo("demo-listener");
    }

    @Test
    void aBodyThatIsNotAGraphQLRequestIs400InBothMediaTypes() {
        String[][] bodies = {
                {"{ \"not a JSON", "not valid JSON"},
                {"[1, 2]", "must be a JSON object"},
                {"{\"notquery\": \"{ __typename }\"}", "Send a query"},
                {"{\"query\": {\"obj\": 1}}", "query must be a string"},
                {"{\"query\": \"{ __typename }\", \"operationName\": 0}", "operationName must be"},
                {"{\"query\": \"{ __typename }\", \"variables\": \"string\"}", "variables must be"},
                {"{\"query\": \"{ __typename }\", \"extensions\": [1]}", "extensions must be"},
                {"", "body is empty"},
        };
        for (String[] body : bodies) {
            for (String[] accept : new String[][]{WANTS_GRAPHQL_RESPONSE, WANTS_JSON}) {
                var answer = http.post(body[0], "Content-Type", "application/json", accept[0], accept[1]);
                assertThat(answer.status()).as(body[0] + " " + accept[1]).isEqualTo(400);
                assertThat(answer.errorCodes()).containsExactly("BAD_USER_INPUT");
                assertThat(answer.<String>at("errors.0.message")).as(body[0]).contains(body[1]);
                assertThat(answer.header("Content-Type").orElseThrow()).startsWith(accept[1]);
            }
        }
    }

    @Test
    void nullParametersAreTheirAbsence() {
        Map<String, Object> body = new HashMap<>();
        body.put("query", "{ __typename }");
        body.put("operationName", null);
        body.put("variables", null);
        body.put("extensions", null);
        var answer = http.postJson(body, WANTS_GRAPHQL_RESPONSE);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).doesNotContainKey("errors");
    }

    @Test
    void aPostWithoutContentTypeIs415AndAUtf8BodyIsRead() {
        var untyped = http.post("{\"query\": \"{ __typename }\"}");
        var emoji = http.post("{\"query\": \"{ __type(name: \\\"Run🏃Swim🏊\\\") { name } }\"}", "Content-Type", "application/json; charset=utf-8");

        assertThat(untyped.status()).isEqualTo(415);
        assertThat(untyped.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(emoji.status()).isEqualTo(200);
        assertThat(emoji.json()).doesNotContainKey("errors");
    }

    @Test
    void getRunsQueriesWithJsonParametersAndAnswersAMutation405WithAllowPost() {
        var query = http.get(Map.of("query", "query Type($name: String!) { __type(name: $name) { name } }",
                "variables", Map.of("name", "Track")), WANTS_GRAPHQL_RESPONSE);
        var mutation = http.get(Map.of("query", "mutation { removeTracksFromPlaylist(playlistId: \"GD40jTnLyAjr6HOVzJYa14\", "
                + "trackIds: [\"TQMO1kVzxLPjmC3FVPPisB\"]) { trackCount } }"), WANTS_GRAPHQL_RESPONSE);
        var legacyMutation = http.get(Map.of("query", "mutation { __typename }"), WANTS_JSON);
        var badVariables = http.get(Map.of("query", "{ __typename }", "variables", "{not json"), WANTS_GRAPHQL_RESPONSE);

        assertThat(query.status()).isEqualTo(200);
        assertThat(query.<String>at("data.__type.name")).isEqualTo("Track");
        for (var refused : java.util.List.of(mutation, legacyMutation)) {
            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.header("Allow")).hasValue("POST");
            assertThat(refused.errorCodes()).containsExactly("BAD_USER_INPUT");
        }
        assertThat(badVariables.status()).isEqualTo(400);
    }

    @Test
    void headIsAGetAMutationByHeadIs405AndChangesNothing() {
        String count = "{ playlist(id: \"GD40jTnLyAjr6HOVzJYa14\") { trackCount } }";
        int before = http.query(count).<Integer>at("data.playlist.trackCount");
        String mutation = "mutation{addTracksToPlaylist(playlistId:\"GD40jTnLyAjr6HOVzJYa14\",trackIds:[\"TQMO1kVzxLPjmC3FVPPisB\"]){trackCount}}";
        String url = "/graphql?query=" + java.net.URLEncoder.encode(mutation, java.nio.charset.StandardCharsets.UTF_8);

        var head = http.request("HEAD", url, null);
        var headAsGraphQLResponse = http.request("HEAD", url, null, WANTS_GRAPHQL_RESPONSE);
        var get = http.request("GET", url, null);

        for (var refused : java.util.List.of(head, headAsGraphQLResponse, get)) {
            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.header("Allow")).hasValue("POST");
        }
        assertThat(head.body()).isEmpty();
        assertThat(http.query(count).<Integer>at("data.playlist.trackCount")).isEqualTo(before);
    }

    @Test
    void anAcceptThatExcludesBothTypesByQualityZeroIs406() {
        var none = http.postJson(Map.of("query", "{ __typename }"), "Accept", "application/json;q=0, */*;q=0");
        var onlyExcludes = http.postJson(Map.of("query", "{ __typename }"), "Accept", "application/json;q=0");
        var jsonExcluded = http.postJson(Map.of("query", "{ __typename }"), "Accept", "application/json;q=0, */*");
        var graphqlExcluded = http.postJson(Map.of("query", "{ __typename }"), "Accept", "application/graphql-response+json;q=0, */*");
        var viaGet = http.get(Map.of("query", "{ __typename }"), "Accept", "application/json;q=0, */*;q=0");

        for (var refused : java.util.List.of(none, onlyExcludes, viaGet)) {
            assertThat(refused.status()).isEqualTo(406);
            assertThat(refused.errorCodes()).containsExactly("BAD_USER_INPUT");
            assertThat(refused.header("Content-Type").orElseThrow()).startsWith("application/json");
        }
        assertThat(jsonExcluded.status()).isEqualTo(200);
        assertThat(jsonExcluded.header("Content-Type")).hasValue("application/graphql-response+json;charset=utf-8");
        assertThat(graphqlExcluded.status()).isEqualTo(200);
        assertThat(graphqlExcluded.header("Content-Type")).hasValue("application/json;charset=utf-8");
    }
}
