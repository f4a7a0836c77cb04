package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.service.QueryCost;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every data fetcher of one GraphQL request needs: who asks, and the ledger of what the
 * request cost. Kept in the request's {@link GraphQLContext}; never shared between requests.
 *
 * @param viewer     the caller
 * @param cost       hits, misses and upstream calls of this request
 * @param viaGet     true when the request came as HTTP GET (queries only, never mutations)
 * @param idsLeft    how many more ids this request may ask for by id
 * @param mutationOverGet set when the request was refused because it is a mutation sent by GET (HTTP 405)
 */
record GatewayRequest(Viewer viewer, QueryCost cost, boolean viaGet, AtomicInteger idsLeft, AtomicBoolean mutationOverGet) {

    /**
     * The most ids one request may ask for by id (track, tracks, artist, node, nodes), summed over all its fields:
     * aliases would otherwise multiply the per-field limit, and in Development Mode each id is a call.
     */
    static final int MAX_IDS_PER_REQUEST = 100;

    GatewayRequest(Viewer viewer, QueryCost cost, boolean viaGet) {
        this(viewer, cost, viaGet, new AtomicInteger(MAX_IDS_PER_REQUEST), new AtomicBoolean());
    }

    /** Takes {@code count} from this request's id budget, or refuses the field as BAD_USER_INPUT. */
    void spendIds(int count) {
        if (idsLeft.addAndGet(-count) < 0) {
            throw new InvalidInputException("at most " + MAX_IDS_PER_REQUEST
                    + " ids per request across track, tracks, artist, node and nodes (aliases included)");
        }
    }

    static GatewayRequest of(DataFetchingEnvironment environment) {
        return of(environment.getGraphQlContext());
    }

    static GatewayRequest of(GraphQLContext context) {
        return context.get(GatewayRequest.class);
    }
}
