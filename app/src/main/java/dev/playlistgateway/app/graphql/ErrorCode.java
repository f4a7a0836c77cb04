package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.MusicDataException;

/**
 * The one error model of the API: every error a client sees carries one of these in extensions.code.
 * The three PERSISTED_QUERY_ codes are the persisted-query protocol's own (Apollo's names), which
 * Apollo Client and urql act on: NOT_FOUND and NOT_SUPPORTED make them send the query itself.
 */
public enum ErrorCode {
    BAD_USER_INPUT, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, UPSTREAM_UNAVAILABLE, INTERNAL,
    PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED, PERSISTED_QUERY_NOT_IN_LIST;

    static ErrorCode of(MusicDataException.Failure failure) {
        return switch (failure) {
            case BAD_INPUT -> BAD_USER_INPUT;
            case NOT_FOUND -> NOT_FOUND;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
            case FORBIDDEN -> FORBIDDEN;
            case RATE_LIMITED -> RATE_LIMITED;
            case UPSTREAM_UNAVAILABLE -> UPSTREAM_UNAVAILABLE;
        };
    }
}
