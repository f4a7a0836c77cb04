package dev.playlistgateway.app.graphql;

import dev.playlistgateway.app.metrics.UpstreamFailures;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Builds the {@link GraphQL} engine from schema.graphqls and the gateway's data fetchers. */
@Factory
final class GraphQLFactory {

    /** Counts the fields the music service failed, and warns about them at most once per interval and code. */
    @Singleton
    UpstreamFailures upstreamFailures(MeterRegistry meters,
                                      @Property(name = "gateway.upstream.failure-log-interval", defaultValue = "30s") Duration interval) {
        return new UpstreamFailures(meters, interval);
    }

    @Singleton
    GraphQL graphQL(ResourceResolver resources, GatewayDataFetchers fetchers, GatewayExceptionHandler exceptionHandler) {
        TypeDefinitionRegistry types;
        try (InputStream schema = resources.getResourceAsStream("classpath:schema.graphqls")
                .orElseThrow(() -> new IllegalStateException("schema.graphqls is missing from the classpath"))) {
            types = new SchemaParser().parse(new InputStreamReader(schema, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, fetchers.wiring());
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(exceptionHandler)
                .preparsedDocumentProvider(new ParsedDocuments())
                .instrumentation(new OperationStart())
                .build();
    }
}
