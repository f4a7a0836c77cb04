package dev.playlistgateway.app.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each shape in which a library's DEBUG or TRACE line was seen (or could be) to carry a secret, masked. */
class SecretMaskingTest {

    @Test
    void theCallbacksCodeAndStateInARequestUriAreMasked() {
        String line = "Request GET /oauth/callback/spotify?code=AQBx-9_z.secret&state=eyJub25jZSI6IjEifQ%3D%3D";

        assertThat(SecretMasking.mask(line)).isEqualTo("Request GET /oauth/callback/spotify?code=****&state=****");
        assertThat(SecretMasking.mask("HttpRequestReceivedEvent[source=GET /oauth/callback/spotify?state=abc&code=def]"))
                .isEqualTo("HttpRequestReceivedEvent[source=GET /oauth/callback/spotify?state=****&code=****]");
    }

    @Test
    void aTokenGrantFormIsMaskedButItsPublicPartsAreKept() {
        String form = "code=c0de&grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&code_verifier=v3r1f13r";

        assertThat(SecretMasking.mask(form))
                .isEqualTo("code=****&grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&code_verifier=****");
        assertThat(SecretMasking.mask("grant_type=refresh_token&refresh_token=r3fr3sh")).isEqualTo("grant_type=refresh_token&refresh_token=****");
        assertThat(SecretMasking.mask("authorize?response_type=code&code_challenge=abc&code_challenge_method=S256"))
                .isEqualTo("authorize?response_type=code&code_challenge=abc&code_challenge_method=S256");
    }

    @Test
    void tokensInAJsonBodyAreMasked() {
        String body = "{\"access_token\":\"BQD-acc\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"AQD\\\"r\",\"scope\":\"x\"}";

        assertThat(SecretMasking.mask(body))
                .isEqualTo("{\"access_token\":\"****\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"****\",\"scope\":\"x\"}");
    }

    @Test
    void authorizationHeadersAndBareBearerCredentialsAreMasked() {
        assertThat(SecretMasking.mask("Authorization: Bearer BQDshort")).isEqualTo("Authorization: Bearer ****");
        assertThat(SecretMasking.mask("headers={authorization=[Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ=]}"))
                .doesNotContain("dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ");
        assertThat(SecretMasking.mask("sent Bearer BQDxyzxyzxyzxyzxyzxyz to Spotify")).isEqualTo("sent Bearer **** to Spotify");
        // Prose about tokens stays readable.
        assertThat(SecretMasking.mask("Spotify does not accept this Bearer token (expired or invalid)"))
                .isEqualTo("Spotify does not accept this Bearer token (expired or invalid)");
        assertThat(SecretMasking.mask("Looking for bearer token in Authorization header"))
                .isEqualTo("Looking for bearer token in Authorization header");
    }

    @Test
    void cookiesUriPasswordsAndSecretPropertiesAreMasked() {
        assertThat(SecretMasking.mask("Cookie: pgw_session=AbC123; OAUTH2_STATE=xyz; OAUTH2_PKCE=pq"))
                .isEqualTo("Cookie: pgw_session=****; OAUTH2_STATE=****; OAUTH2_PKCE=****");
        assertThat(SecretMasking.mask("Redis at redis://default:hunter2@cache:6379/0")).isEqualTo("Redis at redis://default:****@cache:6379/0");
        assertThat(SecretMasking.mask("Resolved value [test-secret] for property: micronaut.security.oauth2.clients.spotify.client-secret"))
                .isEqualTo("Resolved value [****] for property: micronaut.security.oauth2.clients.spotify.client-secret");
        assertThat(SecretMasking.mask("Resolved value [q83vEjRWeJq83vEjRWeJ] for property: gateway.security.token-key"))
                .isEqualTo("Resolved value [****] for property: gateway.security.token-key");
        assertThat(SecretMasking.mask("Resolved value [test-client] for property: spotify.client-id"))
                .isEqualTo("Resolved value [test-client] for property: spotify.client-id");
    }

    @Test
    void ordinaryLinesAreLeftAlone() {
        String line = "GET /v1/playlists/37i9dQZF1DXcBWIGoYBM5M/items?offset=0&limit=100 -> 200 in 12 ms";

        assertThat(SecretMasking.mask(line)).isSameAs(line);
        assertThat(SecretMasking.mask(null)).isNull();
    }
}
