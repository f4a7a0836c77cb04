package dev.playlistgateway.app.security.session;

/**
 * The session store cannot be reached right now (refused, timed out, closed), and no copy in memory may stand in for
 * it. Thrown by {@link Sessions} (and by every {@link SessionStore}); callers answer it as "try again shortly"
 * ({@code UPSTREAM_UNAVAILABLE}), never as "not signed in". Carries no stack trace: it is expected while Redis is away.
 */
public final class SessionStoreUnavailable extends RuntimeException {
    SessionStoreUnavailable(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
