package dev.playlistgateway.app.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.resource.StaticResourceConfiguration;

import java.util.List;

/**
 * Static resources (GraphiQL's assets under {@code micronaut.router.static-resources}) are files to GET:
 * Micronaut serves them for any method, so a POST, DELETE or TRACE to {@code /graphiql-ui/graphiql-init.js}
 * answered 200 with the file. Any method but GET and HEAD on a static mapping, where no route matched, is
 * a 405 with {@code Allow: GET, HEAD}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class StaticResourceMethodFilter {
    private final List<String> mappings;

    StaticResourceMethodFilter(List<StaticResourceConfiguration> configurations) {
        this.mappings = configurations.stream().filter(StaticResourceConfiguration::isEnabled)
                .map(StaticResourceConfiguration::getMapping).toList();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> onlyGetAndHead(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        HttpMethod method = request.getMethod();
        if (route != null || method == HttpMethod.GET || method == HttpMethod.HEAD
                || mappings.stream().noneMatch(mapping -> PathMatcher.ANT.matches(mapping, request.getPath()))) {
            return null;
        }
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, "GET, HEAD")
                .body(Refusal.badInput(405, "Static files answer GET and HEAD only").body())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
