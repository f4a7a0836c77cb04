package dev.playlistgateway.app.security.login;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.oauth2.endpoint.authorization.state.JacksonStateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Base64;

/**
 * micronaut-security's state serializer, replaced: its JacksonStateSerDes logs an ERROR with a stack trace for every
 * state that is not base64 JSON, and lets a state that is not even base64 (one character, say) escape as an
 * exception, which became a 500 and a second stack trace. Anyone can send such a state; for the state check it is
 * simply no state: here it decodes to null, which fails the check as "Provided state is null" and is counted as
 * {@link SignInFailures.Reason#INVALID_STATE} ({@link SignInFailureFilter}). It also wrote the basic base64 alphabet
 * and read only the URL-safe one, so a state whose JSON put {@code ?}, {@code >} or {@code ~} at the wrong place (a
 * return path with a query, {@link ReturningState}) failed as no state: here both ways use the URL-safe alphabet,
 * and reading accepts either. The state is a {@link ReturningState}. Thread safe.
 */
@Singleton
@Replaces(JacksonStateSerDes.class)
final class QuietStateSerDes implements StateSerDes {
    private final JsonMapper json;

    QuietStateSerDes(JsonMapper json) {
        this.json = json;
    }

    @Override
    @Nullable
    public State deserialize(String base64State) {
        try {
            // Either alphabet: states written before this class wrote the URL-safe one were in the basic one.
            String urlSafe = base64State.replace('+', '-').replace('/', '_');
            return json.readValue(Base64.getUrlDecoder().decode(urlSafe), Argument.of(ReturningState.class));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String serialize(State state) {
        try {
            return Base64.getUrlEncoder().encodeToString(json.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the authorization request state", e);
        }
    }
}
