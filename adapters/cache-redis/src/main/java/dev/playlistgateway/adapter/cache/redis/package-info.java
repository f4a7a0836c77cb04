/**
 * {@link dev.playlistgateway.domain.port.CachePort} on Redis, standalone or Cluster, through Lettuce.
 * {@link dev.playlistgateway.adapter.cache.redis.RedisCache} makes it;
 * {@link dev.playlistgateway.adapter.cache.redis.RedisCacheSettings} tunes it. The adapter classes are
 * package-private: callers depend on the port.
 *
 * <p>Redis trouble never becomes an exception, and a slow Redis is not a dead one: writes are sent
 * without waiting, a read waits while Redis answers and misses after a short silence, and only
 * evidence that Redis is down ({@code FailureGate}: a refused connection, or a few command timeouts
 * of silence in a row) leaves it alone for a back-off window, so a dead Redis costs about one timeout
 * per window. A warning is logged at most once per interval.
 */
package dev.playlistgateway.adapter.cache.redis;
