// Apollo Client 4 against the gateway at argv[2] (its /graphql URL), as a frontend would use it:
// PersistedQueryLink (automatic persisted queries, hashed queries by GET) in front of HttpLink, and an
// InMemoryCache with relayStylePagination() on both connections (User.playlists, Playlist.tracks).
// It pages through the viewer's playlists two at a time, then through every playlist's tracks 50 at a
// time, and checks that the cache ends up with every item of every playlist (the 260-item one too).
// Prints a JSON summary line; exits 1 on any mismatch.
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';

const url = process.argv[2];
if (!url) {
  console.error('usage: node apollo-paging.mjs <graphql url>');
  process.exit(2);
}

// Every request the client makes, as the server saw it.
const sent = [];
const countingFetch = async (input, init = {}) => {
  const method = init.method ?? 'GET';
  const target = new URL(typeof input === 'string' ? input : input.url);
  const body = init.body ? JSON.parse(init.body) : null;
  const hasQuery = method === 'GET' ? target.searchParams.has('query') : typeof body?.query === 'string';
  const response = await fetch(input, init);
  const text = await response.clone().text();
  let notFound = false;
  try {
    notFound = (JSON.parse(text).errors ?? []).some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND');
  } catch {
    // not JSON: counted as it is
  }
  sent.push({ method, hasQuery, status: response.status, notFound, cacheControl: response.headers.get('cache-control') });
  return response;
};

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const client = new ApolloClient({
  link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true })
    .concat(new HttpLink({ uri: url, fetch: countingFetch })),
  cache: new InMemoryCache({
    typePolicies: {
      User: { fields: { playlists: relayStylePagination() } },
      Playlist: { fields: { tracks: relayStylePagination() } },
    },
  }),
});

const PLAYLISTS = gql`
  query ViewerPlaylists($after: String) {
    me {
      id
      playlists(first: 2, after: $after) {
        totalCount
        edges { cursor node { id spotifyId name trackCount } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;
const TRACKS = gql`
  query PlaylistTracks($id: ID!, $after: String) {
    playlist(id: $id) {
      id
      trackCount
      tracks(first: 50, after: $after) {
        edges { cursor addedAt node { id name artists { id name } album { id name } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

const problems = [];

/** Fetches pages with fetchMore until the connection says there are no more; returns the merged data. */
async function pageThrough(query, variables, connectionOf, maxPages) {
  const observable = client.watchQuery({ query, variables });
  let subscription;
  const first = new Promise((resolve, reject) => {
    subscription = observable.subscribe({
      next: (result) => {
        if (!result.loading && result.data) {
          resolve(result);
        }
      },
      error: reject,
    });
  });
  try {
    // Each page's own pageInfo says where the next one starts; the cache merges the edges.
    let pageInfo = connectionOf((await first).data).pageInfo;
    let pages = 1;
    while (pageInfo.hasNextPage) {
      if (pages >= maxPages) {
        throw new Error(`more than ${maxPages} pages`);
      }
      const more = await observable.fetchMore({ variables: { ...variables, after: pageInfo.endCursor } });
      pageInfo = connectionOf(more.data).pageInfo;
      pages++;
    }
    return { data: client.readQuery({ query, variables }), pages };
  } finally {
    subscription.unsubscribe();
  }
}

const lists = await pageThrough(PLAYLISTS, {}, (data) => data.me.playlists, 50);
const playlists = lists.data.me.playlists.edges.map((edge) => edge.node);
if (playlists.length !== lists.data.me.playlists.totalCount) {
  problems.push(`playlists: ${playlists.length} of ${lists.data.me.playlists.totalCount} after ${lists.pages} pages`);
}

const counted = [];
for (const playlist of playlists) {
  const tracks = await pageThrough(TRACKS, { id: playlist.id }, (data) => data.playlist.tracks, 20);
  const edges = tracks.data.playlist.tracks.edges;
  counted.push({ name: playlist.name, items: edges.length, pages: tracks.pages });
  if (edges.length !== playlist.trackCount) {
    problems.push(`${playlist.name}: ${edges.length} of ${playlist.trackCount} items after ${tracks.pages} pages`);
  }
  const cursors = new Set(edges.map((edge) => edge.cursor));
  if (cursors.size !== edges.length) {
    problems.push(`${playlist.name}: cursors repeat`);
  }
}
const biggest = counted.reduce((a, b) => (b.items > a.items ? b : a), { items: 0 });
if (biggest.items !== 260) {
  problems.push(`the longest playlist has ${biggest.items} items, expected 260`);
}

// Automatic persisted queries: each operation's text was sent once per distinct query (after a
// PERSISTED_QUERY_NOT_FOUND), every other request was its hash alone, by GET.
const fullQueries = sent.filter((request) => request.hasQuery).length;
const hashOnly = sent.filter((request) => !request.hasQuery);
const misses = sent.filter((request) => request.notFound).length;
// (Against a fresh gateway both operations miss once; one that knows them already misses less.)
if (fullQueries !== misses || fullQueries > 2 || hashOnly.length < 2 * fullQueries) {
  problems.push(`expected each operation to be sent in full at most once, after its one miss: ${fullQueries} full, ${misses} misses`);
}
if (hashOnly.some((request) => request.method !== 'GET')) {
  problems.push('a hashed query was not sent by GET');
}
if (sent.some((request) => request.status !== 200)) {
  problems.push(`statuses: ${[...new Set(sent.map((request) => request.status))].join(',')}`);
}
const publicAnswers = hashOnly.filter((request) => (request.cacheControl ?? '').startsWith('public')).length;

const client4 = (await import('@apollo/client')).version;
console.log(JSON.stringify({
  apolloClient: client4, playlists: playlists.length, playlistPages: lists.pages, tracks: counted,
  requests: sent.length, fullQueries, hashOnly: hashOnly.length, misses, publicAnswers, problems,
}));
process.exit(problems.length > 0 ? 1 : 0);
