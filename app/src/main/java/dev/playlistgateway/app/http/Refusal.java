package dev.playlistgateway.app.http;

import dev.playlistgateway.app.graphql.ErrorCode;
import dev.playlistgateway.app.graphql.GraphQLRequestErrors;

import java.util.Map;
import java.util.Objects;

/**
 * How the HTTP layer refuses one request: the status, the error code and a message for the client
 * (written by us, never the text of an exception, which may name internals).
 */
record Refusal(int status, ErrorCode code, String message) {
    Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static Refusal badInput(int status, String message) {
        return new Refusal(status, ErrorCode.BAD_USER_INPUT, message);
    }

    /** The response body: the GraphQL error shape. */
    Map<String, Object> body() {
        return GraphQLRequestErrors.body(message, code);
    }
}
