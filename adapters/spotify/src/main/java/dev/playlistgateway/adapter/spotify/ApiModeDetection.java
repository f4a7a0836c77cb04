package dev.playlistgateway.adapter.spotify;

import dev.playlistgateway.adapter.spotify.SpotifySettings.ApiMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Which Web API the app has, as far as one port knows: the setting ({@code spotify.api-mode}), and with
 * {@link ApiMode#AUTO} the first 403 from a several-ids endpoint, which switches to
 * {@link ApiMode#DEVELOPMENT} for the life of the process (logged once at INFO). Thread safe.
 */
final class ApiModeDetection {

    private static final Logger log = LoggerFactory.getLogger(ApiModeDetection.class);

    private final ApiMode configured;
    private final AtomicReference<ApiMode> current;

    ApiModeDetection(ApiMode configured) {
        this.configured = configured;
        this.current = new AtomicReference<>(configured);
    }

    /** The API in use now. */
    ApiMode current() {
        return current.get();
    }

    /** Whether to try several-ids endpoints ({@code /v1/tracks?ids=}); false once in Development Mode. */
    boolean severalIds() {
        return current.get() != ApiMode.DEVELOPMENT;
    }

    /**
     * Spotify refused a several-ids call to {@code endpoint}. Returns when the refusal shows the app is in
     * Development Mode, so that the caller goes on one id at a time; throws it (told for
     * {@code api-mode=extended} when that is the setting) when it does not.
     *
     * @throws SpotifyRefusal a status other than 403, or a 403 while the setting says extended
     */
    void severalIdsRefused(SpotifyRefusal refusal, String endpoint) {
        if (refusal.status() != 403) {
            throw refusal;
        }
        if (configured == ApiMode.EXTENDED) {
            throw refusal.forSeveralIdsInExtendedMode(endpoint);
        }
        if (current.compareAndSet(ApiMode.AUTO, ApiMode.DEVELOPMENT)) {
            log.info("Spotify answered 403 to {}: the app is in Development Mode; reading catalogue data one id at a time from now on",
                    endpoint);
        }
    }
}
