package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.graphql.GraphQLRequestErrors.MalformedRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpParameters;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * The parameters of one GraphQL-over-HTTP request, read from a POST body ({@code application/json}:
 * an object with {@code query}, {@code operationName}, {@code variables}, {@code extensions}; or
 * {@code application/graphql}: the query itself) or from a GET's URL parameters (the same names,
 * {@code variables} and {@code extensions} as JSON). Each parameter must have its type (a string, or
 * an object) or be null or absent; anything else is a {@link MalformedRequest} (HTTP 400,
 * BAD_USER_INPUT), as is a request with neither a query nor a persisted query's id. Immutable.
 *
 * @param query         the document; null when the request names a persisted query instead
 * @param operationName the operation to run, or null
 * @param variables     never null
 * @param extensions    never null ({@code persistedQuery} lives here)
 * @param documentId    a persisted document's id (GraphQL over HTTP's persisted documents), or null
 * @param viaGet        whether the request came as GET (queries only)
 */
record GraphQLHttpRequest(@Nullable String query, @Nullable String operationName, Map<String, Object> variables,
                          Map<String, Object> extensions, @Nullable String documentId, boolean viaGet) {

    private static final String SHAPE = "{\"query\": \"...\", \"operationName\": \"...\", \"variables\": {...}, \"extensions\": {...}}";

    /** A POST body in {@code application/json}. */
    static GraphQLHttpRequest fromJson(JsonMapper json, @Nullable String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedRequest("The request body is empty: send " + SHAPE);
        }
        Object parsed = parse(json, body, "The request body is not valid JSON: send " + SHAPE);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new MalformedRequest("The request body must be a JSON object: " + SHAPE);
        }
        return of(map.get("query"), map.get("operationName"), map.get("variables"), map.get("extensions"),
                map.get("documentId"), false);
    }

    /** A POST body in {@code application/graphql}: the document itself. */
    static GraphQLHttpRequest fromDocument(@Nullable String body) {
        return of(body == null ? "" : body, null, null, null, null, false);
    }

    /** URL parameters: a GET, or a POST that carries its query on the URL. */
    static GraphQLHttpRequest fromParameters(JsonMapper json, HttpParameters parameters, boolean viaGet) {
        return of(parameters.get("query"), parameters.get("operationName"),
                jsonParameter(json, parameters.get("variables"), "variables"),
                jsonParameter(json, parameters.get("extensions"), "extensions"),
                parameters.get("documentId"), viaGet);
    }

    /** The id of the persisted query this request names ({@code extensions.persistedQuery}), or null. */
    @Nullable
    Map<?, ?> persistedQuery() {
        Object persisted = extensions.get("persistedQuery");
        if (persisted == null) {
            return null;
        }
        if (!(persisted instanceof Map<?, ?> map)) {
            throw new MalformedRequest("extensions.persistedQuery must be an object: {\"version\": 1, \"sha256Hash\": \"...\"}");
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static GraphQLHttpRequest of(Object query, Object operationName, Object variables, Object extensions,
                                         Object documentId, boolean viaGet) {
        if (query != null && !(query instanceof String)) {
            throw new MalformedRequest("query must be a string holding a GraphQL document");
        }
        if (operationName != null && !(operationName instanceof String)) {
            throw new MalformedRequest("operationName must be a string or null");
        }
        if (variables != null && !(variables instanceof Map)) {
            throw new MalformedRequest("variables must be an object (a map of names to values) or null");
        }
        if (extensions != null && !(extensions instanceof Map)) {
            throw new MalformedRequest("extensions must be an object or null");
        }
        if (documentId != null && !(documentId instanceof String)) {
            throw new MalformedRequest("documentId must be a string or null");
        }
        Map<String, Object> extensionMap = extensions == null ? Map.of() : (Map<String, Object>) extensions;
        // A null persistedQuery names nothing, like an absent one: such a request has nothing to run.
        if (query == null && documentId == null && extensionMap.get("persistedQuery") == null) {
            throw new MalformedRequest("Send a query: POST " + SHAPE + " as application/json, or GET ?query=...");
        }
        return new GraphQLHttpRequest((String) query, (String) operationName,
                variables == null ? Map.of() : (Map<String, Object>) variables, extensionMap, (String) documentId, viaGet);
    }

    @Nullable
    private static Object jsonParameter(JsonMapper json, @Nullable String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return parse(json, value, "The " + name + " parameter is not valid JSON: send a URL-encoded JSON object");
    }

    @Nullable
    private static Object parse(JsonMapper json, String text, String complaint) {
        try {
            return json.readValue(text, Argument.OBJECT_ARGUMENT);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRequest(complaint);
        }
    }
}
