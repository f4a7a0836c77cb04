import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { persistedExchange } from '@urql/exchange-persisted';
import { graphqlUrl } from './gateway.js';

/**
 * Cursors name positions in a list (the gateway's schema says so), so after a change the pages
 * already shown are asked again with the cursors they had and together show the new list.
 * An append changes only the last page; a removal shifts every page after the first occurrence.
 */
function invalidateTrackPages(cache, playlist, onlyLastPage) {
  if (!playlist) {
    return; // refused or failed: nothing changed
  }
  const key = cache.keyOfEntity(playlist);
  for (const field of cache.inspectFields(key)) {
    if (field.fieldName !== 'tracks') {
      continue;
    }
    const connection = cache.resolve(key, field.fieldName, field.arguments);
    const pageInfo = connection && cache.resolve(connection, 'pageInfo');
    const isLastPage = pageInfo && cache.resolve(pageInfo, 'hasNextPage') === false;
    if (!onlyLastPage || isLastPage) {
      cache.invalidate(key, field.fieldName, field.arguments);
    }
  }
}

export function createClient() {
  return new Client({
    url: graphqlUrl,
    // The session cookie in Spotify mode; a page on another site uses a Bearer token instead.
    fetchOptions: { credentials: 'include' },
    exchanges: [
      // The normalised cache: a Playlist, Track, Artist or Album is one record, however many queries
      // show it (its id is global: spotify:track:…). Connections and edges have no id of their own.
      cacheExchange({
        keys: {
          PlaylistConnection: () => null,
          PlaylistEdge: () => null,
          PlaylistTrackConnection: () => null,
          PlaylistTrackEdge: () => null,
          PageInfo: () => null,
        },
        updates: {
          Mutation: {
            addTracksToPlaylist: (result, _args, cache) =>
              invalidateTrackPages(cache, result.addTracksToPlaylist, true),
            removeTracksFromPlaylist: (result, _args, cache) =>
              invalidateTrackPages(cache, result.removeTracksFromPlaylist, false),
          },
        },
      }),
      // Automatic persisted queries: a query is sent as its SHA-256 hash over GET (so the browser
      // and any CDN can cache public answers); the full text only once, when the gateway does not
      // know the hash yet. Mutations go as POST with their text.
      persistedExchange({ preferGetForPersistedQueries: 'within-url-limit' }),
      fetchExchange,
    ],
  });
}
