package dev.playlistgateway.app.graphql;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;

/** Posts GraphQL requests the way a browser client does, and reads the response as plain maps. */
final class GraphQLClient {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final HttpClient http;

    GraphQLClient(HttpClient http) {
        this.http = http;
    }

    Response post(String query) {
        return post(query, Map.of());
    }

    Response post(String query, Map<String, Object> variables) {
        return exchange(HttpRequest.POST("/graphql", Map.of("query", query, "variables", variables))
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    Response exchange(HttpRequest<?> request) {
        try {
            HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(request, JSON);
            return new Response(response.code(), response.body());
        } catch (HttpClientResponseException e) {
            return new Response(e.code(), e.getResponse().getBody(JSON).orElse(Map.of()));
        }
    }

    /** A GraphQL response: HTTP status and the JSON body. */
    record Response(int status, Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        <T> T at(String path) {
            Object current = body;
            for (String part : path.split("\\.")) {
                if (current instanceof Map<?, ?> map) {
                    current = map.get(part);
                } else if (current instanceof List<?> list) {
                    current = list.get(Integer.parseInt(part));
                } else {
                    return null;
                }
            }
            return (T) current;
        }

        List<Map<String, Object>> errors() {
            List<Map<String, Object>> errors = at("errors");
            return errors == null ? List.of() : errors;
        }

        /** The codes of all errors, in order. */
        List<String> errorCodes() {
            return errors().stream().map(e -> (String) ((Map<?, ?>) e.get("extensions")).get("code")).toList();
        }
    }
}
