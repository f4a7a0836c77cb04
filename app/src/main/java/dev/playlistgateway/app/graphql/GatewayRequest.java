package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.service.QueryCost;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/**
 * What every data fetcher of one GraphQL request needs: who asks, and the ledger of what the
 * request cost. Kept in the request's {@link GraphQLContext}; never shared between requests.
 *
 * @param viewer     the caller
 * @param cost       hits, misses and upstream calls of this request
 * @param viaGet     true when the request came as HTTP GET (queries only, never mutations)
 */
record GatewayRequest(Viewer viewer, QueryCost cost, boolean viaGet) {

    static GatewayRequest of(DataFetchingEnvironment environment) {
        return of(environment.getGraphQlContext());
    }

    static GatewayRequest of(GraphQLContext context) {
        return context.get(GatewayRequest.class);
    }
}
