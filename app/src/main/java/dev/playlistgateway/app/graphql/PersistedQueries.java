package dev.playlistgateway.app.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.playlistgateway.app.graphql.GraphQLRequestErrors.MalformedRequest;
import dev.playlistgateway.app.http.ClientAddresses;
import dev.playlistgateway.domain.port.CachePort;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Inject;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Persisted queries: which document a request runs when it names one by id instead of (or beside)
 * sending it.
 * <ul>
 *   <li><b>Automatic persisted queries</b> (Apollo's protocol, {@code extensions.persistedQuery =
 *       {version: 1, sha256Hash}}): a hash the gateway does not know answers PERSISTED_QUERY_NOT_FOUND,
 *       which Apollo Client's {@code PersistedQueryLink} and urql's persisted exchange answer by sending
 *       the hash with the query; the query must hash to it (else BAD_USER_INPUT), and once it parses and
 *       validates it is stored through the {@link CachePort} under {@code apq:v1:<hash>} for
 *       {@code graphql.persisted-queries.ttl}, so every instance on one Redis knows it. What may be stored is
 *       bounded: a query longer than {@code graphql.persisted-queries.max-query-size}, or one beyond its
 *       client's or this instance's {@link RegistrationBudget}, runs but is not stored (its client's next
 *       hash alone misses, and it sends the query again, as Apollo's link does).</li>
 *   <li><b>A manifest</b> ({@code graphql.persisted-queries.manifest}, {@link PersistedQueryManifest}):
 *       its operations are known by id to every instance from the start.</li>
 *   <li><b>Safelist</b> ({@code graphql.persisted-queries.only=true}): only the manifest's operations run,
 *       by id or as their exact text; anything else is PERSISTED_QUERY_NOT_IN_LIST, and nothing is
 *       registered.</li>
 * </ul>
 * A hash maps to exactly one text, so texts read from the store are kept in a small local cache
 * (bounded by characters) without any risk of going stale. Built at start-up, so that a bad setting
 * (a safelist without a manifest, a manifest that does not parse) stops the start. Thread safe.
 */
@Context
final class PersistedQueries {
    private static final Logger LOG = LoggerFactory.getLogger(PersistedQueries.class);
    static final String NOT_FOUND_MESSAGE = "PersistedQueryNotFound";
    static final String NOT_SUPPORTED_MESSAGE = "PersistedQueryNotSupported";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String KEY_PREFIX = "apq:v1:";
    /** Texts read from the store, kept locally: at most this many characters in all. */
    private static final long LOCAL_MAX_CHARS = 4_000_000;
    static final String MAX_QUERY_SIZE = "graphql.persisted-queries.max-query-size";
    static final String PER_CLIENT = "graphql.persisted-queries.registrations.per-client";
    static final String TOTAL = "graphql.persisted-queries.registrations.total";

    /** What a request runs, or the error it gets instead. */
    sealed interface Resolution {
    }

    /**
     * Run {@code query}; once it has parsed and validated, store it under {@code registerAs} (null:
     * nothing to store).
     */
    record Run(String query, @Nullable String registerAs) implements Resolution {
    }

    /** Answer with this one error, without running anything. */
    record Refused(String message, ErrorCode code) implements Resolution {
    }

    private final CachePort store;
    private final boolean enabled;
    private final boolean only;
    private final Duration ttl;
    private final PersistedQueryManifest manifest;
    private final long maxQuerySize;
    private final RegistrationBudget budget;
    @Nullable
    private final String clientAddressHeader;
    private final Counter tooLarge;
    private final Counter overBudget;
    private final Cache<String, String> local = Caffeine.newBuilder()
            .maximumWeight(LOCAL_MAX_CHARS)
            .weigher((String hash, String text) -> hash.length() + text.length())
            .executor(Runnable::run)
            .build();

    @Inject
    PersistedQueries(CachePort store, PersistedQueryManifest manifest,
                     @Property(name = "graphql.persisted-queries.enabled", defaultValue = "true") boolean enabled,
                     @Property(name = "graphql.persisted-queries.only", defaultValue = "false") boolean only,
                     @Property(name = "graphql.persisted-queries.ttl", defaultValue = "24h") Duration ttl,
                     @Property(name = MAX_QUERY_SIZE, defaultValue = "64KB") String maxQuerySize,
                     @Property(name = PER_CLIENT, defaultValue = "128KB") String perClient,
                     @Property(name = TOTAL, defaultValue = "256KB") String total,
                     // The client is who Bearer lookups are limited by: one setting for the proxy in front.
                     @Nullable @Property(name = "gateway.security.bearer.client-address-header") String clientAddressHeader,
                     MeterRegistry registry) {
        this(store, manifest, enabled, only, ttl, maxQuerySize, perClient, total, clientAddressHeader, registry,
                TimeMeter.SYSTEM_NANOTIME);
    }

    PersistedQueries(CachePort store, PersistedQueryManifest manifest, boolean enabled, boolean only, Duration ttl,
                     String maxQuerySize, String perClient, String total, @Nullable String clientAddressHeader,
                     MeterRegistry registry, TimeMeter time) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("graphql.persisted-queries.ttl must be positive, was " + ttl);
        }
        this.maxQuerySize = RegistrationBudget.bytes(maxQuerySize, MAX_QUERY_SIZE);
        long perClientPerMinute = RegistrationBudget.bytes(perClient, PER_CLIENT);
        long totalPerMinute = RegistrationBudget.bytes(total, TOTAL);
        // Else a query the size setting lets in could never be stored, and its clients would send it every time.
        long largest = RegistrationBudget.cost(this.maxQuerySize);
        if (perClientPerMinute < largest || totalPerMinute < largest) {
            throw new ConfigurationException(PER_CLIENT + " and " + TOTAL + " must each be at least " + MAX_QUERY_SIZE
                    + " plus " + RegistrationBudget.ENTRY_OVERHEAD + " bytes (" + largest + " bytes), were '" + perClient
                    + "' and '" + total + "'");
        }
        this.budget = new RegistrationBudget(perClientPerMinute, totalPerMinute, time);
        this.clientAddressHeader = clientAddressHeader == null || clientAddressHeader.isBlank() ? null : clientAddressHeader;
        this.tooLarge = unstored(registry, "too-large");
        this.overBudget = unstored(registry, "over-budget");
        if (only && manifest.isEmpty()) {
            throw new IllegalArgumentException("graphql.persisted-queries.only=true needs the operations it allows: "
                    + "set graphql.persisted-queries.manifest (GRAPHQL_PERSISTED_QUERIES_MANIFEST) to an Apollo "
                    + "persisted query manifest or a Relay persisted queries JSON file");
        }
        this.store = store;
        this.manifest = manifest;
        this.enabled = enabled;
        this.only = only;
        this.ttl = ttl;
        if (only) {
            LOG.info("Persisted queries: safelist on, only the {} operations of the manifest run", manifest.size());
        }
    }

    /** What {@code request} runs. Blocks on the store (at most its command timeout) for a hash without a query. */
    Resolution resolve(GraphQLHttpRequest request) {
        Map<?, ?> persisted = request.persistedQuery();
        String hash = persisted == null ? null : hashOf(persisted);
        String documentId = request.documentId();
        String query = request.query();
        if (hash == null && documentId == null) {
            if (only && !manifest.hasText(sha256(query))) {
                return notInList();
            }
            return new Run(query, null);
        }
        if (hash != null && documentId != null) {
            throw new MalformedRequest("Name a persisted query once: extensions.persistedQuery or documentId, not both");
        }
        String id = hash != null ? hash : documentId;
        Optional<String> listed = manifest.text(id);
        if (listed.isPresent()) {
            return new Run(listed.get(), null);
        }
        if (hash != null && !enabled && !only) {
            // Apollo Client and urql then stop sending hashes for good.
            return new Refused(NOT_SUPPORTED_MESSAGE, ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED);
        }
        if (query == null) {
            Optional<String> stored = only || hash == null ? Optional.empty() : stored(hash);
            return stored.<Resolution>map(text -> new Run(text, null)).orElseGet(PersistedQueries::notFound);
        }
        if (documentId != null) {
            throw new MalformedRequest("Send either documentId or query, not both");
        }
        if (!sha256(query).equals(hash)) {
            // A malformed request like a bad version (400 in both media types, as Apollo Server answers it):
            // no client retries it, and it is not the protocol's NOT_FOUND dance.
            throw new MalformedRequest("provided sha does not match query: extensions.persistedQuery.sha256Hash must be "
                    + "the SHA-256 (lower-case hex) of the query's UTF-8 text");
        }
        if (only) {
            return manifest.hasText(hash) ? new Run(query, null) : notInList();
        }
        return new Run(query, mayStore(hash, query) ? hash : null);
    }

    /**
     * Whether a query sent with its hash may be stored: not one this instance knows already (writing it again
     * would add nothing), at most max-query-size, and within its client's and this instance's budget.
     * Taken before the query validates: a client that sends invalid queries with hashes spends its own budget.
     */
    private boolean mayStore(String hash, String query) {
        if (query.equals(local.getIfPresent(hash))) {
            return false;
        }
        long bytes = query.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxQuerySize) {
            tooLarge.increment();
            return false;
        }
        if (!budget.take(client(), bytes)) {
            overBudget.increment();
            LOG.debug("Persisted query {} not stored: its client's or this instance's registration budget is spent", hash);
            return false;
        }
        return true;
    }

    /**
     * Who is registering: the connection's remote address or, with gateway.security.bearer.client-address-header
     * set (a proxy in front sets it), that header's last entry, as for Bearer lookups. Without a request in
     * context (none in the gateway's own use), every such registration shares one client.
     */
    private String client() {
        Optional<HttpRequest<Object>> current = ServerRequestContext.currentRequest();
        if (current.isEmpty()) {
            return "";
        }
        return ClientAddresses.of(current.get(), clientAddressHeader);
    }

    private static Counter unstored(MeterRegistry registry, String reason) {
        return Counter.builder("gateway.graphql.persisted.queries.unstored")
                .description("Automatic persisted queries that ran but were not stored, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** Stores a query that parsed and validated under its hash, for every instance on the store. */
    void register(String hash, String query) {
        local.put(hash, query);
        store.put(KEY_PREFIX + hash, query.getBytes(StandardCharsets.UTF_8), ttl);
    }

    private Optional<String> stored(String hash) {
        String known = local.getIfPresent(hash);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> text = store.get(KEY_PREFIX + hash)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                // A store's value is trusted only if it is what the hash says (a key reused by hand, a bit flip).
                .filter(candidate -> sha256(candidate).equals(hash));
        text.ifPresent(found -> local.put(hash, found));
        return text;
    }

    private static String hashOf(Map<?, ?> persisted) {
        Object version = persisted.get("version");
        if (!(version instanceof Number number) || number.intValue() != 1 || number.doubleValue() != 1) {
            throw new MalformedRequest("Unsupported persisted query version: send extensions.persistedQuery.version 1");
        }
        Object hash = persisted.get("sha256Hash");
        if (!(hash instanceof String text) || !SHA256_HEX.matcher(text).matches()) {
            throw new MalformedRequest("extensions.persistedQuery.sha256Hash must be 64 hex digits (SHA-256 of the query)");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static Refused notFound() {
        return new Refused(NOT_FOUND_MESSAGE, ErrorCode.PERSISTED_QUERY_NOT_FOUND);
    }

    private static Refused notInList() {
        return new Refused("This gateway runs only the operations of its persisted query manifest "
                + "(graphql.persisted-queries.only)", ErrorCode.PERSISTED_QUERY_NOT_IN_LIST);
    }

    /** Lower-case hex SHA-256 of the UTF-8 text, as Apollo Client and the manifests compute it. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
