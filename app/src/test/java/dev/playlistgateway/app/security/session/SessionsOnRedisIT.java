package dev.playlistgateway.app.security.session;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.Secrets;
import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.testsupport.redis.RedisServerExtension;
import dev.playlistgateway.app.support.Eventually;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions in Redis, with whole gateways started and stopped: a session outlives the gateway that made
 * it and works on every instance, logout on one ends it on all (on the others within the memory copy's
 * recheck), and with Redis down the gateway still starts and serves anonymous queries while signed-in
 * requests it holds no copy for get a clear UPSTREAM_UNAVAILABLE.
 */
class SessionsOnRedisIT {
    /** Room for a busy machine on top of a promised bound. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    private static SpotifyStub spotify;
    private static RedisBackedGateways gateways;

    @BeforeAll
    static void start() {
        spotify = new SpotifyStub();
        gateways = new RedisBackedGateways(spotify, redis.server());
    }

    @AfterAll
    static void stop() {
        spotify.close();
    }

    @AfterEach
    void stopGateways() {
        gateways.stopAll();
        if (redis.server().isRunning()) {
            redis.server().flushAll();
        }
    }

    private EmbeddedServer gateway() {
        return gateways.start();
    }

    private static Browser browserFor(EmbeddedServer server) {
        return new Browser("http://127.0.0.1:" + server.getPort());
    }

    private static String me(EmbeddedServer server, String sessionId) {
        return browserFor(server).graphql("{ me { id: spotifyId } }", "Cookie", "pgw_session=" + sessionId).at("data.me.id");
    }

    @Test
    void aSessionOutlivesTheGatewayThatMadeItAndWorksOnEveryInstance() {
        spotify.codeGrant("code-ida", "ida", "ida-access-1", "ida-refresh-1", 3600);
        EmbeddedServer first = gateway();
        EmbeddedServer second = gateway();
        Browser browser = browserFor(first);
        browser.signInWithSpotify("code-ida");
        String sessionId = browser.sessionCookie();

        assertThat(me(second, sessionId)).isEqualTo("ida");
        first.close();
        EmbeddedServer restarted = gateway();
        assertThat(me(restarted, sessionId)).isEqualTo("ida");

        // Redis holds one sealed record under the id's hash: no id, no token, no user name in it.

        List<Object> keys = new ArrayList<>((List<?>) redis.server().command("KEYS", "pgw:session:*"));
        assertThat(keys).containsExactly((Object) "pgw:session:" + Secrets.sha256(sessionId));
        String stored = redis.server().command("GET", "pgw:session:" + Secrets.sha256(sessionId)).toString();
        assertThat(stored).doesNotContain("ida-access-1").doesNotContain("ida-refresh-1").doesNotContain(sessionId).doesNotContain("ida");
        long ttl = Long.parseLong(redis.server().command("PTTL", "pgw:session:" + Secrets.sha256(sessionId)).toString());
        assertThat(Duration.ofMillis(ttl)).isBetween(Duration.ofDays(6), Duration.ofDays(7));
    }

    @Test
    void logoutOnOneInstanceEndsTheSessionOnAll() {
        spotify.codeGrant("code-ole", "ole", "ole-access-1", "ole-refresh-1", 3600);
        EmbeddedServer first = gateway();
        EmbeddedServer second = gateway();
        Browser browser = browserFor(first);
        browser.signInWithSpotify("code-ole");
        String sessionId = browser.sessionCookie();
        assertThat(me(second, sessionId)).isEqualTo("ole");

        browser.post("/logout", "application/json", "{}");

        assertThat(me(first, sessionId)).isNull();
        assertThat((List<?>) redis.server().command("KEYS", "pgw:session:*")).isEmpty();
        // The other instance used its memory copy for at most gateway.security.session-memory.recheck (5 s).
        assertThat(Eventually.within(Duration.ofSeconds(5).plus(SLACK), () -> me(second, sessionId) == null)).isTrue();
    }

    @Test
    void withRedisDownTheGatewayStartsAnonymousQueriesWorkAndSignedInOnesSayUnavailable() {
        spotify.codeGrant("code-pia", "pia", "pia-access-1", "pia-refresh-1", 3600);
        String open = "piapublic0000000000000";
        spotify.playlist(open, "pia", true);
        EmbeddedServer before = gateway();
        Browser browser = browserFor(before);
        browser.signInWithSpotify("code-pia");
        String sessionId = browser.sessionCookie();
        assertThat(sessionId).isNotNull();
        before.close();
        redis.server().pause();
        try {
            EmbeddedServer gateway = gateway();
            Browser.GraphQLResponse anonymous = browserFor(gateway).graphql("{ playlist(id: \"" + open + "\") { name } me { id: spotifyId } }");
            Browser.GraphQLResponse signedIn = browserFor(gateway).graphql("{ me { id: spotifyId } }", "Cookie", "pgw_session=" + sessionId);

            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.<String>at("data.playlist.name")).isNotBlank();
            assertThat(anonymous.<Object>at("data.me")).isNull();
            assertThat(signedIn.status()).as(signedIn.raw().body()).isEqualTo(503);
            assertThat(signedIn.errorCodes()).containsExactly("UPSTREAM_UNAVAILABLE");

            redis.server().resume();
            // A session this instance never read waits out the back-off (gateway.security.redis.backoff, 1 s).
            assertThat(Eventually.within(Duration.ofSeconds(1).plus(SLACK), () -> "pia".equals(me(gateway, sessionId)))).isTrue();
        } finally {
            redis.server().resume();
        }
    }
}
