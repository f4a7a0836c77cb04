/**
 * What the gateway serves to a browser besides GraphQL and GraphiQL: the example app built from
 * {@code examples/web} (committed under {@code resources/web}, its page at {@code /} and its assets under
 * {@code /app/}, through {@code micronaut.router.static-resources}), the headers it is served with, and
 * {@code GET /mode}, which tells a frontend whether the gateway runs in demo mode or signs users in
 * with Spotify.
 */
package dev.playlistgateway.app.web;
