package dev.playlistgateway.app.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;

import java.util.List;

/**
 * Bounds on what one query may ask, checked before anything runs ({@link OperationStart}). Without them a
 * few hundred bytes (playlists, their owners, their playlists, ...) ask for millions of objects: a
 * 321-byte query at depth 6 made a 40 MB response. Refusals are BAD_USER_INPUT (graphql-java's
 * ExecutionAborted), with graphql-java's own messages. The check walks the document's fields (a dozen
 * for 50 playlists x 100 tracks), never the result's: it costs the same for any size of answer.
 */
final class QueryLimits {
    /** Deep enough for GraphiQL's introspection query and every real query of this schema. */
    static final int MAX_DEPTH = 15;
    /**
     * A field costs 1 plus its children, times the size of the list it asks for ({@code first} or
     * {@code ids}, defaults included). 50 playlists x 100 tracks with names, albums and artists cost
     * about 40,000; nesting owners' playlists three deep at first 50 costs over 125,000.
     */
    static final int MAX_COMPLEXITY = 100_000;

    private static final FieldComplexityCalculator LIST_SIZE_TIMES_CHILDREN = (environment, childComplexity) -> {
        Object first = environment.getArguments().get("first");
        Object ids = environment.getArguments().get("ids");
        long size = first instanceof Integer n ? Math.max(1, n) : ids instanceof List<?> list ? Math.max(1, list.size()) : 1;
        return (int) Math.min(Integer.MAX_VALUE, size * (1L + childComplexity));
    };

    private QueryLimits() {
    }

    /** Throws an {@link AbortExecutionException} when the operation about to run is too deep or too large. */
    static void check(ExecutionContext context) {
        int depth = depthOf(context);
        if (depth > MAX_DEPTH) {
            throw new AbortExecutionException("maximum query depth exceeded " + depth + " > " + MAX_DEPTH);
        }
        int complexity = QueryComplexityCalculator.newCalculator()
                .fieldComplexityCalculator(LIST_SIZE_TIMES_CHILDREN)
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .variables(context.getCoercedVariables())
                .build()
                .calculate();
        if (complexity > MAX_COMPLEXITY) {
            throw new AbortExecutionException("maximum query complexity exceeded " + complexity + " > " + MAX_COMPLEXITY);
        }
    }

    /** The deepest field's nesting, a top-level field being 1 (as graphql-java's MaxQueryDepthInstrumentation counts). */
    private static int depthOf(ExecutionContext context) {
        return QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .coercedVariables(context.getCoercedVariables())
                .build()
                .reducePreOrder((QueryVisitorFieldEnvironment field, Integer deepest) -> Math.max(levelOf(field), deepest), 0);
    }

    private static int levelOf(QueryVisitorFieldEnvironment field) {
        int level = 1;
        for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment(); parent != null; parent = parent.getParentEnvironment()) {
            level++;
        }
        return level;
    }
}
