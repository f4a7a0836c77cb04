package dev.playlistgateway.app.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What {@code GET /mode} answers: {@code demo} (the bundled catalog, every caller is its demo user, no
 * sign-in) or {@code spotify} (users sign in at {@code signInPath} and end their session with a POST to
 * {@code signOutPath}). The paths are null in demo mode. Immutable.
 */
@Serdeable
public record GatewayMode(String mode, @Nullable String signInPath, @Nullable String signOutPath) {
    static final GatewayMode DEMO = new GatewayMode("demo", null, null);

    static GatewayMode spotify(String signInPath, String signOutPath) {
        return new GatewayMode("spotify", signInPath, signOutPath);
    }
}
