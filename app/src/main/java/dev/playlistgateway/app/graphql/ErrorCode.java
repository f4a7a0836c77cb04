package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.MusicDataException;

/** The one error model of the API: every error a client sees carries one of these in extensions.code. */
public enum ErrorCode {
    BAD_USER_INPUT, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, UPSTREAM_UNAVAILABLE, INTERNAL;

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
