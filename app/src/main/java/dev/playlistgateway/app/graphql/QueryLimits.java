package dev.playlistgateway.app.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

import java.util.List;

/**
 * Bounds on what one query may ask, checked before anything runs. Without them a few hundred bytes
 * (playlists, their owners, their playlists, ...) ask for millions of objects: a 321-byte query at
 * depth 6 made a 40 MB response. Refusals are BAD_USER_INPUT (graphql-java's ExecutionAborted).
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

    private QueryLimits() {
    }

    static List<Instrumentation> instrumentations() {
        return List.of(new MaxQueryDepthInstrumentation(MAX_DEPTH),
                new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, listSizeTimesChildren()));
    }

    private static FieldComplexityCalculator listSizeTimesChildren() {
        return (environment, childComplexity) -> {
            Object first = environment.getArguments().get("first");
            Object ids = environment.getArguments().get("ids");
            long size = first instanceof Integer n ? Math.max(1, n) : ids instanceof List<?> list ? Math.max(1, list.size()) : 1;
            return (int) Math.min(Integer.MAX_VALUE, size * (1L + childComplexity));
        };
    }
}
