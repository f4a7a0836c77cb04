package dev.playlistgateway.app.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses a request body in a content coding the server did not decode: HTTP 415 with
 * {@code Accept-Encoding: gzip, deflate} (RFC 9110 15.5.16). Micronaut's Netty server decodes gzip and
 * deflate bodies itself and then removes the {@code Content-Encoding} header; any other coding (br
 * without the native Brotli library, a made-up name, a list such as {@code gzip, gzip}) stays in the
 * header and the body would be read as if it were plain, so a query sent compressed would be parsed
 * as garbage, or a plain one labelled compressed would run. {@code identity} is no coding at all.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ContentCodingFilter implements Ordered {
    static final String DECODED = "gzip, deflate";

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseUndecodedBodies(HttpRequest<?> request) {
        String coding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (coding == null || coding.isBlank() || coding.trim().equalsIgnoreCase("identity") || !hasBody(request)) {
            return null;
        }
        Refusal refusal = Refusal.badInput(415, "The request body's Content-Encoding is not supported: send it plain, or as " + DECODED);
        return HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .header(HttpHeaders.ACCEPT_ENCODING, DECODED)
                .body(refusal.body())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static boolean hasBody(HttpRequest<?> request) {
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    @Override
    public int getOrder() {
        // Before security and the GraphQL filters: nothing should act on a body nobody can read.
        return ServerFilterPhase.FIRST.order();
    }
}
