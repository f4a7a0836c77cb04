package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.fleet.FleetGateways.Answer;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

/**
 * A fleet test: one Redis and one {@link WindowedSpotify} for the class, gateways per test, each query for a
 * track no earlier query asked for (so each is one cold Spotify call).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetOfGateways {

    private final int spotifyLimit;
    private final Duration spotifyWindow;
    RedisServer redis;
    WindowedSpotify spotify;
    FleetGateways gateways;
    private int nextTrack;

    FleetOfGateways(int spotifyLimit, Duration spotifyWindow) {
        this.spotifyLimit = spotifyLimit;
        this.spotifyWindow = spotifyWindow;
    }

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        spotify = new WindowedSpotify(spotifyLimit, spotifyWindow);
    }

    @AfterAll
    void stop() {
        if (spotify != null) {
            spotify.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void fresh() {
        redis.flushAll();
        spotify.reset();
        gateways = new FleetGateways(spotify, redis.uri());
    }

    @AfterEach
    void stopGateways() {
        gateways.close();
    }

    /**
     * Three gateways, each warmed by one call (the app token, the HTTP connections, the code paths), then
     * {@code quiet}, then the stand-in's counts cleared: a cold gateway's first calls leave hundreds of ms after
     * their slots.
     */
    List<EmbeddedServer> warmFleet(Duration quiet, String... overrides) {
        List<EmbeddedServer> fleet = gateways.startAll(3, overrides);
        burst(fleet, fleet.size());
        try {
            Thread.sleep(quiet.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spotify.reset();
        return fleet;
    }

    /** The next unasked track's query. */
    String nextTrack() {
        return FleetGateways.track(nextTrack++);
    }

    /** {@code count} queries for unasked tracks at once, round robin over {@code fleet}. */
    List<Answer> burst(List<EmbeddedServer> fleet, int count) {
        List<Answer> answers = FleetGateways.burst(fleet, nextTrack, count);
        nextTrack += count;
        return answers;
    }
}
