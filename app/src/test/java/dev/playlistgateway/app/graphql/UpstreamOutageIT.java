package dev.playlistgateway.app.graphql;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;
import dev.playlistgateway.app.metrics.UpstreamFailures;
import dev.playlistgateway.app.support.SpotifyMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spotify answering 503 for a while, then throttling with a long Retry-After: every failed field is
 * counted in {@code gateway.upstream.failures}, and the log gets one WARN per code within the
 * interval (ten minutes here, so the count is exact however slow the machine), without a stack
 * trace. NOT_FOUND answers are neither counted nor logged. Spotify mode against WireMock, anonymous.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpstreamOutageIT implements TestPropertyProvider {
    private static final int REQUESTS = 4;
    private static final int FIELDS = 6;
    private static final String MISSING = SpotifyFixtures.id('n', 1);
    private static final String THROTTLED = SpotifyFixtures.id('q', 1);

    private WireMockServer spotify;
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger upstreamLog = (Logger) LoggerFactory.getLogger(UpstreamFailures.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        warnings.setContext(upstreamLog.getLoggerContext());
        warnings.start();
        upstreamLog.addAppender(warnings);
        spotify = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        spotify.start();
        spotify.stubFor(post(urlPathEqualTo("/api/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"app-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        spotify.stubFor(WireMock.get(urlPathMatching("/v1/playlists/d.*")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody(SpotifyFixtures.error(503, "Service unavailable"))));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + MISSING)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(SpotifyFixtures.error(404, "Not found."))));
        spotify.stubFor(WireMock.get(urlPathEqualTo("/v1/playlists/" + THROTTLED)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600").withHeader("Content-Type", "application/json")
                .withBody(SpotifyFixtures.error(429, "API rate limit exceeded"))));
        return SpotifyMode.against(spotify.baseUrl(), "extended",
                "spotify.backoff-base", "5ms",
                "spotify.max-wait", "1s",
                "gateway.upstream.failure-log-interval", "10m");
    }

    @AfterAll
    void stopSpotify() {
        upstreamLog.detachAppender(warnings);
        spotify.stop();
    }

    /** One request asking for {@link #FIELDS} playlists, each through its own field. */
    private static String playlists(int request) {
        return IntStream.range(0, FIELDS)
                .mapToObj(i -> "p" + i + ": playlist(id: \"" + SpotifyFixtures.id('d', request * FIELDS + i) + "\") { name }")
                .collect(Collectors.joining(" ", "{ ", " }"));
    }

    private double failures(String code) {
        var counter = meters.find(UpstreamFailures.METER).tag("code", code).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<ILoggingEvent> warningsAbout(String code) {
        return warnings.list.stream().filter(line -> line.getFormattedMessage().contains(code)).toList();
    }

    @Test
    @Order(1)
    void anOutageWritesOneWarningAndCountsEveryFailedField() {
        RawGraphQL graphql = new RawGraphQL(server.getURI());
        int failedFields = 0;
        for (int request = 0; request < REQUESTS; request++) {
            var response = graphql.query(playlists(request));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.errorCodes()).hasSize(FIELDS).containsOnly("UPSTREAM_UNAVAILABLE");
            assertThat(response.errors()).extracting(error -> error.get("path"))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, FIELDS).mapToObj(i -> List.of("p" + i)).toList());
            failedFields += response.errorCodes().size();
        }
        assertThat(spotify.findAll(getRequestedFor(urlPathMatching("/v1/playlists/d.*"))).size())
                .as("Spotify was asked, and retried").isGreaterThanOrEqualTo(failedFields);

        var notFound = graphql.query("{ a: playlist(id: \"" + MISSING + "\") { name } b: playlist(id: \"" + MISSING + "\") { id: spotifyId } }");
        assertThat(notFound.errorCodes()).containsOnly("NOT_FOUND");

        assertThat(failedFields).isEqualTo(REQUESTS * FIELDS);
        assertThat(failures("UPSTREAM_UNAVAILABLE")).isEqualTo(failedFields);
        assertThat(warnings.list).as("one warning within the interval; NOT_FOUND is the caller's").hasSize(1);
        ILoggingEvent warning = warnings.list.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getThrowableProxy()).as("no stack trace").isNull();
        assertThat(warning.getFormattedMessage())
                .contains("UPSTREAM_UNAVAILABLE")
                .contains("Spotify failed (HTTP 503)")
                .contains("(0 more not logged since the last such warning)");
        assertThat(http.toBlocking().retrieve("/prometheus"))
                .containsPattern(Pattern.compile("gateway_upstream_failures_total\\{code=\"UPSTREAM_UNAVAILABLE\",?} "
                        + failedFields + "\\.0"));
    }

    @Test
    @Order(2)
    void aThrottleStormWritesOneWarningOfItsOwn() {
        RawGraphQL graphql = new RawGraphQL(server.getURI());
        double before = failures("RATE_LIMITED");
        // The first request meets the 429 and its hour-long Retry-After; every later field fails at once.
        // It asks for the throttled playlist alone: the fields of one request are fetched in parallel, so
        // a second field could reach Spotify (503, retried within milliseconds) before the 429 is read,
        // and fail UPSTREAM_UNAVAILABLE on a busy machine. "Later" must mean a later request.
        var first = graphql.query("{ p0: playlist(id: \"" + THROTTLED + "\") { name } }");
        assertThat(first.errorCodes()).containsExactly("RATE_LIMITED");
        int throttledFields = first.errorCodes().size();
        spotify.resetRequests();
        for (int request = 0; request < REQUESTS; request++) {
            var response = graphql.query(playlists(request));
            assertThat(response.errorCodes()).hasSize(FIELDS).containsOnly("RATE_LIMITED");
            throttledFields += response.errorCodes().size();
        }
        assertThat(spotify.findAll(getRequestedFor(urlPathMatching("/v1/.*")))).as("no call inside Retry-After").isEmpty();

        assertThat(failures("RATE_LIMITED") - before).isEqualTo(throttledFields);
        assertThat(warningsAbout("RATE_LIMITED")).hasSize(1);
        assertThat(warningsAbout("RATE_LIMITED").get(0).getFormattedMessage()).contains("retry after");
        assertThat(warningsAbout("UPSTREAM_UNAVAILABLE")).as("the outage's warning is still the only one of its code").hasSize(1);
        assertThat(warnings.list).hasSize(2).allSatisfy(line -> assertThat(line.getThrowableProxy()).isNull());
    }
}
