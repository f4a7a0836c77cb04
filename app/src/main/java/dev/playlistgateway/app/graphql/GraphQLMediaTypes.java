package dev.playlistgateway.app.graphql;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;

/**
 * The two media types a GraphQL response can have (GraphQL over HTTP): {@code application/graphql-response+json},
 * whose status codes tell a request that could not run (4xx) from one that ran, and the older
 * {@code application/json}, always 200 once the request was well formed. Both are UTF-8. Stateless.
 */
final class GraphQLMediaTypes {
    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    static final MediaType GRAPHQL_RESPONSE_JSON_TYPE = MediaType.of(GRAPHQL_RESPONSE_JSON + ";charset=utf-8");
    static final MediaType JSON_TYPE = MediaType.of(MediaType.APPLICATION_JSON + ";charset=utf-8");

    private GraphQLMediaTypes() {
    }

    /**
     * Whether the client gets {@code application/graphql-response+json}: when it is the first of the
     * request's {@code Accept} (by quality, then order) that this endpoint serves. {@code application/json},
     * a wildcard, or no {@code Accept} at all give {@code application/json}, the spec's default for
     * clients that do not say. (An {@code Accept} that allows neither never gets here: the route
     * produces only these two, so the router answers 406.)
     */
    static boolean wantsGraphQLResponse(HttpRequest<?> request) {
        for (MediaType accepted : request.accept()) {
            if (accepted.getQualityAsNumber().doubleValue() <= 0) {
                continue;
            }
            String name = accepted.getName();
            if (name.equalsIgnoreCase(GRAPHQL_RESPONSE_JSON)) {
                return true;
            }
            if (name.equalsIgnoreCase(MediaType.APPLICATION_JSON) || name.equals("*/*")
                    || name.equalsIgnoreCase("application/*")) {
                return false;
            }
        }
        return false;
    }
}
