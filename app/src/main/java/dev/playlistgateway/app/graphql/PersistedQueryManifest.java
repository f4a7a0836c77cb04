package dev.playlistgateway.app.graphql;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations registered ahead of time ({@code graphql.persisted-queries.manifest}), read once at
 * start-up, in either format frontends' build tools write:
 * <ul>
 *   <li>Apollo's persisted query manifest ({@code @apollo/generate-persisted-query-manifest}):
 *       {@code {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id", "name",
 *       "type", "body"}]}}; clients send {@code id} as {@code extensions.persistedQuery.sha256Hash};</li>
 *   <li>Relay's persisted queries JSON (relay-compiler's {@code persistConfig.file}): {@code {"<id>":
 *       "<text>", ...}}; clients send the id as {@code documentId} (or, if it is a SHA-256, as the hash).</li>
 * </ul>
 * Each operation is also known by the SHA-256 of its text, so a client that sends the full text of a
 * listed operation may run it in safelist mode. No manifest: empty. An unreadable or malformed file
 * stops the start. Immutable, thread safe.
 */
@Singleton
final class PersistedQueryManifest {
    static final String APOLLO_FORMAT = "apollo-persisted-query-manifest";

    private final Map<String, String> byId;
    private final Map<String, String> byTextHash;

    @Inject
    PersistedQueryManifest(ResourceResolver resources, JsonMapper json,
                           @Nullable @Property(name = "graphql.persisted-queries.manifest") String location) {
        this(location == null || location.isBlank() ? Map.of() : read(resources, json, location.trim()));
    }

    PersistedQueryManifest(Map<String, String> operations) {
        this.byId = Map.copyOf(operations);
        Map<String, String> hashes = new HashMap<>();
        operations.values().forEach(text -> hashes.put(PersistedQueries.sha256(text), text));
        this.byTextHash = Map.copyOf(hashes);
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    int size() {
        return byId.size();
    }

    /** The text of the operation registered under {@code id}. */
    Optional<String> text(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Whether some operation's text has this SHA-256 (lower-case hex). */
    boolean hasText(String sha256) {
        return byTextHash.containsKey(sha256);
    }

    private static Map<String, String> read(ResourceResolver resources, JsonMapper json, String location) {
        String resource = location.startsWith("classpath:") || location.startsWith("file:") ? location : "file:" + location;
        Object parsed;
        try (InputStream in = resources.getResourceAsStream(resource)
                .orElseThrow(() -> new ConfigurationException("graphql.persisted-queries.manifest: no file at " + location))) {
            parsed = json.readValue(in.readAllBytes(), Argument.OBJECT_ARGUMENT);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigurationException known) {
                throw known;
            }
            throw new ConfigurationException("graphql.persisted-queries.manifest: " + location + " is not valid JSON", e);
        }
        if (!(parsed instanceof Map<?, ?> root) || root.isEmpty()) {
            throw malformed(location);
        }
        Map<String, String> operations = new HashMap<>();
        if (APOLLO_FORMAT.equals(root.get("format"))) {
            if (!Integer.valueOf(1).equals(root.get("version")) || !(root.get("operations") instanceof List<?> list)) {
                throw malformed(location);
            }
            for (Object operation : list) {
                if (!(operation instanceof Map<?, ?> entry) || !(entry.get("id") instanceof String id)
                        || !(entry.get("body") instanceof String body)) {
                    throw malformed(location);
                }
                operations.put(id, body);
            }
        } else {
            for (Map.Entry<?, ?> entry : root.entrySet()) {
                if (!(entry.getKey() instanceof String id) || !(entry.getValue() instanceof String body)) {
                    throw malformed(location);
                }
                operations.put(id, body);
            }
        }
        return operations;
    }

    private static ConfigurationException malformed(String location) {
        return new ConfigurationException("graphql.persisted-queries.manifest: " + location + " is neither an Apollo "
                + "persisted query manifest ({\"format\": \"" + APOLLO_FORMAT + "\", \"version\": 1, \"operations\": "
                + "[{\"id\", \"body\", ...}]}) nor a Relay persisted queries file ({\"<id>\": \"<query text>\"})");
    }
}
