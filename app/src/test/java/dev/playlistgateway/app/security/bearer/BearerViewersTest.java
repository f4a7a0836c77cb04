package dev.playlistgateway.app.security.bearer;

import dev.playlistgateway.adapter.spotify.SpotifyAccounts;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException.Kind;
import dev.playlistgateway.adapter.spotify.SpotifyAccountsException;
import dev.playlistgateway.app.security.Credential;
import dev.playlistgateway.app.security.SecuritySettings;
import dev.playlistgateway.domain.model.Viewer;
import dev.playlistgateway.domain.fake.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BearerViewers}' rules on a clock the test moves and a Spotify that answers from a map and counts
 * lookups: what is remembered, for how long, what is re-checked, and what a client's lookups cost.
 */
class BearerViewersTest {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final String CLIENT = "127.0.0.1";

    private final MutableClock clock = MutableClock.startingAt("2026-12-01T10:00:00Z");
    private final FakeAccounts spotify = new FakeAccounts();
    private final SecuritySettings.Bearer settings = new SecuritySettings.Bearer(Duration.ofMinutes(1), Duration.ofSeconds(30), null,
            new SecuritySettings.Bearer.LookupsPerClient(3, 1));
    private final BearerViewers bearers = new BearerViewers(spotify,
            new BearerLookupLimits(settings.lookupsPerClient().burst(), settings.lookupsPerClient().perMinute(), new io.github.bucket4j.TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return clock.nanos();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            }), settings, clock, TTL, 1000);

    private static Credential.Bearer credentialOf(Viewer viewer) {
        return (Credential.Bearer) viewer.credential();
    }

    private static BearerViewers.Reason refusalOf(Runnable call) {
        try {
            call.run();
        } catch (BearerViewers.Refusal refusal) {
            return refusal.reason();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void aTokensUserIsLookedUpOnceAndTrustedUntilTheRecheck() {
        spotify.users.put("t1", "ann");

        Viewer first = bearers.viewer("t1", CLIENT);
        clock.advance(Duration.ofSeconds(59));
        Viewer second = bearers.viewer("t1", CLIENT);

        assertThat(first).isEqualTo(second);
        assertThat(first.userId().value()).isEqualTo("ann");
        assertThat(first.credential()).isInstanceOfSatisfying(Credential.Bearer.class, c -> assertThat(c.tokenHash()).doesNotContain("t1"));
        assertThat(bearers.token(credentialOf(first))).hasValue("t1");
        assertThat(spotify.lookups.get()).isEqualTo(1);
    }

    @Test
    void aTokenThatExpiredAtSpotifyIsRefusedAtTheRecheckAndRememberedAsRefused() {
        spotify.users.put("t1", "ann");
        Viewer viewer = bearers.viewer("t1", CLIENT);
        spotify.users.remove("t1");

        clock.advance(Duration.ofSeconds(61));
        assertThat(refusalOf(() -> bearers.viewer("t1", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);
        clock.advance(Duration.ofSeconds(29));
        assertThat(refusalOf(() -> bearers.viewer("t1", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);

        assertThat(spotify.lookups.get()).isEqualTo(2);
        assertThat(bearers.token(credentialOf(viewer))).isEmpty();
    }

    @Test
    void aRejectionOnAnyCallRefusesTheTokenAtOnceWithoutALookupAndForgetsItLater() {
        spotify.users.put("t1", "ann");
        Viewer viewer = bearers.viewer("t1", CLIENT);

        bearers.rejected(credentialOf(viewer));

        assertThat(refusalOf(() -> bearers.viewer("t1", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);
        assertThat(bearers.token(credentialOf(viewer))).isEmpty();
        assertThat(spotify.lookups.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31)); // rejected-ttl passed: Spotify is asked again (and says yes)
        assertThat(bearers.viewer("t1", CLIENT)).isEqualTo(viewer);
        assertThat(spotify.lookups.get()).isEqualTo(2);
    }

    @Test
    void whileSpotifyCannotAnswerARecheckTheLastAnswerStandsUntilTheTtl() {
        spotify.users.put("t1", "ann");
        Viewer viewer = bearers.viewer("t1", CLIENT);
        spotify.failing = new SpotifyAccountsException(Kind.UNAVAILABLE, "Spotify failed (HTTP 503)", null);

        clock.advance(Duration.ofSeconds(61));
        assertThat(bearers.viewer("t1", CLIENT)).isEqualTo(viewer);
        clock.advance(Duration.ofSeconds(30));
        assertThat(bearers.viewer("t1", CLIENT)).isEqualTo(viewer); // asked again only after another minute
        assertThat(spotify.lookups.get()).isEqualTo(2);

        clock.advance(TTL);
        assertThat(refusalOf(() -> bearers.viewer("t1", CLIENT))).isEqualTo(BearerViewers.Reason.SPOTIFY_UNAVAILABLE);
        assertThat(bearers.token(credentialOf(viewer))).isEmpty();
    }

    @Test
    void unknownTokensCostTheClientItsLookupsAndKnownOnesCostNothing() {
        spotify.users.put("good", "ann");
        bearers.viewer("good", CLIENT);
        assertThat(refusalOf(() -> bearers.viewer("junk-1", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);
        assertThat(refusalOf(() -> bearers.viewer("junk-2", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);

        BearerViewers.Refusal overLimit = null;
        try {
            bearers.viewer("junk-3", CLIENT);
        } catch (BearerViewers.Refusal refusal) {
            overLimit = refusal;
        }

        assertThat(overLimit).isNotNull();
        assertThat(overLimit.reason()).isEqualTo(BearerViewers.Reason.TOO_MANY_LOOKUPS);
        assertThat(overLimit.retryAfter()).hasValueSatisfying(d -> assertThat(d).isEqualTo(Duration.ofSeconds(60)));
        assertThat(bearers.viewer("good", CLIENT).userId().value()).isEqualTo("ann"); // remembered: free
        assertThat(refusalOf(() -> bearers.viewer("junk-1", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID); // remembered: free
        assertThat(refusalOf(() -> bearers.viewer("junk-3", "127.0.0.2"))).isEqualTo(BearerViewers.Reason.INVALID); // another client
        assertThat(spotify.lookups.get()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(60)); // one lookup back per minute
        assertThat(refusalOf(() -> bearers.viewer("junk-4", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);
        assertThat(refusalOf(() -> bearers.viewer("junk-5", CLIENT))).isEqualTo(BearerViewers.Reason.TOO_MANY_LOOKUPS);
    }

    @Test
    void whileSpotifyThrottlesALookupIsRefusedWithItsWaitAndCostsTheClientNothing() {
        spotify.failing = new SpotifyAccountsException(Kind.RATE_LIMITED, "Spotify is rate limiting this app; try again in 600 s",
                Duration.ofSeconds(600));

        for (int i = 0; i < 10; i++) {
            int n = i;
            assertThatThrownBy(() -> bearers.viewer("new-" + n, CLIENT)).isInstanceOfSatisfying(BearerViewers.Refusal.class, r -> {
                assertThat(r.reason()).isEqualTo(BearerViewers.Reason.SPOTIFY_THROTTLES);
                assertThat(r.retryAfter()).hasValue(Duration.ofSeconds(600));
            });
        }

        spotify.failing = null;
        spotify.users.put("after", "ann");
        assertThat(bearers.viewer("after", CLIENT).userId().value()).isEqualTo("ann"); // the bucket is still full
    }

    @Test
    void aUserIdTheGatewayCannotServeIsRefusedAndRemembered() {
        spotify.users.put("colon", "a:b");

        assertThat(refusalOf(() -> bearers.viewer("colon", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);
        assertThat(refusalOf(() -> bearers.viewer("colon", CLIENT))).isEqualTo(BearerViewers.Reason.INVALID);
        assertThat(spotify.lookups.get()).isEqualTo(1);
    }

    /** Spotify's /v1/me from a map: a token it knows is that user's, any other is rejected. */
    private static final class FakeAccounts implements SpotifyAccounts {
        final Map<String, String> users = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();
        volatile SpotifyAccountsException failing;

        @Override
        public Profile profile(String accessToken, Duration longestWait) {
            assertThat(longestWait).isEqualTo(Duration.ZERO); // lookups never wait on the gate
            lookups.incrementAndGet();
            if (failing != null) {
                throw failing;
            }
            String user = users.get(accessToken);
            if (user == null) {
                throw new SpotifyAccountsException(Kind.REJECTED, "Spotify does not accept this access token", null);
            }
            return new Profile(user, null);
        }

        @Override
        public Grant exchange(AuthorizationCode code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Grant refresh(String refreshToken) {
            throw new UnsupportedOperationException();
        }
    }

}
