/**
 * The caching policy: how the use cases of {@code domain/service} read through the {@code CachePort}
 * in front of the {@code PlaylistPort}. docs/caching.md gives the rules and their reasons. In reading
 * order:
 * <ul>
 *   <li>{@link dev.playlistgateway.domain.cache.ReadThrough}, the engine, the same for every kind of
 *       data, and {@link dev.playlistgateway.domain.cache.Read}, one read as a use case describes it
 *       (kind, keys, how misses are loaded, who may share what is read); it answers
 *       {@link dev.playlistgateway.domain.cache.Loaded} and tells each request's
 *       {@link dev.playlistgateway.domain.cache.ReadRecorder} what it cost;</li>
 *   <li>{@link dev.playlistgateway.domain.cache.SingleFlight}: concurrent misses of one key make one
 *       upstream call; {@link dev.playlistgateway.domain.cache.ChangeCounter}: a read that began before
 *       a change does not store what may be the old version; each in process, or across the gateway
 *       instances on one store through the ports {@link dev.playlistgateway.domain.cache.FlightLeases}
 *       and {@link dev.playlistgateway.domain.cache.SharedCounts};</li>
 *   <li>{@link dev.playlistgateway.domain.cache.PlaylistEntries}: what a read keeps besides what it was
 *       asked for; {@link dev.playlistgateway.domain.cache.PlaylistChanges}: what a change made through
 *       the gateway removes, the mutation and invalidation rules;</li>
 *   <li>{@link dev.playlistgateway.domain.cache.CacheKeys} (every key and its scope),
 *       {@link dev.playlistgateway.domain.cache.CacheTtls} (time to live per
 *       {@link dev.playlistgateway.domain.cache.DataKind}, stale grace),
 *       {@link dev.playlistgateway.domain.cache.Blocks} (block arithmetic, pure functions),
 *       {@link dev.playlistgateway.domain.cache.EntryStore} (typed, dated entries over the port) and
 *       {@link dev.playlistgateway.domain.cache.EntryCodec} (their bytes; cache adapters never look
 *       inside them).</li>
 * </ul>
 * Plain Java, no framework; built by {@code PlaylistService} with {@code new}.
 */
package dev.playlistgateway.domain.cache;
