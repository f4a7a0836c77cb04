/**
 * How the service's cached values look as bytes: the {@link dev.playlistgateway.domain.cache.EntryCodec}s.
 * Cache adapters never look inside them.
 */
package dev.playlistgateway.domain.cache;
