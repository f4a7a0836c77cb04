package dev.playlistgateway.app.security.request;

import dev.playlistgateway.app.security.Credential;
import dev.playlistgateway.app.security.ErrorResponses;
import dev.playlistgateway.domain.model.UserId;
import dev.playlistgateway.domain.model.Viewer;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSRF rule of {@link SignInFilter} on its own: a cookie-authenticated request by any method but GET, HEAD
 * and OPTIONS (a POST, and whatever else a route might one day serve) runs only as JSON, and
 * media type names are case-insensitive (RFC 9110 8.3.1), so {@code APPLICATION/JSON} is JSON.
 */
class SignInFilterTest {
    // check() reads the request's resolution from its attribute; nothing else of these is used.
    private final SignInFilter filter = new SignInFilter(new GatewayViewers(null, null, null), null);

    private static MutableHttpRequest<String> cookiePost(String contentType) {
        return cookieRequest(HttpMethod.POST, contentType);
    }

    private static MutableHttpRequest<String> cookieRequest(HttpMethod method, String contentType) {
        MutableHttpRequest<String> request = HttpRequest.<String>create(method, "/graphql")
                .body("{\"query\":\"{ me { id } }\"}")
                .header("Content-Type", contentType);
        request.setAttribute(GatewayViewers.ATTRIBUTE,
                new GatewayViewers.Resolved(Viewer.signedIn(UserId.of("cas"), new Credential.Session("handle")), true, false));
        return request;
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "Application/Json; charset=UTF-8"})
    void aCookieAuthenticatedJsonPostPassesWhateverTheCaseOfItsMediaType(String contentType) {
        assertThat(filter.check(cookiePost(contentType))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/graphql", "APPLICATION/GRAPHQL", "text/plain", "application/x-www-form-urlencoded"})
    void aCookieAuthenticatedPostThatIsNotJsonIsStillRefused(String contentType) {
        HttpResponse<?> refused = filter.check(cookiePost(contentType));
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(403);
    }

    @Test
    void isJsonIgnoresTheCaseOfTheMediaTypeName() {
        assertThat(ErrorResponses.isJson(HttpRequest.POST("/logout", "{}").header("Content-Type", "APPLICATION/JSON"))).isTrue();
        assertThat(ErrorResponses.isJson(HttpRequest.POST("/logout", "{}").header("Content-Type", "application/jsonx"))).isFalse();
        assertThat(ErrorResponses.isJson(HttpRequest.POST("/logout", ""))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "TRACE", "CUSTOM"})
    void everyMethodButTheSafeReadsIsHeldToTheJsonRule(String method) {
        HttpResponse<?> refused = filter.check(cookieRequest(HttpMethod.parse(method), "text/plain"));
        assertThat(refused).as(method).isNotNull();
        assertThat(refused.code()).isEqualTo(403);
        assertThat(filter.check(cookieRequest(HttpMethod.parse(method), "application/json"))).as(method).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void theSafeReadsPassWhateverTheirContentType(String method) {
        // GET and HEAD run queries only (MutationGuard refuses a mutation by either); OPTIONS runs nothing.
        assertThat(filter.check(cookieRequest(HttpMethod.parse(method), "text/plain"))).as(method).isNull();
    }
}
