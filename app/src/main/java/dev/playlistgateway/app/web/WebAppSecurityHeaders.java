package dev.playlistgateway.app.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves the example app under a Content-Security-Policy as strict as GraphiQL's: its scripts and
 * stylesheets come from this gateway (no CDN, no inline script or style), and it talks to this
 * gateway only ({@code connect-src 'self'}). A copy of the app on another origin is that origin's to secure.
 */
@ServerFilter({"/", "/app/**"})
final class WebAppSecurityHeaders {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    void secure(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
    }
}
