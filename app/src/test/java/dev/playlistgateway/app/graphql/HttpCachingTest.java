package dev.playlistgateway.app.graphql;

import dev.playlistgateway.domain.service.QueryCost;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The caching headers' rules, without HTTP: who may keep an answer, how long, and when it is not modified. */
class HttpCachingTest {
    private final HttpCaching caching = new HttpCaching(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC),
            true, Duration.ofHours(1));

    @Test
    void onlyCleanGetsThatReadNothingPersonalAreShared() {
        QueryCost nothingRead = new QueryCost();
        QueryCost personal = new QueryCost();
        personal.dependsOnViewer();

        assertThat(caching.sharedMaxAge(true, true, nothingRead)).contains(3600L);
        assertThat(caching.sharedMaxAge(false, true, nothingRead)).as("a POST").isEmpty();
        assertThat(caching.sharedMaxAge(true, false, nothingRead)).as("errors").isEmpty();
        assertThat(caching.sharedMaxAge(true, true, personal)).isEmpty();
        assertThat(new HttpCaching(Clock.systemUTC(), false, Duration.ofHours(1)).sharedMaxAge(true, true, nothingRead))
                .as("graphql.http-cache.enabled=false").isEmpty();
    }

    @Test
    void anEtagIsTheBodysHashAndIfNoneMatchComparesWeakly() {
        String etag = HttpCaching.etagOf("{\"data\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(etag).matches("\"[A-Za-z0-9_-]{43}\"");
        assertThat(HttpCaching.etagOf("{\"data\":{}}".getBytes(StandardCharsets.UTF_8))).isEqualTo(etag);
        assertThat(HttpCaching.notModified(etag, etag)).isTrue();
        assertThat(HttpCaching.notModified("\"a\", W/" + etag, etag)).isTrue();
        assertThat(HttpCaching.notModified("*", etag)).isTrue();
        assertThat(HttpCaching.notModified("\"a\", \"b\"", etag)).isFalse();
        assertThat(HttpCaching.notModified(null, etag)).isFalse();
    }
}
