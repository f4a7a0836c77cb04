package dev.playlistgateway.app.http;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks {@code CORS_ORIGINS} at start-up. Micronaut compares a request's {@code Origin} with each entry
 * as a string, so an entry that is not an exact origin matches no browser and fails silently: {@code *}
 * matched only a literal {@code Origin: *} (and was then answered {@code *} with credentials), a path or
 * a trailing slash never matches. Each entry must be {@code scheme://host[:port]} as browsers send it,
 * or the start fails naming the setting and the entry.
 */
@Context
final class CorsOrigins {
    static final String SETTING = "cors.origins (CORS_ORIGINS)";

    /** The CORS configuration in application.yml whose allowed-origins is {@code ${cors.origins:}}. */
    static final String CONFIGURATION = "frontends";

    CorsOrigins(HttpServerConfiguration server) {
        CorsOriginConfiguration frontends = server.getCors().getConfigurations().get(CONFIGURATION);
        if (frontends != null) {
            check(frontends.getAllowedOrigins());
        }
    }

    static void check(List<String> origins) {
        for (String origin : origins) {
            if (origin == null || origin.isEmpty()) {
                continue; // the empty default: no origin
            }
            Optional<String> problem = problem(origin);
            if (problem.isPresent()) {
                throw new ConfigurationException(SETTING + ": '" + origin + "' is not an origin: " + problem.get()
                        + "; list exact origins, scheme://host[:port], comma separated");
            }
        }
    }

    /** Why {@code entry} is not an exact origin, empty when it is one. */
    static Optional<String> problem(String entry) {
        if (entry.contains("*")) {
            return Optional.of("wildcards are not allowed, list each origin");
        }
        if (!entry.strip().equals(entry) || entry.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("it holds spaces");
        }
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException e) {
            return Optional.of("it is not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of("it has no scheme://");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("the scheme must be http or https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("an origin has no user name");
        }
        if (uri.getHost() == null) {
            return Optional.of("it has no host (or not one a URL allows)");
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("an origin has no path, not even a trailing '/', no query and no fragment");
        }
        if (!entry.equals(entry.toLowerCase(Locale.ROOT))) {
            return Optional.of("browsers send the scheme and host in lower case");
        }
        int port = uri.getPort();
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            return Optional.of("browsers leave out the default port " + port);
        }
        if (port == 0 || port > 65535 || uri.getRawAuthority().endsWith(":")) {
            return Optional.of("the port must be 1 to 65535");
        }
        return Optional.empty();
    }
}
