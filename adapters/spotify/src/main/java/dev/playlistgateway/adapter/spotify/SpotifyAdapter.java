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
 * Makes the Spotify {@link PlaylistPort}. The app builds one per process (it holds the app token, the
 * detected API mode, the bulkhead and, with {@link ThrottleGate#inProcess()}, the Retry-After gate).
 */
public final class SpotifyAdapter {

    private SpotifyAdapter() {
    }

    /** The adapter with a Retry-After gate held in this process. */
    public static PlaylistPort create(SpotifySettings settings, SpotifyUserTokens userTokens, MeterRegistry meters) {
        return create(settings, userTokens, meters, ThrottleGate.inProcess());
    }

    /**
     * The adapter with the given Retry-After gate (share one across gateway instances to obey
     * Spotify's per-app limits everywhere).
     */
    public static PlaylistPort create(SpotifySettings settings, SpotifyUserTokens userTokens, MeterRegistry meters,
                                      ThrottleGate gate) {
        return create(settings, userTokens, meters, gate, Clock.systemUTC());
    }

    static SpotifyPlaylistPort create(SpotifySettings settings, SpotifyUserTokens userTokens, MeterRegistry meters,
                                      ThrottleGate gate, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(userTokens, "userTokens");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(gate, "gate");
        SpotifyHttp http = new SpotifyHttp(settings, userTokens, gate, meters, clock);
        return new SpotifyPlaylistPort(http, settings, fanOutExecutor());
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
