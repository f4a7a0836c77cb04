package dev.playlistgateway.app.security.login;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.oauth2.endpoint.authorization.state.DefaultState;
import io.micronaut.serde.annotation.Serdeable;

/**
 * micronaut-security's state with the page to return to after signing in ({@link LocalReturnPath}): its own
 * original URI has no getter, so it is never written into the state and never comes back.
 */
@Serdeable
public class ReturningState extends DefaultState {
    private String returnTo;

    /** The local path the sign-in asked to return to, or null for the default. */
    @Nullable
    public String getReturnTo() {
        return returnTo;
    }

    public void setReturnTo(@Nullable String returnTo) {
        this.returnTo = returnTo;
    }

    // equals and hashCode stay DefaultState's: the return path is not part of the state check.
}
