package dev.playlistgateway.app.security.bearer;

import dev.playlistgateway.app.security.Browser;
import dev.playlistgateway.app.security.SpotifyStub;
import dev.playlistgateway.app.security.SpotifyStubGateway;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy ({@code gateway.security.bearer.client-address-header: X-Forwarded-For}) each client is the
 * address the proxy appended, the header's last entry: two clients behind the proxy have a lookup budget each,
 * and what a client writes in front of that entry changes nothing.
 */
@MicronautTest
class BearerClientAddressHeaderIT extends SpotifyStubGateway {
    @Override
    protected Map<String, String> gatewayProperties(SpotifyStub spotify) {
        return with(spotify.gatewayProperties(),
                "gateway.security.bearer.client-address-header", "X-Forwarded-For",
                "gateway.security.bearer.lookups-per-client.burst", "3",
                "gateway.security.bearer.lookups-per-client.per-minute", "1");
    }

    @Test
    void eachClientTheProxyNamesHasItsOwnLookups() {
        Browser proxy = browser();
        int refused = 0;

        for (int i = 0; i < 5; i++) {
            for (String client : new String[] {"127.0.0.21", "127.0.0.22"}) {
                Browser.GraphQLResponse answer = proxy.graphql("{ me { id: spotifyId } }", "Authorization", "Bearer junk-" + client + "-" + i,
                        "X-Forwarded-For", "127.0.0." + (100 + i) + ", " + client);
                assertThat(answer.status()).isIn(401, 429);
                refused += answer.status() == 429 ? 1 : 0;
            }
        }

        assertThat(spotify.server.findAll(getRequestedFor(urlPathEqualTo("/v1/me")))).hasSize(6);
        assertThat(refused).isEqualTo(4);
    }
}
