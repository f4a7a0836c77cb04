package dev.playlistgateway.app.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

import java.net.InetSocketAddress;

/**
 * Who sent a request, for limits per client: the connection's remote address, or, when
 * {@code gateway.security.bearer.client-address-header} names a header (a proxy in front sets it), that
 * header's last entry: the address that proxy saw. Earlier entries are the client's own say and are ignored.
 */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    /** The client of {@code request}; {@code header} is the proxy's header, or null when there is none. */
    public static String of(HttpRequest<?> request, @Nullable String header) {
        if (header != null) {
            String value = request.getHeaders().get(header);
            if (value != null) {
                String last = value.substring(value.lastIndexOf(',') + 1).trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
