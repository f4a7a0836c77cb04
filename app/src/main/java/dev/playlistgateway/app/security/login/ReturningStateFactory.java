package dev.playlistgateway.app.security.login;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.oauth2.endpoint.authorization.state.DefaultStateFactory;
import io.micronaut.security.oauth2.endpoint.authorization.state.MutableState;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.StatePersistence;
import jakarta.inject.Singleton;

/**
 * micronaut-security's state factory, with the page to return to after signing in: the sign-in request's
 * {@link LocalReturnPath#PARAMETER}, when it is a safe local path, goes into the state ({@link ReturningState}).
 * The state travels through Spotify and back, and the callback only accepts it when it matches the
 * browser's state cookie; {@link SpotifyLoginMapper} checks the path again before it is used.
 */
@Singleton
@Replaces(DefaultStateFactory.class)
final class ReturningStateFactory extends DefaultStateFactory {

    ReturningStateFactory(StateSerDes stateSerDes, StatePersistence statePersistence) {
        super(stateSerDes, statePersistence);
    }

    @Override
    protected MutableState createInitialState() {
        ReturningState state = new ReturningState();
        // buildState has the request but gives only this hook; the login route runs within the request's context.
        ServerRequestContext.currentRequest()
                .flatMap(request -> request.getParameters().getFirst(LocalReturnPath.PARAMETER))
                .flatMap(LocalReturnPath::of)
                .ifPresent(state::setReturnTo);
        return state;
    }
}
