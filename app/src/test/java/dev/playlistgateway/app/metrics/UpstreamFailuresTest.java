package dev.playlistgateway.app.metrics;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.playlistgateway.domain.model.MusicDataException;
import dev.playlistgateway.domain.model.MusicDataException.Failure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamFailuresTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureTheLog() {
        LoggerContext context = new LoggerContext();
        logger = context.getLogger("upstream");
        lines.setContext(context);
        lines.start();
        logger.addAppender(lines);
    }

    private double counted(String code) {
        return meters.get(UpstreamFailures.METER).tag("code", code).counter().count();
    }

    @Test
    void countsEveryUpstreamFailureButWarnsOncePerIntervalAndCode() {
        UpstreamFailures failures = new UpstreamFailures(meters, Duration.ofMinutes(10), logger);
        MusicDataException outage = new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Could not reach Spotify",
                new IOException("connection refused to api.spotify.com {\"body\":\"secret\"}"));

        for (int i = 0; i < 25; i++) {
            assertThat(failures.fieldFailed(outage, "/playlist/tracks")).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            failures.fieldFailed(MusicDataException.rateLimited(Duration.ofSeconds(90), "Spotify asks the gateway to wait"), "/tracks");
        }

        assertThat(counted("UPSTREAM_UNAVAILABLE")).isEqualTo(25);
        assertThat(counted("RATE_LIMITED")).isEqualTo(5);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "The music service is failing: a field failed with UPSTREAM_UNAVAILABLE at /playlist/tracks: "
                        + "Could not reach Spotify (cause: IOException) (0 more not logged since the last such warning)",
                "The music service throttles the gateway: a field failed with RATE_LIMITED at /tracks: "
                        + "Spotify asks the gateway to wait, retry after 90 s (0 more not logged since the last such warning)");
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getThrowableProxy()).as("no stack trace").isNull());
    }

    @Test
    void theCallersOwnRefusalsAreNeitherCountedNorLogged() {
        UpstreamFailures failures = new UpstreamFailures(meters, Duration.ZERO, logger);

        for (Failure refusal : new Failure[]{Failure.NOT_FOUND, Failure.FORBIDDEN, Failure.UNAUTHENTICATED, Failure.BAD_INPUT}) {
            assertThat(failures.fieldFailed(new MusicDataException(refusal, "no"), "/playlist")).isFalse();
        }

        assertThat(counted("UPSTREAM_UNAVAILABLE")).isZero();
        assertThat(counted("RATE_LIMITED")).isZero();
        assertThat(lines.list).isEmpty();
    }

    @Test
    void aZeroIntervalLogsEveryFailure() {
        UpstreamFailures failures = new UpstreamFailures(meters, Duration.ZERO, logger);

        failures.fieldFailed(new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify failed (HTTP 503)"), "/a");
        failures.fieldFailed(new MusicDataException(Failure.UPSTREAM_UNAVAILABLE, "Spotify failed (HTTP 502)"), "/b");

        assertThat(lines.list).hasSize(2);
    }
}
