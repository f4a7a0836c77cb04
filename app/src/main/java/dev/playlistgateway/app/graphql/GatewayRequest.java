package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.model.InvalidInputException;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.service.QueryCost;
import graphql.GraphQLContext;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import io.micronaut.http.HttpMethod;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every data fetcher of one GraphQL request needs: who asks, and the ledger of what the
 * request cost. Kept in the request's {@link GraphQLContext}; never shared between requests.
 *
 * @param viewer     the caller
 * @param cost       hits, misses and upstream calls of this request
 * @param viaGet     true when the request came as HTTP GET or HEAD (queries only, never mutations: {@link #viaGet(HttpMethod)})
 * @param idsLeft    how many more ids this request may ask for by id
 * @param mutationOverGet set when the request was refused because it is a mutation sent by GET (HTTP 405)
 * @param operation the operation that runs, once the document has parsed and validated ({@link OperationStart});
 *                  unset for a request that did not get that far
 */
record GatewayRequest(Viewer viewer, QueryCost cost, boolean viaGet, AtomicInteger idsLeft, AtomicBoolean mutationOverGet,
                      AtomicReference<OperationDefinition> operation) {

    /**
     * The most ids one request may ask for by id (playlist, track, tracks, artist, node, nodes: every query field
     * with an id argument), summed over all its fields: aliases would otherwise multiply the per-field limit, and
     * each playlist (and in Development Mode each track and artist) is an upstream call. Mutations take ids too,
     * but are bounded by their own cap ({@link QueryLimits.Settings#maxMutationFields()}).
     */
    static final int MAX_IDS_PER_REQUEST = 100;

    GatewayRequest(Viewer viewer, QueryCost cost, boolean viaGet) {
        this(viewer, cost, viaGet, new AtomicInteger(MAX_IDS_PER_REQUEST), new AtomicBoolean(), new AtomicReference<>());
    }

    /**
     * Whether a request by {@code method} counts as a GET: GET itself and HEAD, which the router serves with the
     * GET route and which a browser sends cross-site without a preflight. Both run queries only, and get the
     * same caching headers.
     */
    static boolean viaGet(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    /** Takes {@code count} from this request's id budget, or refuses the field as BAD_USER_INPUT. */
    void spendIds(int count) {
        if (idsLeft.addAndGet(-count) < 0) {
            throw new InvalidInputException("at most " + MAX_IDS_PER_REQUEST
                    + " ids per request across playlist, track, tracks, artist, node and nodes (aliases included)");
        }
    }

    /** {@code query} or {@code mutation}, null while no operation runs. */
    String operationType() {
        OperationDefinition running = operation.get();
        return running == null ? null : running.getOperation().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The running operation's name, null when it has none (or none runs). */
    String operationName() {
        OperationDefinition running = operation.get();
        return running == null ? null : running.getName();
    }

    static GatewayRequest of(DataFetchingEnvironment environment) {
        return of(environment.getGraphQlContext());
    }

    static GatewayRequest of(GraphQLContext context) {
        return context.get(GatewayRequest.class);
    }
}
