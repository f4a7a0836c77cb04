package dev.playlistgateway.app.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.List;

/** The hostile-input suite against the app in demo mode (no sign-in routes). */
@MicronautTest
class HostileInputIT extends HostileInputSuite {
    @Override
    List<String> routes() {
        return List.of("/graphql", "/graphql/", "/graphql/x", "/graphiql", "/graphiql-assets/graphiql/2.4.7/graphiql.min.js",
                "/graphiql-ui/graphiql-init.js", "/graphiql-ui/nope.js", "/health", "/health/liveness", "/prometheus",
                "/oauth/login/spotify", "/oauth/callback/spotify", "/logout", "/nope", "/");
    }
}
