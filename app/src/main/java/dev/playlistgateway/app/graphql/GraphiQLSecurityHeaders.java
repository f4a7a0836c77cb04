package dev.playlistgateway.app.graphql;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves GraphiQL under a strict Content-Security-Policy: every script and stylesheet comes from
 * this app (no CDN, no inline script), so the page works offline and cannot be made to load
 * anything from elsewhere. Inline styles stay allowed: GraphiQL's editor sets element styles.
 */
@ServerFilter({"${graphql.graphiql.path:/graphiql}", "/graphiql-ui/**", "/graphiql-assets/**"})
final class GraphiQLSecurityHeaders {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    void secure(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
    }
}
