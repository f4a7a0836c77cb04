package dev.playlistgateway.app.graphql;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic persisted queries (Apollo's protocol) over POST and GET, in demo mode with the in-memory
 * cache: an unknown hash is PERSISTED_QUERY_NOT_FOUND (HTTP 200, as Apollo Client and urql expect it),
 * hash plus query runs and registers, then the hash alone runs; a hash that is not the query's is
 * BAD_USER_INPUT and registers nothing. No manifest and no safelist here: see
 * {@link PersistedQuerySafelistIT}. Every test uses queries of its own (a comment makes them distinct).
 */
@MicronautTest
class PersistedQueriesIT {
    @Inject
    RawGraphQL http;

    static Map<String, Object> persisted(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    static String query(String tag) {
        return "# " + tag + "\n{ playlist(id: \"wYog1zmWxOnf8NVxsMQ7Ru\") { name trackCount } }";
    }

    @Test
    void anUnknownHashIsNotFoundThenHashAndQueryRunAndRegisterThenTheHashAloneRuns() {
        String query = query("post");
        String hash = PersistedQueries.sha256(query);

        for (String[] accept : new String[][]{GraphQLOverHttpIT.WANTS_JSON, GraphQLOverHttpIT.WANTS_GRAPHQL_RESPONSE}) {
            var miss = http.postJson(Map.of("extensions", persisted(hash)), accept);
            assertThat(miss.status()).as(accept[1]).isEqualTo(200);
            assertThat(miss.<String>at("errors.0.message")).isEqualTo("PersistedQueryNotFound");
            assertThat(miss.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
            assertThat(miss.json()).doesNotContainKey("data");
        }

        var register = http.postJson(Map.of("query", query, "extensions", persisted(hash)));
        var hit = http.postJson(Map.of("extensions", persisted(hash.toUpperCase())));

        assertThat(register.status()).isEqualTo(200);
        assertThat(register.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.json()).doesNotContainKey("errors");
        assertThat(hit.<Object>at("data")).isEqualTo(register.at("data"));
    }

    @Test
    void theSameOverGetWithVariablesAndOperationName() {
        String query = "# get\nquery Named($id: ID!) { playlist(id: $id) { name } }";
        String hash = PersistedQueries.sha256(query);
        Map<String, Object> parameters = Map.of("extensions", persisted(hash), "variables", Map.of("id", "wYog1zmWxOnf8NVxsMQ7Ru"),
                "operationName", "Named");

        var miss = http.get(parameters, GraphQLOverHttpIT.WANTS_GRAPHQL_RESPONSE);
        var register = http.get(Map.of("query", query, "extensions", persisted(hash), "variables", Map.of("id", "wYog1zmWxOnf8NVxsMQ7Ru")));
        var hit = http.get(parameters, GraphQLOverHttpIT.WANTS_GRAPHQL_RESPONSE);

        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
        assertThat(miss.header("Cache-Control")).hasValue("private, no-store");
        assertThat(register.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(hit.header("Cache-Control").orElseThrow()).startsWith("public, max-age=");
    }

    @Test
    void aHashThatIsNotTheQuerysIsBadUserInputAndRegistersNothing() {
        String query = query("wrong-hash");
        String other = PersistedQueries.sha256(query("something else"));

        var strict = http.postJson(Map.of("query", query, "extensions", persisted(other)), GraphQLOverHttpIT.WANTS_GRAPHQL_RESPONSE);
        var legacy = http.postJson(Map.of("query", query, "extensions", persisted(other)), GraphQLOverHttpIT.WANTS_JSON);
        var after = http.postJson(Map.of("extensions", persisted(other)));

        for (var answer : List.of(strict, legacy)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCodes()).containsExactly("BAD_USER_INPUT");
            assertThat(answer.<String>at("errors.0.message")).contains("provided sha does not match query");
        }
        assertThat(after.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void aQueryThatDoesNotValidateIsNotRegistered() {
        String query = "# invalid\n{ noSuchField }";
        String hash = PersistedQueries.sha256(query);

        var register = http.postJson(Map.of("query", query, "extensions", persisted(hash)));
        var after = http.postJson(Map.of("extensions", persisted(hash)));

        assertThat(register.errorCodes()).containsExactly("BAD_USER_INPUT");
        assertThat(after.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void aMalformedPersistedQueryIs400WithItsCodeOverPostAndGetInBothMediaTypes() {
        String hash = PersistedQueries.sha256("{ __typename }");
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("null", null);
        cases.put("a string", "abc");
        cases.put("an array", List.of(1, hash));
        cases.put("a number", 1);
        cases.put("empty", Map.of());
        cases.put("no version", Map.of("sha256Hash", hash));
        cases.put("version 2", Map.of("version", 2, "sha256Hash", hash));
        cases.put("version \"1\"", Map.of("version", "1", "sha256Hash", hash));
        cases.put("version 1.5", Map.of("version", 1.5, "sha256Hash", hash));
        cases.put("no hash", Map.of("version", 1));
        cases.put("hash not hex", Map.of("version", 1, "sha256Hash", "not-hex"));
        cases.put("hash a number", Map.of("version", 1, "sha256Hash", 12345));
        cases.put("hash an object", Map.of("version", 1, "sha256Hash", Map.of("sha", hash)));
        Map<String, Object> nullHash = new LinkedHashMap<>();
        nullHash.put("version", 1);
        nullHash.put("sha256Hash", null);
        cases.put("hash null", nullHash);

        for (var c : cases.entrySet()) {
            Map<String, Object> extensions = Collections.singletonMap("persistedQuery", c.getValue());
            for (String[] accept : new String[][]{GraphQLOverHttpIT.WANTS_JSON, GraphQLOverHttpIT.WANTS_GRAPHQL_RESPONSE}) {
                var post = http.postJson(Map.of("extensions", extensions), accept);
                var get = http.get(Map.of("extensions", extensions), accept);
                for (var answer : List.of(post, get)) {
                    assertThat(answer.status()).as(c.getKey() + " " + accept[1] + ": " + answer.body()).isEqualTo(400);
                    assertThat(answer.errorCodes()).as(c.getKey()).containsExactly("BAD_USER_INPUT");
                    assertThat(answer.<String>at("errors.0.message")).as(c.getKey()).isNotBlank();
                }
                if (c.getValue() == null) {
                    assertThat(post.<String>at("errors.0.message")).startsWith("Send a query");
                    assertThat(get.<String>at("errors.0.message")).startsWith("Send a query");
                }
            }
        }
    }

    @Test
    void aNullPersistedQueryBesideAQueryIsNoPersistedQuery() {
        var answer = http.postJson(Map.of("query", query("null-beside"),
                "extensions", Collections.singletonMap("persistedQuery", null)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
    }
}
