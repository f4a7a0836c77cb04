package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.domain.port.PlaylistPort;

import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The gateway's one client for Spotify: one transport (HTTP client, Retry-After gate, bulkhead,
 * {@code spotify.requests} metric), the app token, and the two faces on it: the {@link PlaylistPort}
 * for music data and {@link SpotifyAccounts} for sign-in. Whatever talks to Spotify goes through here, so a
 * Retry-After seen by any call holds back every other. Made by {@link SpotifyAdapter#connect}. Thread safe.
 */
public final class SpotifyConnection {

    private final SpotifySettings settings;
    private final SpotifyTransport transport;
    private final SpotifyAccountsClient accounts;
    private final AppTokens appTokens;
    private final ExecutorService fanOut;

    SpotifyConnection(SpotifySettings settings, SpotifyTransport transport, ExecutorService fanOut) {
        this.settings = settings;
        this.transport = transport;
        this.accounts = new SpotifyAccountsClient(transport);
        this.appTokens = new AppTokens(accounts::clientCredentials, transport.clock());
        this.fanOut = fanOut;
    }

    /** The sign-in calls (profile, code exchange, refresh) on this connection. */
    public SpotifyAccounts accounts() {
        return accounts;
    }

    /**
     * The music port on this connection. Ask once per process: each port remembers on its own which API
     * (Extended Quota or Development Mode) the app has.
     *
     * @param userTokens where signed-in viewers' tokens come from ({@link SpotifyUserTokens#NONE} for none)
     */
    public PlaylistPort playlistPort(SpotifyUserTokens userTokens) {
        return port(userTokens);
    }

    SpotifyPlaylistPort port(SpotifyUserTokens userTokens) {
        Objects.requireNonNull(userTokens, "userTokens");
        return new SpotifyPlaylistPort(new SpotifyHttp(transport, appTokens, userTokens), settings, fanOut);
    }
}
