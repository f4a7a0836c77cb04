package dev.playlistgateway.app.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;

/**
 * Notes in the request's {@link GatewayRequest} which operation runs (type and name, as the document gives
 * them, whether or not the client sent {@code operationName}), for the per-operation metric and the
 * operation's span. Runs once the document has parsed and validated.
 */
final class OperationRecorder extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        var context = parameters.getExecutionContext();
        GatewayRequest request = GatewayRequest.of(context.getGraphQLContext());
        if (request != null) {
            request.operation().set(context.getOperationDefinition());
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
