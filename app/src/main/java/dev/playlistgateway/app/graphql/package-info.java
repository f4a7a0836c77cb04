/**
 * The GraphQL API: schema.graphqls wired to data fetchers that call the domain service, per-request
 * DataLoaders, the error model ({@code extensions.code}) and the cost report ({@code extensions.cache}).
 */
package dev.playlistgateway.app.graphql;
