package dev.playlistgateway.app.support;

import java.util.HashMap;
import java.util.Map;

/** The gateway's settings for Spotify mode against a stand-in that serves both the Web API and the accounts service. */
public final class SpotifyMode {
    public static final String CLIENT_ID = "stand-in-client";
    public static final String CLIENT_SECRET = "stand-in-client-secret";

    private SpotifyMode() {
    }

    /** Against {@code baseUrl} in {@code apiMode} (extended, development, auto), with {@code more} settings as name, value pairs. */
    public static Map<String, String> against(String baseUrl, String apiMode, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spotify.client-id", CLIENT_ID,
                "spotify.client-secret", CLIENT_SECRET,
                "spotify.api-url", baseUrl,
                "spotify.accounts-url", baseUrl,
                "spotify.api-mode", apiMode));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return Map.copyOf(properties);
    }
}
