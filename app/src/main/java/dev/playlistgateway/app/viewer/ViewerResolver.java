package dev.playlistgateway.app.viewer;

import dev.playlistgateway.domain.model.Viewer;
import io.micronaut.http.HttpRequest;

/**
 * Decides who is asking, from the HTTP request. One implementation is active: the demo catalog's
 * default user in demo mode, anonymous otherwise (sign-in replaces it with the session's user).
 */
public interface ViewerResolver {

    /** The viewer of this request; {@link Viewer#ANONYMOUS} when nobody is signed in. Never null. */
    Viewer resolve(HttpRequest<?> request);
}
