package dev.playlistgateway.app.security.login;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException;
import dev.playlistgateway.adapter.spotify.SpotifySettings;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class SpotifyLoginMapperTest {

    /** Spotify's /v1/me failing for every user who signs in: no sessions are made, so none is needed. */
    private static final SpotifyAccounts PROFILE_UNAVAILABLE = new SpotifyAccounts() {
        @Override
        public Profile profile(String accessToken, Duration longestWait) {
            throw new SpotifyAccountsException(SpotifyAccountsException.Kind.UNAVAILABLE, "Spotify failed (HTTP 503)", null);
        }

        @Override
        public Grant exchange(AuthorizationCode code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Grant refresh(String refreshToken) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aHundredSignInsFailingAtSpotifyWriteOneWarning() {
        ExecutorService blocking = Executors.newSingleThreadExecutor();
        Logger logger = (Logger) LoggerFactory.getLogger(SpotifyLoginMapper.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            SpotifyLoginMapper mapper = new SpotifyLoginMapper(PROFILE_UNAVAILABLE, null,
                    SpotifySettings.builder("id", "secret").build(), blocking);
            for (int i = 0; i < 100; i++) {
                AuthenticationResponse answer = Mono.from(mapper.createAuthenticationResponse(
                        new TokenResponse("access-" + i, "Bearer"), null)).block(Duration.ofSeconds(10));
                assertThat(answer.isAuthenticated()).isFalse();
                assertThat(answer.getMessage()).contains("Spotify failed (HTTP 503)");
            }
        } finally {
            logger.detachAppender(lines);
            blocking.shutdownNow();
        }

        assertThat(lines.list).filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Spotify sign-in failed: Spotify failed (HTTP 503) (0 more not logged since the last such warning)");
    }
}
