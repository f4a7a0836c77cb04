package dev.playlistgateway.app.http;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.trace.Span;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives every request its id ({@link RequestIds}): in the response's {@code X-Request-Id}, in the MDC of
 * every thread that works for the request (Micronaut propagates the MDC element to its executors: the
 * blocking pool GraphQL runs on, the upstream pool the service reads with), as a request attribute, and on
 * the HTTP server span when the request is traced. Runs right after Micronaut's tracing filter, so the
 * trace id is known, and before sign-in and the routes, so their log lines carry the id.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {
    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.after();
    }

    @RequestFilter
    void identify(HttpRequest<?> request, MutablePropagatedContext propagated) {
        Span span = Span.current();
        String id = RequestIds.choose(request.getHeaders().get(RequestIds.HEADER), span.getSpanContext());
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        if (span.isRecording()) {
            span.setAttribute("gateway.request_id", id);
        }
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Map<String, String> withId = mdc == null ? new HashMap<>() : new HashMap<>(mdc);
        withId.put(RequestIds.MDC_KEY, id);
        propagated.add(new MdcPropagationContext(withId));
    }

    @ResponseFilter
    void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        // A request refused before the filters ran gets an id here, so that every answer has one.
        String id = RequestIds.of(request).orElseGet(() ->
                RequestIds.choose(request.getHeaders().get(RequestIds.HEADER), Span.current().getSpanContext()));
        response.getHeaders().set(RequestIds.HEADER, id);
    }
}
