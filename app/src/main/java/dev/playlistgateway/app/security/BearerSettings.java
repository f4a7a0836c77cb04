package dev.playlistgateway.app.security;

import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Bearer mode's limits, from {@code gateway.security.bearer.*} (docs/security.md says why each default).
 * How long a token's user is remembered at most, and how many tokens, stay {@code gateway.security.bearer-cache-ttl}
 * and {@code bearer-cache-max} ({@link SecuritySettings}).
 *
 * @param revalidateAfter     how long the user behind a token is trusted before Spotify is asked again, default 1 minute:
 *                            a token Spotify stopped accepting is refused within this time even if all it reads is cached
 * @param rejectedTtl         how long Spotify's "invalid" answer for a token is remembered, default 30 s
 * @param clientBurst         lookups of tokens the gateway does not know that one client may make at once, default 10
 * @param clientPerMinute     lookups one client gets back per minute, default 30 (one every 2 s)
 * @param clientAddressHeader the request header that carries the client's address, set by a proxy in front of the
 *                            gateway (e.g. {@code X-Forwarded-For}, whose last entry is used); null (default): the
 *                            connection's remote address, so that no client can choose its own identity
 */
record BearerSettings(Duration revalidateAfter, Duration rejectedTtl, int clientBurst, int clientPerMinute,
                      @Nullable String clientAddressHeader) {

    private static final String PREFIX = "gateway.security.bearer.";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9\\-]{1,64}");

    /** The defaults. */
    static final BearerSettings DEFAULTS = new BearerSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), 10, 30, null);

    BearerSettings {
        requirePositive(revalidateAfter, "revalidate-after");
        requirePositive(rejectedTtl, "rejected-ttl");
        if (clientBurst < 1 || clientPerMinute < 1) {
            throw new ConfigurationException(PREFIX + "lookups-per-client.burst and .per-minute must be at least 1");
        }
        if (clientAddressHeader != null && !HEADER_NAME.matcher(clientAddressHeader).matches()) {
            throw new ConfigurationException(PREFIX + "client-address-header must be a header name, was '" + clientAddressHeader + "'");
        }
    }

    /** The settings from configuration, with the documented defaults. */
    static BearerSettings from(Environment env) {
        return new BearerSettings(
                env.getProperty(PREFIX + "revalidate-after", Duration.class).orElse(DEFAULTS.revalidateAfter()),
                env.getProperty(PREFIX + "rejected-ttl", Duration.class).orElse(DEFAULTS.rejectedTtl()),
                env.getProperty(PREFIX + "lookups-per-client.burst", Integer.class).orElse(DEFAULTS.clientBurst()),
                env.getProperty(PREFIX + "lookups-per-client.per-minute", Integer.class).orElse(DEFAULTS.clientPerMinute()),
                env.getProperty(PREFIX + "client-address-header", String.class).filter(h -> !h.isBlank()).orElse(null));
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException(PREFIX + key + " must be a positive duration");
        }
    }
}
