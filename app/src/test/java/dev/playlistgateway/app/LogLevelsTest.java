package dev.playlistgateway.app;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The levels logback.xml sets for libraries whose own lines would flood the log (docs/operations.md#logs). */
class LogLevelsTest {

    @Test
    void lettucesReconnectLinesAreOffButItsErrorsAndReconnectsAreNot() {
        var watchdog = LoggerFactory.getLogger("io.lettuce.core.protocol.ConnectionWatchdog");
        assertThat(watchdog.isWarnEnabled()).isFalse();
        assertThat(watchdog.isErrorEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("io.lettuce.core.protocol.ReconnectionHandler").isInfoEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("dev.playlistgateway.adapter.cache.redis.RedisCache").isWarnEnabled()).isTrue();
    }
}
