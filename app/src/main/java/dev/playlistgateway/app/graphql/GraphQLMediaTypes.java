package dev.playlistgateway.app.graphql;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two media types a GraphQL response can have (GraphQL over HTTP): {@code application/graphql-response+json},
 * whose status codes tell a request that could not run (4xx) from one that ran, and the older
 * {@code application/json}, always 200 once the request was well formed. Both are UTF-8. Stateless.
 */
final class GraphQLMediaTypes {
    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    static final MediaType GRAPHQL_RESPONSE_JSON_TYPE = MediaType.of(GRAPHQL_RESPONSE_JSON + ";charset=utf-8");
    static final MediaType JSON_TYPE = MediaType.of(MediaType.APPLICATION_JSON + ";charset=utf-8");

    private GraphQLMediaTypes() {
    }

    /**
     * Whether the client gets {@code application/graphql-response+json}: when {@link #choose} picks it. A request
     * whose {@code Accept} allows neither gets {@code application/json} here; {@link #choose} tells it apart.
     */
    static boolean wantsGraphQLResponse(HttpRequest<?> request) {
        return choose(request).orElse(false);
    }

    /**
     * Which of the two the request's {@code Accept} prefers (RFC 9110 12.5.1): each gets the quality of the most
     * specific range that names it ({@code application/json} over {@code application/*} over {@code *}{@code /*}),
     * the higher quality wins, and between equal ones the range that comes first; a wildcard alone, or no
     * {@code Accept} at all, gives {@code application/json}, the spec's default for clients that do not say.
     * True: {@code application/graphql-response+json}; false: {@code application/json}; empty when {@code Accept}
     * allows neither ({@code q=0} excludes a type, a range that names neither does not include it): 406.
     */
    static Optional<Boolean> choose(HttpRequest<?> request) {
        List<MediaType> accepted = List.copyOf(request.accept());
        if (accepted.isEmpty()) {
            return Optional.of(false);
        }
        Preference json = preference(accepted, MediaType.APPLICATION_JSON);
        Preference graphql = preference(accepted, GRAPHQL_RESPONSE_JSON);
        if (json.quality() <= 0 && graphql.quality() <= 0) {
            return Optional.empty();
        }
        if (graphql.quality() != json.quality()) {
            return Optional.of(graphql.quality() > json.quality());
        }
        return Optional.of(graphql.position() < json.position());
    }

    /** How much {@code type} is wanted: the quality and position of the most specific range that names it. */
    private record Preference(double quality, int position) {
    }

    private static Preference preference(List<MediaType> accepted, String type) {
        int specificity = -1;
        Preference best = new Preference(0, Integer.MAX_VALUE);
        for (int i = 0; i < accepted.size(); i++) {
            MediaType range = accepted.get(i);
            int matches = specificityFor(range.getName().toLowerCase(Locale.ROOT), type);
            if (matches > specificity) {
                specificity = matches;
                best = new Preference(range.getQualityAsNumber().doubleValue(), i);
            }
        }
        return best;
    }

    /** 2 for the type itself, 1 for {@code application/*}, 0 for {@code *}{@code /*}, -1 when the range does not name it. */
    private static int specificityFor(String range, String type) {
        if (range.equals(type)) {
            return 2;
        }
        if (range.equals("application/*")) {
            return 1;
        }
        return range.equals("*/*") || range.equals("*") ? 0 : -1;
    }
}
