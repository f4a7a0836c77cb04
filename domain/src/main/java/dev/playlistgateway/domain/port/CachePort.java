package dev.playlistgateway.domain.port;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Where data is kept between requests: in process (Caffeine) or shared (Redis).
 *
 * <p>Keys are printable ASCII strings of at most 512 characters built by the service; values are
 * opaque bytes the service encodes and decodes. An implementation MUST NOT interpret values, and
 * MAY add its own prefix to keys.
 *
 * <p><b>Expiry:</b> every entry is written with a time to live and MUST NOT be returned once it has
 * passed (an implementation MAY drop it earlier, for example to stay within a size bound). There is
 * no entry without expiry.
 *
 * <p><b>Threads:</b> implementations MUST be safe for concurrent use. Operations may block for at
 * most the implementation's configured command timeout.
 *
 * <p><b>Failures:</b> a cache is an optimisation, never a source of errors. Implementations MUST NOT
 * throw from any method because the store is unreachable, slow or full: a read that cannot be
 * answered is a miss ({@code Optional.empty()} / absent from the map), a write that cannot be done
 * is dropped. They MAY report such trouble through {@link #isAvailable()} and their own logs and metrics.
 * Only programming errors (null or invalid arguments) throw.
 */
public interface CachePort {

    /** The value under {@code key}, or empty on a miss (absent, expired, or store unavailable). */
    Optional<byte[]> get(String key);

    /**
     * The values under many keys, in as few round trips as the store allows. The result holds only
     * the keys that were hits; a missing key is a miss. Never null.
     */
    Map<String, byte[]> getAll(Collection<String> keys);

    /** Stores {@code value} under {@code key} for {@code ttl} (positive), replacing any earlier value. */
    void put(String key, byte[] value, Duration ttl);

    /** Stores many entries with one time to live, in as few round trips as the store allows. */
    void putAll(Map<String, byte[]> entries, Duration ttl);

    /** Removes the entries under the keys, if present. */
    void delete(Collection<String> keys);

    /** False while the store is known to be unreachable; reads then miss and writes are dropped. */
    default boolean isAvailable() {
        return true;
    }
}
