package dev.playlistgateway.app.fleet;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.testsupport.redis.RedisServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sessions across gateways on one Redis: with one token key a session made on one instance is valid on the
 * others; without it, a gateway whose sessions are in Redis refuses to start and says what to set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetSessionsIT {

    private RedisServer redis;
    private SpotifyStub spotify;
    private final List<EmbeddedServer> running = new ArrayList<>();

    @BeforeAll
    void start() {
        redis = RedisServer.start();
        spotify = new SpotifyStub();
    }

    @AfterAll
    void stop() {
        if (spotify != null) {
            spotify.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void stopGateways() {
        running.forEach(EmbeddedServer::close);
        running.clear();
    }

    private Map<String, Object> properties(String... overrides) {
        Map<String, Object> properties = new HashMap<>(spotify.gatewayProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("redis.uri", redis.uri());
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        return properties;
    }

    private EmbeddedServer gateway(String... overrides) {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(overrides));
        running.add(server);
        return server;
    }

    private static String base(EmbeddedServer gateway) {
        return "http://127.0.0.1:" + gateway.getPort();
    }

    @Test
    void aSessionMadeOnOneInstanceIsValidOnTheOthers() {
        List<EmbeddedServer> fleet = List.of(gateway("gateway.security.token-key", FleetGateways.TOKEN_KEY),
                gateway("gateway.security.token-key", FleetGateways.TOKEN_KEY),
                gateway("gateway.security.token-key", FleetGateways.TOKEN_KEY));
        spotify.codeGrant("code-fay", "fay", "fay-access-1", "fay-refresh-1", 3600);
        Browser browser = new Browser(base(fleet.get(0)));
        browser.signInWithSpotify("code-fay");
        String session = browser.sessionCookie();
        assertThat(session).isNotNull();

        for (EmbeddedServer gateway : fleet) {
            Browser.GraphQLResponse me = new Browser(base(gateway)).graphql("{ me { id: spotifyId } }", "Cookie", "pgw_session=" + session);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.<String>at("data.me.id")).as("on " + base(gateway)).isEqualTo("fay");
        }
    }

    @Test
    void withSessionsInRedisAndNoTokenKeyTheGatewayRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(this::gateway).satisfies(failure -> assertThat(rootMessage(failure))
                .contains("GATEWAY_SECURITY_TOKEN_KEY", "openssl rand -base64 32", "the same on every instance",
                        "GATEWAY_SECURITY_SESSION_STORE=memory"));
    }

    @Test
    void withSessionsInARedisOfTheirOwnAndNoTokenKeyTheGatewayRefusesToStartToo() {
        assertThatThrownBy(() -> gateway("gateway.security.redis.uri", redis.uri(), "cache.adapter", "memory"))
                .satisfies(failure -> assertThat(rootMessage(failure)).contains("GATEWAY_SECURITY_TOKEN_KEY"));
    }

    @Test
    void withSessionsInEachInstancesMemoryNoTokenKeyIsNeeded() {
        EmbeddedServer gateway = gateway("gateway.security.session-store", "memory");

        assertThat(gateway.isRunning()).isTrue();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append('\n');
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return messages.toString();
    }
}
