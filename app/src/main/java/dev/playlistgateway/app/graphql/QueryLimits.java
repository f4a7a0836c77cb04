package dev.playlistgateway.app.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.language.OperationDefinition;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Bounds on what one operation may ask, checked before anything runs ({@link OperationStart}). Without them a
 * few hundred bytes (playlists, their owners, their playlists, ...) ask for millions of objects: a
 * 321-byte query at depth 6 made a 40 MB response. Refusals are BAD_USER_INPUT (graphql-java's
 * ExecutionAborted), with graphql-java's own messages (the mutation cap's in the same words). The check walks
 * the document's fields (a dozen for 50 playlists x 100 tracks), never the result's: it costs the same for any
 * size of answer.
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

    /** {@code graphql.max-mutation-fields} when no {@link Settings} is in the request's context. */
    static final int DEFAULT_MAX_MUTATION_FIELDS = 10;

    private QueryLimits() {
    }

    /**
     * The limits that are settings, read at start-up (a bad value stops the start with the setting's name) and
     * handed to each request in its GraphQL context ({@link GatewayGraphQLInvocation}).
     *
     * @param maxMutationFields {@code graphql.max-mutation-fields}: the most mutation fields one operation may
     *                          have, aliases and fragments included. Each is at least one upstream write (and in
     *                          Development Mode a read), and aliases multiply them: 900 removals of 100 tracks each
     *                          were 1,800 calls in one request
     */
    @Context
    @Singleton
    record Settings(int maxMutationFields) {
        @Inject
        Settings(@Property(name = "graphql.max-mutation-fields", defaultValue = "" + DEFAULT_MAX_MUTATION_FIELDS)
                 String maxMutationFields) {
            this(parsePositive("graphql.max-mutation-fields", maxMutationFields));
        }

        Settings {
            if (maxMutationFields < 1) {
                throw new ConfigurationException("graphql.max-mutation-fields must be at least 1, was " + maxMutationFields);
            }
        }

        private static int parsePositive(String name, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be a whole number of at least 1, was '" + value + "'", e);
            }
        }
    }

    /**
     * Throws an {@link AbortExecutionException} when the operation about to run is too deep or too large, or is a
     * mutation with more fields than {@link Settings#maxMutationFields()}.
     */
    static void check(ExecutionContext context) {
        if (context.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION) {
            Settings settings = context.getGraphQLContext().get(Settings.class);
            int most = settings == null ? DEFAULT_MAX_MUTATION_FIELDS : settings.maxMutationFields();
            int fields = rootFieldsOf(context);
            if (fields > most) {
                throw new AbortExecutionException("maximum mutation fields exceeded " + fields + " > " + most
                        + " (aliases included; graphql.max-mutation-fields)");
            }
        }
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

    /** The fields of the operation that will run, with its variables. */
    private static QueryTraverser traverserOf(ExecutionContext context) {
        return QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .coercedVariables(context.getCoercedVariables())
                .build();
    }

    /** The deepest field's nesting, a top-level field being 1 (as graphql-java's MaxQueryDepthInstrumentation counts). */
    private static int depthOf(ExecutionContext context) {
        return traverserOf(context).reducePreOrder((QueryVisitorFieldEnvironment field, Integer deepest) -> Math.max(levelOf(field), deepest), 0);
    }

    /**
     * The operation's top-level fields as they will run: aliases each count, fragments are looked into, and a field
     * that {@code @skip} or {@code @include} leaves out does not count.
     */
    private static int rootFieldsOf(ExecutionContext context) {
        return traverserOf(context).reducePreOrder((QueryVisitorFieldEnvironment field, Integer count) ->
                        field.getParentEnvironment() == null && !field.isTypeNameIntrospectionField() ? count + 1 : count, 0);
    }

    private static int levelOf(QueryVisitorFieldEnvironment field) {
        int level = 1;
        for (QueryVisitorFieldEnvironment parent = field.getParentEnvironment(); parent != null; parent = parent.getParentEnvironment()) {
            level++;
        }
        return level;
    }
}
