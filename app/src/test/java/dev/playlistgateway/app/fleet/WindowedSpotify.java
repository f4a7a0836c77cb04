package dev.playlistgateway.app.fleet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.playlistgateway.adapter.spotify.SpotifyFixtures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Spotify as the fleet meets it: the app token, and {@code GET /v1/tracks?ids=} in Spotify's shapes, with
 * Spotify's rolling window: more than {@code limit} track calls in any {@code window} are answered 429 with a
 * {@code Retry-After}. Every track call's arrival (nanoTime, and which gateway: each has its own path prefix
 * {@code /m<index>}) and every 429 are recorded; {@link #throttleNext} answers the next call 429 whatever the
 * window says. Thread safe.
 */
final class WindowedSpotify implements AutoCloseable {
    static final String CLIENT_ID = "fleet-client";

    private final int limit;
    private final Duration window;
    private final WireMockServer server;
    /** One track call: when it arrived, from which gateway, and whether it was answered 429. */
    record Arrival(long at, int member, boolean refused) {
    }

    private final List<Long> arrivals = new ArrayList<>();
    private final List<Long> refusals = new ArrayList<>();
    private final List<Arrival> log = new ArrayList<>();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicLong throttleNextSeconds = new AtomicLong();

    WindowedSpotify(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64)
                .disableRequestJournal().stubRequestLoggingDisabled(true).extensions(new Api()));
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(aResponse().withTransformers(Api.NAME)));
    }

    /** Gateway {@code member}'s settings for Spotify mode against this stub: {@code GatewayFleet.Builder#instanceProperties}. */
    Map<String, String> gatewayProperties(int member) {
        return Map.of(
                "spotify.client-id", CLIENT_ID,
                "spotify.client-secret", "fleet-secret",
                "spotify.api-url", server.baseUrl() + "/m" + member,
                "spotify.accounts-url", server.baseUrl(),
                "spotify.api-mode", "extended",
                "spotify.read-retries", "0");
    }

    /** The next {@code count} track calls are answered 429 with {@code Retry-After: seconds}. */
    void throttleNext(int count, int seconds) {
        throttleNextSeconds.set(seconds);
        throttleNext.set(count);
    }

    /** When each track call arrived (System.nanoTime()), 429s included, in order. */
    synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** When each 429 was sent (System.nanoTime()). */
    synchronized List<Long> refusals() {
        return List.copyOf(refusals);
    }

    /** Every track call so far, in order of arrival. */
    synchronized List<Arrival> log() {
        return List.copyOf(log);
    }

    /** Every track call as "ms after the first call @ gateway (429)", for assertion messages. */
    synchronized String timeline() {
        long first = log.isEmpty() ? 0 : log.get(0).at();
        return log.stream().map(call -> Duration.ofNanos(call.at() - first).toMillis() + "@" + call.member()
                + (call.refused() ? " (429)" : "")).toList().toString();
    }

    synchronized void reset() {
        arrivals.clear();
        refusals.clear();
        log.clear();
    }

    /** The most track calls that arrived within any {@code span}. */
    synchronized int mostWithin(Duration span) {
        return FleetBudgetRedisIT.mostWithin(arrivals.stream().map(n -> Duration.ofNanos(n).toMillis()).toList(), span.toMillis());
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Records a call; answers whether it is over the limit (or forced to be). */
    private synchronized boolean overLimit(long now, int member) {
        arrivals.add(now);
        boolean forced = throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        long inWindow = arrivals.stream().filter(at -> now - at < window.toNanos()).count() - refusals.stream()
                .filter(at -> now - at < window.toNanos()).count();
        boolean over = forced || inWindow > limit;
        if (over) {
            refusals.add(now);
        }
        log.add(new Arrival(now, member, over));
        return over;
    }

    private final class Api implements ResponseDefinitionTransformerV2 {
        static final String NAME = "windowed-spotify";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl();
            int member = -1;
            if (url.startsWith("/m")) {
                int slash = url.indexOf('/', 1);
                member = Integer.parseInt(url.substring(2, slash));
                url = url.substring(slash);
            }
            if (url.startsWith("/api/token")) {
                return json(200, "{\"access_token\":\"fleet-app-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}", null);
            }
            if (!url.startsWith("/v1/tracks?")) {
                return json(404, SpotifyFixtures.error(404, "Not found."), null);
            }
            if (overLimit(System.nanoTime(), member)) {
                long seconds = throttleNextSeconds.get() > 0 ? throttleNextSeconds.get() : Math.max(1, window.toSeconds());
                return json(429, SpotifyFixtures.error(429, "API rate limit exceeded"), Long.toString(seconds));
            }
            String ids = event.getRequest().queryParameter("ids").firstValue();
            ObjectNode body = SpotifyFixtures.JSON.createObjectNode();
            ArrayNode tracks = body.putArray("tracks");
            for (String id : ids.split(",")) {
                tracks.add(SpotifyFixtures.track(id, SpotifyFixtures.Shape.EXTENDED));
            }
            return json(200, body.toString(), null);
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    private static ResponseDefinition json(int status, String body, String retryAfter) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
        if (retryAfter != null) {
            response.withHeader("Retry-After", retryAfter);
        }
        return response.build();
    }
}
