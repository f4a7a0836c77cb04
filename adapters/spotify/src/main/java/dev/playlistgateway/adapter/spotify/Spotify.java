package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.port.PlaylistPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

import java.time.Clock;
import java.util.Objects;

/**
 * The gateway's one client for Spotify: one transport (HTTP client, Retry-After gate, call budget, bulkhead,
 * {@code spotify.requests} metric), the app's own token, and the two faces on it: the {@link PlaylistPort}
 * for music data and {@link SpotifyAccounts} for sign-in. Whatever talks to Spotify goes through here, so a
 * Retry-After seen by any call holds back every other. Make one per process with {@link #connect}.
 *
 * <p>Each call to Spotify is a span of the {@code OpenTelemetry} given to {@link #connect} (none by default),
 * under whatever span is current on the calling thread.
 *
 * <p><b>Threads:</b> safe for concurrent use. <b>Nulls:</b> no argument may be null. <b>Failures:</b> the port
 * throws {@link dev.playlistgateway.domain.model.MusicDataException} as {@link PlaylistPort} says, the accounts
 * {@link SpotifyAccountsException}; making a client calls nothing.
 */
public final class Spotify {

    /** The instrumentation scope of the adapter's spans. */
    static final String TRACER_NAME = "dev.playlistgateway.adapter.spotify";

    private final SpotifySettings settings;
    private final SpotifyTransport transport;
    private final SpotifyAccountsClient accounts;
    private final AppTokens appTokens;
    private final DevelopmentModeFanOut fanOut;

    private Spotify(SpotifySettings settings, SpotifyTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.accounts = new SpotifyAccountsClient(transport);
        this.appTokens = new AppTokens(accounts::clientCredentials, transport.clock());
        this.fanOut = new DevelopmentModeFanOut(settings.devModeConcurrency());
    }

    /** The one client, with a Retry-After gate held in this process. */
    public static Spotify connect(SpotifySettings settings, MeterRegistry meters) {
        return connect(settings, meters, ThrottleGate.inProcess());
    }

    /**
     * The one client, with the given Retry-After gate (share one across gateway instances to obey
     * Spotify's per-app limits everywhere).
     */
    public static Spotify connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate) {
        return connect(settings, meters, gate, OpenTelemetry.noop());
    }

    /**
     * The one client, with the given Retry-After gate, tracing each call to Spotify as a span of
     * {@code openTelemetry} ({@link OpenTelemetry#noop()}: none).
     */
    public static Spotify connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate, OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return connect(settings, meters, gate, openTelemetry, Clock.systemUTC());
    }

    /**
     * The one client, with the given Retry-After gate and call budget (share both across gateway instances to
     * obey Spotify's per-app limits everywhere), tracing each call as a span of {@code openTelemetry}.
     */
    public static Spotify connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate, CallBudget budget,
                                  OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        Objects.requireNonNull(budget, "budget");
        return connect(settings, meters, gate, budget, openTelemetry, Clock.systemUTC());
    }

    static Spotify connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate, Clock clock) {
        return connect(settings, meters, gate, OpenTelemetry.noop(), clock);
    }

    static Spotify connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate, OpenTelemetry openTelemetry,
                           Clock clock) {
        return connect(settings, meters, gate, CallBudget.unlimited(), openTelemetry, clock);
    }

    static Spotify connect(SpotifySettings settings, MeterRegistry meters, ThrottleGate gate, CallBudget budget,
                           OpenTelemetry openTelemetry, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(gate, "gate");
        return new Spotify(settings, new SpotifyTransport(settings, gate, budget, meters,
                openTelemetry.getTracer(TRACER_NAME), clock));
    }

    /** The sign-in calls (profile, code exchange, refresh) on this client. */
    public SpotifyAccounts accounts() {
        return accounts;
    }

    /**
     * The music port on this client. Ask once per process: each port remembers on its own which API
     * (Extended Quota or Development Mode) the app has.
     *
     * @param userTokens where signed-in viewers' tokens come from ({@link SpotifyUserTokens#NONE} for none)
     */
    public PlaylistPort playlistPort(SpotifyUserTokens userTokens) {
        return playlistAdapter(userTokens);
    }

    SpotifyPlaylistAdapter playlistAdapter(SpotifyUserTokens userTokens) {
        Objects.requireNonNull(userTokens, "userTokens");
        return new SpotifyPlaylistAdapter(new SpotifyWebApi(transport, appTokens, userTokens),
                new ApiModeDetection(settings.apiMode()), fanOut);
    }
}
