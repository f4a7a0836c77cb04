package dev.playlistgateway.app.graphql;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Valid documents are parsed once and kept, within a bound; documents with errors never are. */
class ParsedDocumentsTest {
    private final ParsedDocuments documents = new ParsedDocuments();
    private final AtomicInteger parses = new AtomicInteger();
    private final Function<ExecutionInput, PreparsedDocumentEntry> valid = input -> {
        parses.incrementAndGet();
        return new PreparsedDocumentEntry(Document.newDocument().build());
    };
    private final Function<ExecutionInput, PreparsedDocumentEntry> invalid = input -> {
        parses.incrementAndGet();
        return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().message("bad").build());
    };

    private static ExecutionInput input(String query) {
        return ExecutionInput.newExecutionInput().query(query).build();
    }

    @Test
    void aValidDocumentIsParsedOnceAndTellsTheRequestThatAsked() {
        AtomicInteger told = new AtomicInteger();
        ExecutionInput registering = ExecutionInput.newExecutionInput().query("{ a }")
                .graphQLContext(Map.of(ParsedDocuments.ON_VALID, (Runnable) told::incrementAndGet)).build();

        documents.getDocumentAsync(input("{ a }"), valid).join();
        documents.getDocumentAsync(registering, valid).join();

        assertThat(parses).hasValue(1);
        assertThat(told).as("a cached document is still known valid").hasValue(1);
    }

    @Test
    void aDocumentWithErrorsIsParsedEveryTimeAndNeverToldValid() {
        AtomicInteger told = new AtomicInteger();
        ExecutionInput registering = ExecutionInput.newExecutionInput().query("{ b")
                .graphQLContext(Map.of(ParsedDocuments.ON_VALID, (Runnable) told::incrementAndGet)).build();

        documents.getDocumentAsync(registering, invalid).join();
        documents.getDocumentAsync(registering, invalid).join();

        assertThat(parses).hasValue(2);
        assertThat(told).hasValue(0);
    }

    @Test
    void manyLargeDocumentsDoNotStayBeyondTheBound() {
        String padding = " ".repeat(100_000);
        for (int i = 0; i < 200; i++) {
            documents.getDocumentAsync(input("{ q" + i + " }" + padding), valid).join();
        }
        parses.set(0);
        for (int i = 0; i < 200; i++) {
            documents.getDocumentAsync(input("{ q" + i + " }" + padding), valid).join();
        }
        // 200 x 100,000 characters is five times the bound: most had to be parsed again.
        assertThat(parses.get()).isGreaterThan(100);
    }
}
