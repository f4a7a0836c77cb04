package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sessions across gateways on one Redis: with one token key a session made on one instance is valid on the
 * others; without it, a gateway whose sessions are in Redis refuses to start and says what to set.
 */
class FleetSessionsIT {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @AutoClose
    private static final SpotifyStub spotify = new SpotifyStub();
    /** Null after a test of a gateway that refused to start. */
    private GatewayFleet fleet;

    @AfterEach
    void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** {@code size} gateways on the class's Redis and Spotify, to configure further and start. */
    private static GatewayFleet.Builder gateways(int size) {
        return GatewayFleet.of(size).redis(redis.uri()).properties(spotify.gatewayProperties());
    }

    @Test
    void aSessionMadeOnOneInstanceIsValidOnTheOthers() {
        fleet = gateways(3).start(); // one token key, GatewayFleet.TOKEN_KEY, on all three
        spotify.codeGrant("code-fay", "fay", "fay-access-1", "fay-refresh-1", 3600);
        Browser browser = new Browser(fleet.uri(0).toString());
        browser.signInWithSpotify("code-fay");
        String session = browser.sessionCookie();
        assertThat(session).isNotNull();

        for (int i = 0; i < fleet.size(); i++) {
            String base = fleet.uri(i).toString();
            Browser.GraphQLResponse me = new Browser(base).graphql("{ me { id: spotifyId } }", "Cookie", "pgw_session=" + session);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.<String>at("data.me.id")).as("on " + base).isEqualTo("fay");
        }
    }

    @Test
    void withSessionsInRedisAndNoTokenKeyTheGatewayRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> gateways(1).withoutTokenKey().start()).satisfies(failure -> assertThat(rootMessage(failure))
                .contains("GATEWAY_SECURITY_TOKEN_KEY", "openssl rand -base64 32", "the same on every instance",
                        "GATEWAY_SECURITY_SESSION_STORE=memory"));
    }

    @Test
    void withSessionsInARedisOfTheirOwnAndNoTokenKeyTheGatewayRefusesToStartToo() {
        assertThatThrownBy(() -> gateways(1).withoutTokenKey().property("gateway.security.redis.uri", redis.uri())
                .property("cache.adapter", "memory").start())
                .satisfies(failure -> assertThat(rootMessage(failure)).contains("GATEWAY_SECURITY_TOKEN_KEY"));
    }

    @Test
    void withSessionsInEachInstancesMemoryNoTokenKeyIsNeeded() {
        fleet = gateways(1).withoutTokenKey().property("gateway.security.session-store", "memory").start();

        assertThat(fleet.instance(0).isRunning()).isTrue();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append('\n');
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return messages.toString();
    }
}
