import { Client, fetchExchange, makeOperation, mapExchange } from '@urql/core';
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
  markChanged(playlist);
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

/*
 * The gateway lets browsers keep public answers to GET for as long as they stay fresh (Cache-Control:
 * public, max-age). Right for a playlist someone else changes; not for one this tab just changed, whose
 * pages would come back from the browser's cache as they were. So the ids of playlists changed here are
 * kept (in sessionStorage: a reload keeps them too) and every query about one of them revalidates
 * (fetch's cache: 'no-cache': the browser asks with If-None-Match, the gateway answers 304 or the new page).
 */
const CHANGED = 'playlist-gateway:changed-playlists';
const bareId = (id) => id.replace(/^spotify:playlist:/, '');

function changedPlaylists() {
  try {
    return new Set(JSON.parse(window.sessionStorage.getItem(CHANGED)) || []);
  } catch {
    return new Set();
  }
}

function markChanged(playlist) {
  const changed = changedPlaylists().add(bareId(playlist.id));
  try {
    window.sessionStorage.setItem(CHANGED, JSON.stringify([...changed]));
  } catch {
    // storage refused (full, or switched off): this tab revalidates nothing, as before
  }
}

const revalidateChangedPlaylists = mapExchange({
  onOperation(operation) {
    const id = operation.kind === 'query' && operation.variables && operation.variables.id;
    if (typeof id !== 'string' || !changedPlaylists().has(bareId(id))) {
      return operation;
    }
    const { fetchOptions } = operation.context;
    const options = typeof fetchOptions === 'function' ? fetchOptions() : fetchOptions;
    return makeOperation(operation.kind, operation, {
      ...operation.context,
      fetchOptions: { ...options, cache: 'no-cache' },
    });
  },
});

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
      revalidateChangedPlaylists,
      // Automatic persisted queries: a query is sent as its SHA-256 hash over GET (so the browser
      // and any CDN can cache public answers); the full text only once, when the gateway does not
      // know the hash yet. Mutations go as POST with their text.
      persistedExchange({ preferGetForPersistedQueries: 'within-url-limit' }),
      fetchExchange,
    ],
  });
}
