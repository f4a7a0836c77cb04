package dev.playlistgateway.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogTest {

    /** A log with a 30 s interval on the clock {@code now}, writing into {@code lines}. */
    private static RateLimitedLog logInto(ListAppender<ILoggingEvent> lines, AtomicLong now) {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("test");
        lines.setContext(context);
        lines.start();
        logger.addAppender(lines);
        return new RateLimitedLog(logger, Duration.ofSeconds(30), now::get);
    }

    @Test
    void logsTheFirstWarningThenCountsUntilTheIntervalHasPassed() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = logInto(lines, now);

        assertThat(log.warn("Spotify failed: {}", "HTTP 503")).isTrue();
        for (int i = 0; i < 119; i++) {
            assertThat(log.warn("Spotify failed: {}", "HTTP 503")).isFalse();
        }
        assertThat(log.suppressed()).isEqualTo(119);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(log.warn("Spotify failed: {}", "HTTP 502")).isTrue();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Spotify failed: HTTP 503 (0 more not logged since the last such warning)",
                "Spotify failed: HTTP 502 (119 more not logged since the last such warning)");
        assertThat(log.suppressed()).isZero();
    }

    @Test
    void logsTheFirstErrorWithItsStackTraceThenCountsUntilTheIntervalHasPassed() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = logInto(lines, now);

        assertThat(log.error(new IllegalStateException("a bug"), "Failure at {}", "/a")).isTrue();
        for (int i = 0; i < 4_999; i++) {
            assertThat(log.error(new IllegalStateException("a bug"), "Failure at {}", "/a")).isFalse();
        }
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(log.error(new IllegalStateException("another"), "Failure at {}", "/b")).isTrue();

        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.ERROR);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Failure at /a (0 more not logged since the last such warning)",
                "Failure at /b (4999 more not logged since the last such warning)");
        assertThat(lines.list).extracting(line -> line.getThrowableProxy().getMessage()).containsExactly("a bug", "another");
    }
}
