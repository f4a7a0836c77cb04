package dev.playlistgateway.app.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * How long a browser keeps the example app: its page is checked on every visit ({@code no-cache}, so a
 * new jar's build shows at once), its assets are kept for a year, since Vite names each by a hash of
 * its content and a new build gets new names. Only successful answers: a 404 stays uncached.
 */
@ServerFilter({"/", "/app/**"})
final class WebAppCaching {
    static final String PAGE = "no-cache";
    static final String ASSET = "public, max-age=31536000, immutable";

    @ResponseFilter
    void cache(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() != 200) {
            return;
        }
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "/".equals(request.getPath()) ? PAGE : ASSET);
        response.getHeaders().remove(HttpHeaders.EXPIRES);
    }
}
