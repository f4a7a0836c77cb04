package dev.playlistgateway.app.graphql;

import graphql.execution.AbortExecutionException;
import graphql.language.OperationDefinition;

import java.util.Map;

/**
 * Refuses mutations that arrive by HTTP GET or HEAD before anything runs: a GET can be triggered by a link
 * or an image on another site (CSRF), a HEAD by a script there without a preflight, and caches and logs keep
 * URLs. GET and HEAD are for queries only ({@link GatewayRequest#viaGet}). {@link OperationStart} calls it.
 */
final class MutationGuard {

    private MutationGuard() {
    }

    static void check(OperationDefinition operation, GatewayRequest request) {
        if (request.viaGet() && operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            request.mutationOverGet().set(true);
            throw new Refused("Mutations must be sent with POST");
        }
    }

    /** An abort that says why in the error model's terms. */
    static final class Refused extends AbortExecutionException {
        Refused(String message) {
            super(message);
        }

        @Override
        public Map<String, Object> getExtensions() {
            return Map.of("code", ErrorCode.BAD_USER_INPUT.name());
        }
    }
}
