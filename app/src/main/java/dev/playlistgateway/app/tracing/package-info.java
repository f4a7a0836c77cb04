/**
 * Traces (OpenTelemetry, through Micronaut's tracing module): off unless an OTLP endpoint is configured
 * ({@link dev.playlistgateway.app.tracing.TracingSwitch}). When on, a GraphQL operation is a span under the
 * HTTP server span, with a span per DataLoader batch ({@link dev.playlistgateway.app.tracing.OperationTrace}),
 * per cache round trip ({@link dev.playlistgateway.app.tracing.TracedCachePort}) and, from the Spotify
 * adapter, per Spotify call. Only the attributes {@link dev.playlistgateway.app.tracing.ExportedAttributes}
 * allows leave the process: no ids, no query text, no address, no token. When off, nothing here runs on a
 * request: {@link dev.playlistgateway.app.tracing.Tracing} hands out no-ops and the cache is not wrapped.
 */
package dev.playlistgateway.app.tracing;
