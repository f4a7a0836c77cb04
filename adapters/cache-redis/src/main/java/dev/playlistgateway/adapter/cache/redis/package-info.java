/**
 * {@link dev.playlistgateway.domain.port.CachePort} on Redis, standalone or Cluster, through Lettuce.
 * {@link dev.playlistgateway.adapter.cache.redis.RedisCache} makes it;
 * {@link dev.playlistgateway.adapter.cache.redis.RedisCacheSettings} tunes it. The adapter classes are
 * package-private: callers depend on the port.
 *
 * <p>Redis trouble never becomes an exception: reads miss and writes are dropped within one short
 * command timeout, after which Redis is left alone for a back-off window (so a dead Redis costs at
 * most one timeout per window), and a warning is logged at most once per interval.
 */
package dev.playlistgateway.adapter.cache.redis;
