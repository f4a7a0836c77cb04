package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.port.PlaylistPort;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the gateway's client for Spotify. The app builds one {@link SpotifyConnection} per process (it holds
 * the app token, the bulkhead and, with {@link ThrottleGate#inProcess()}, the Retry-After gate) and takes
 * both the {@link PlaylistPort} and the sign-in's {@link SpotifyAccounts} from it, so that every call to
 * Spotify passes the same gate.
 */
public final class SpotifyAdapter {

    private SpotifyAdapter() {
    }

    /** The one client, with a Retry-After gate held in this process. */
    public static SpotifyConnection connect(SpotifySettings settings, MeterRegistry meters) {
        return connect(settings, meters, ThrottleGate.inProcess());
    }

    /**
     * The one client, with the given Retry-After gate (share one across gateway instances to obey
     * Spotify's per-app limits everywhere).
     */
    public static SpotifyConnection connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate) {
        return connect(settings, meters, gate, Clock.systemUTC());
    }

    static SpotifyConnection connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(gate, "gate");
        return new SpotifyConnection(settings, new SpotifyTransport(settings, gate, meters, clock), fanOutExecutor());
    }

    /** A port on a connection of its own, with a Retry-After gate held in this process (no sign-in calls). */
    public static PlaylistPort create(SpotifySettings settings, SpotifyUserTokens userTokens, MeterRegistry meters) {
        return create(settings, userTokens, meters, ThrottleGate.inProcess());
    }

    /** A port on a connection of its own, with the given Retry-After gate. */
    public static PlaylistPort create(SpotifySettings settings, SpotifyUserTokens userTokens, MeterRegistry meters,
                                      ThrottleGate gate) {
        return create(settings, userTokens, meters, gate, Clock.systemUTC());
    }

    static SpotifyPlaylistPort create(SpotifySettings settings, SpotifyUserTokens userTokens, MeterRegistry meters,
                                      ThrottleGate gate, Clock clock) {
        return connect(settings, meters, gate, clock).port(userTokens);
    }

    /** Threads for Development Mode's one-call-per-id fan-out; idle ones go after a minute, none keeps the JVM up. */
    private static ExecutorService fanOutExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "spotify-fan-out-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(factory);
    }
}
