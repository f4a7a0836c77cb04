package dev.playlistgateway.app.security.login;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a plainly local path may be a sign-in's return target: every open-redirect form is refused. */
class LocalReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/graphiql", "/?playlist=abc&x=1", "/a/b.c;d?e=f#g", "/%2F%2Fstill-a-path", "/graphiql?login=x"})
    void acceptsAPathOfThisSite(String path) {
        assertThat(LocalReturnPath.of(path)).hasValue(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "evil.example", "https://evil.example", "HTTPS://evil.example", "javascript:alert(1)",
            "data:text/html,x", "//evil.example", "///evil.example", "/\\evil.example", "\\/evil.example",
            "/a\\b", "/x//y", "/\t/evil.example", "/\n/evil.example", "/ x", "/\u0000", "/\u007f", "/caf\u00e9",
            "/oauth/login/spotify", "/oauth/callback/spotify?code=x", "/%", "/a b"})
    void refusesEverythingElse(String candidate) {
        assertThat(LocalReturnPath.of(candidate)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void refusesNullAndOverlongPaths() {
        assertThat(LocalReturnPath.of(null)).isEmpty();
        assertThat(LocalReturnPath.of("/" + "a".repeat(2_000))).isEmpty();
    }
}
