package dev.playlistgateway.app.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /mode}: whether a frontend should show "Sign in with Spotify" or a demo-mode banner, and
 * where sign-in and sign-out are. The answer holds for the process's life; who is signed in is
 * GraphQL's {@code me}.
 */
@Controller
final class ModeController {
    private final GatewayMode mode;

    ModeController(GatewayMode mode) {
        this.mode = mode;
    }

    @Get(uri = "/mode", produces = MediaType.APPLICATION_JSON)
    HttpResponse<GatewayMode> mode() {
        // no-cache, not max-age: a gateway restarted with Spotify credentials must not keep showing a demo banner
        return HttpResponse.ok(mode).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
