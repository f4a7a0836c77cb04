package dev.playlistgateway.adapter.spotify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Spotify adapter talks to Spotify. Build with {@link #builder(String, String)}; every setting
 * but the client credentials has a default (listed on each builder method and in the module README).
 *
 * @param clientId           the app's client id (config {@code spotify.client-id}, env {@code SPOTIFY_CLIENT_ID})
 * @param clientSecret       the app's client secret; never logged, never in {@link #toString()}
 * @param apiUrl             base URL of the Web API, default {@code https://api.spotify.com}
 * @param accountsUrl        base URL of the accounts service (token endpoint), default {@code https://accounts.spotify.com}
 * @param connectTimeout     how long opening a connection may take, default 2 s
 * @param readTimeout        how long one request may take from sending to the whole answer, default 5 s;
 *                           also the longest a call waits for a free slot of the bulkhead
 * @param readRetries        retries after a 5xx, an I/O error or a timeout on reads (and the token
 *                           endpoint), default 2 (so at most 3 attempts)
 * @param backoffBase        the first retry waits about this long, doubling each time, with jitter; default 200 ms
 * @param maxWait            the longest one operation waits on Spotify's {@code Retry-After} before it
 *                           fails with RATE_LIMITED instead, default 5 s
 * @param maxConcurrentCalls the most calls to Spotify in flight at once from this adapter (bulkhead), default 8
 * @param devModeConcurrency the most one-id calls one batch makes at once in Development Mode, default 4
 * @param apiMode            which API the app has: {@link ApiMode#AUTO} (default) detects it
 */
public record SpotifySettings(String clientId, String clientSecret, URI apiUrl, URI accountsUrl,
                              Duration connectTimeout, Duration readTimeout, int readRetries,
                              Duration backoffBase, Duration maxWait, int maxConcurrentCalls,
                              int devModeConcurrency, ApiMode apiMode) {

    /** Which Web API the app gets from Spotify. */
    public enum ApiMode {
        /**
         * Assume the full API until a several-ids endpoint answers 403, then use Development Mode's
         * reduced API for the rest of the process.
         */
        AUTO,
        /** Extended Quota: the full API, several-ids endpoints included. */
        EXTENDED,
        /** Development Mode: no several-ids endpoints; one call per id. */
        DEVELOPMENT
    }

    public static final URI DEFAULT_API_URL = URI.create("https://api.spotify.com");
    public static final URI DEFAULT_ACCOUNTS_URL = URI.create("https://accounts.spotify.com");

    public SpotifySettings {
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        apiUrl = baseUrl(apiUrl, "apiUrl");
        accountsUrl = baseUrl(accountsUrl, "accountsUrl");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(backoffBase, "backoffBase");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
        if (readRetries < 0) {
            throw new IllegalArgumentException("readRetries must not be negative");
        }
        if (maxConcurrentCalls < 1 || devModeConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls and devModeConcurrency must be at least 1");
        }
        Objects.requireNonNull(apiMode, "apiMode");
    }

    /** Settings with every default, for the given app credentials. */
    public static Builder builder(String clientId, String clientSecret) {
        return new Builder(clientId, clientSecret);
    }

    @Override
    public String toString() {
        return "SpotifySettings[clientId=" + clientId + ", clientSecret=****, apiUrl=" + apiUrl
                + ", accountsUrl=" + accountsUrl + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", readRetries=" + readRetries
                + ", backoffBase=" + backoffBase + ", maxWait=" + maxWait
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", devModeConcurrency=" + devModeConcurrency
                + ", apiMode=" + apiMode + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Base URLs are joined with paths that start with '/': drop a trailing slash. */
    private static URI baseUrl(URI value, String name) {
        Objects.requireNonNull(value, name);
        String text = value.toString();
        if (!"http".equals(value.getScheme()) && !"https".equals(value.getScheme())) {
            throw new IllegalArgumentException(name + " must be an http(s) URL, was " + text);
        }
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : value;
    }

    /** Builds {@link SpotifySettings}; starts from the defaults. Not thread safe. */
    public static final class Builder {
        private final String clientId;
        private final String clientSecret;
        private URI apiUrl = DEFAULT_API_URL;
        private URI accountsUrl = DEFAULT_ACCOUNTS_URL;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private int readRetries = 2;
        private Duration backoffBase = Duration.ofMillis(200);
        private Duration maxWait = Duration.ofSeconds(5);
        private int maxConcurrentCalls = 8;
        private int devModeConcurrency = 4;
        private ApiMode apiMode = ApiMode.AUTO;

        private Builder(String clientId, String clientSecret) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        /** Default {@code https://api.spotify.com}. */
        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /** Default {@code https://accounts.spotify.com}. */
        public Builder accountsUrl(URI accountsUrl) {
            this.accountsUrl = accountsUrl;
            return this;
        }

        /** Default 2 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Default 5 s. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Default 2. */
        public Builder readRetries(int readRetries) {
            this.readRetries = readRetries;
            return this;
        }

        /** Default 200 ms. */
        public Builder backoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
            return this;
        }

        /** Default 5 s. */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        /** Default 8. */
        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        /** Default 4. */
        public Builder devModeConcurrency(int devModeConcurrency) {
            this.devModeConcurrency = devModeConcurrency;
            return this;
        }

        /** Default {@link ApiMode#AUTO}. */
        public Builder apiMode(ApiMode apiMode) {
            this.apiMode = apiMode;
            return this;
        }

        public SpotifySettings build() {
            return new SpotifySettings(clientId, clientSecret, apiUrl, accountsUrl, connectTimeout, readTimeout,
                    readRetries, backoffBase, maxWait, maxConcurrentCalls, devModeConcurrency, apiMode);
        }
    }
}
