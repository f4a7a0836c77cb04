package dev.playlistgateway.app.graphql;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;

import java.util.Map;

/**
 * Refuses mutations that arrive by HTTP GET before anything runs: a GET can be triggered by a link
 * or an image on another site (CSRF), and caches and logs keep URLs. GET is for queries only.
 */
final class MutationGuard extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        var context = parameters.getExecutionContext();
        GatewayRequest request = GatewayRequest.of(context.getGraphQLContext());
        if (request != null && request.viaGet()
                && context.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION) {
            request.mutationOverGet().set(true);
            throw new Refused("Mutations must be sent with POST");
        }
        return super.beginExecuteOperation(parameters, state);
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
