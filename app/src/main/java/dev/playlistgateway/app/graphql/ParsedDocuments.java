package dev.playlistgateway.app.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Documents that parsed and validated, kept so that a query sent again (a persisted query above all)
 * is not parsed and validated again. Bounded by the characters of the query texts, least used dropped
 * first, so no client can fill memory with documents; documents with errors are never kept. A
 * request that registers a persisted query (the {@link #ON_VALID} callback in its GraphQL context)
 * is told once its document is known to be valid. Thread safe: parsed documents are immutable and
 * validation depends on the schema alone.
 */
final class ParsedDocuments implements PreparsedDocumentProvider {
    /** GraphQL-context key of a {@link Runnable} to run once the request's document is known to be valid. */
    static final String ON_VALID = "gateway.onValidDocument";
    /** Characters of query text kept in all (about 8 MB of text, plus its syntax trees). */
    static final long MAX_CHARS = 4_000_000;

    private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARS)
            .weigher((String query, PreparsedDocumentEntry entry) -> query.length())
            .executor(Runnable::run) // evict on the writing thread: the bound holds at once
            .build();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry entry = documents.getIfPresent(query);
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                documents.put(query, entry);
            }
        }
        if (!entry.hasErrors()) {
            Runnable onValid = input.getGraphQLContext().get(ON_VALID);
            if (onValid != null) {
                onValid.run();
            }
        }
        return CompletableFuture.completedFuture(entry);
    }
}
