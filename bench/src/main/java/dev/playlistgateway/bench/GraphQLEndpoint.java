package dev.playlistgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** Something that answers a GraphQL document for one viewer: the gateway over HTTP, or the naive baseline. */
@FunctionalInterface
interface GraphQLEndpoint {

    /** The response's {@code data}; fails when the response carries {@code errors}. */
    JsonNode data(String query);
}
