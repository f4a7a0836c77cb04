package dev.playlistgateway.app.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.DecoderResult;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Writes every error response the framework builds itself in the GraphQL error shape, on every path.
 * Micronaut 4 sends all of them through the one {@link ErrorResponseProcessor} bean (its default one
 * steps aside when another exists): route misses (404), methods and media types a route does not
 * serve (405, 406, 415), the built-in exception handlers (413 over {@code micronaut.server.max-request-size},
 * conversion and JSON errors, security's refusals), and requests Netty's decoder could not parse
 * (a header over {@code max-header-size}, a request line over {@code max-initial-line-length}, a
 * duplicate Content-Length), which never reach a filter. The body replaces Micronaut's
 * {@code _embedded.errors} JSON and its HTML page (a browser's {@code Accept: text/html} included).
 *
 * <p>For decoder failures Micronaut says 413 for anything too long and 400 for the rest; the status is
 * corrected here to the one naming the part that was wrong (431 for headers, 414 for the request line).
 * HEAD answers keep Micronaut's status and get no body. Thread safe.
 */
@Singleton
final class GraphQLShapedErrorResponses implements ErrorResponseProcessor<Map<String, Object>> {
    private final StatusRefusals statusRefusals;

    GraphQLShapedErrorResponses(StatusRefusals statusRefusals) {
        this.statusRefusals = statusRefusals;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Map<String, Object>> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        if (request.getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Map<String, Object>>) response;
        }
        Refusal refusal = refusal(context, response);
        response.status(refusal.status());
        return ((MutableHttpResponse<Map<String, Object>>) response).body(refusal.body())
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private Refusal refusal(ErrorContext context, MutableHttpResponse<?> response) {
        DecoderResult decoded = context.getRequest() instanceof NettyHttpRequest<?> netty
                ? netty.getNativeRequest().decoderResult() : DecoderResult.SUCCESS;
        if (decoded.isFailure()) {
            return ClientMistakes.undecodable(decoded.cause());
        }
        // A cause we know (a body that is not JSON, a URL that does not decode) says more than the status.
        return context.getRootCause()
                .flatMap(ClientMistakes::of)
                .filter(known -> known.status() == response.code())
                .orElseGet(() -> statusRefusals.forStatus(context.getRequest(), response));
    }
}
