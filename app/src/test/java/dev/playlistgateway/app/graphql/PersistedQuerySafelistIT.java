package dev.playlistgateway.app.graphql;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.playlistgateway.app.graphql.PersistedQueriesIT.persisted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safelist: with {@code graphql.persisted-queries.only=true} only the operations of the registered
 * manifest (Apollo's format here) run, by id or as their exact text; nothing else runs and nothing can
 * be registered.
 */
@MicronautTest
@Property(name = "graphql.persisted-queries.only", value = "true")
@Property(name = "graphql.persisted-queries.manifest", value = "classpath:persisted-queries/apollo-manifest.json")
class PersistedQuerySafelistIT {
    static final String DEEP_FOCUS = "query DeepFocus { playlist(id: \"wYog1zmWxOnf8NVxsMQ7Ru\") { name trackCount } }";
    static final String DEEP_FOCUS_ID = "12b290beed7dbbe452aa00550ffaded3fb47c81aff1ea99a360654e86475fb27";
    static final String PLAYLIST_NAME_ID = "397722b60788e142e481c95e7cb02c4ed9a1f699b26f6a1b849cc36d767ba7b4";

    @Inject
    RawGraphQL http;

    @Test
    void aListedOperationRunsByItsIdOverPostAndGet() {
        var post = http.postJson(Map.of("extensions", persisted(DEEP_FOCUS_ID)));
        var get = http.get(Map.of("extensions", persisted(PLAYLIST_NAME_ID), "variables", Map.of("id", "wYog1zmWxOnf8NVxsMQ7Ru")));

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(get.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
    }

    @Test
    void aListedOperationSentAsTextRuns() {
        var text = http.postJson(Map.of("query", DEEP_FOCUS));
        var textAndHash = http.postJson(Map.of("query", DEEP_FOCUS, "extensions", persisted(DEEP_FOCUS_ID)));

        assertThat(text.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
        assertThat(textAndHash.<String>at("data.playlist.name")).isEqualTo("Deep Focus");
    }

    @Test
    void anythingElseIsRefusedAndCannotBeRegistered() {
        String other = "{ me { spotifyId } }";
        String hash = PersistedQueries.sha256(other);

        var freeform = http.postJson(Map.of("query", other), GraphQLOverHttpIT.WANTS_GRAPHQL_RESPONSE);
        var legacy = http.postJson(Map.of("query", other), GraphQLOverHttpIT.WANTS_JSON);
        var unknownHash = http.postJson(Map.of("extensions", persisted(hash)));
        var registration = http.postJson(Map.of("query", other, "extensions", persisted(hash)), GraphQLOverHttpIT.WANTS_GRAPHQL_RESPONSE);
        var afterwards = http.postJson(Map.of("extensions", persisted(hash)));

        assertThat(freeform.status()).isEqualTo(403);
        assertThat(freeform.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(freeform.json()).doesNotContainKey("data");
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
        // Not found first, so that Apollo Client and urql send the text, which then says why it cannot run.
        assertThat(unknownHash.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
        assertThat(registration.status()).isEqualTo(403);
        assertThat(registration.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(afterwards.errorCodes()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
    }
}
