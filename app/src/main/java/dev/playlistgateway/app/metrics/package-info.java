/** Metrics: the domain's {@link dev.playlistgateway.domain.port.CacheObserver} on Micrometer (/prometheus). */
package dev.playlistgateway.app.metrics;
