/**
 * Metrics (/prometheus): the domain's {@link dev.playlistgateway.domain.port.CacheObserver} on
 * Micrometer, and {@link dev.playlistgateway.app.metrics.UpstreamFailures}, the count of fields the
 * music service failed with its rate-limited warning.
 */
package dev.playlistgateway.app.metrics;
