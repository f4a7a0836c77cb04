/**
 * Real Redis for tests, standalone ({@link dev.playlistgateway.testsupport.redis.RedisServer}) or a
 * three-master cluster ({@link dev.playlistgateway.testsupport.redis.RedisCluster}): in a container
 * where Testcontainers is on the classpath and a Docker engine answers, else {@code redis-server}
 * from PATH on a free port (never 6379, never a Redis the machine already runs). With neither, a test
 * is skipped, or fails when the environment variable {@code CI} is {@code true}. Tests take them
 * through the JUnit 5 extensions {@link dev.playlistgateway.testsupport.redis.RedisServerExtension} and
 * {@link dev.playlistgateway.testsupport.redis.RedisClusterExtension}.
 */
package dev.playlistgateway.testsupport.redis;
