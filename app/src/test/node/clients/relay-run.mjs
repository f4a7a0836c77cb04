// Runs the operations relay-compiler persisted (argv[3]/persisted_queries.json) against the gateway at
// argv[2], by documentId alone, as a Relay network layer with persisted queries sends them: the app
// query, then the refetch and pagination queries relay-compiler generated on Query.node: the viewer's
// playlists page by page, every item of the longest playlist (260) page by page, a track refetched.
// Prints a JSON summary line; exits 1 on any mismatch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [url, work] = process.argv.slice(2);
const persisted = JSON.parse(readFileSync(join(work, 'persisted_queries.json'), 'utf8'));
const idOf = Object.fromEntries(Object.entries(persisted).map(([id, text]) => [text.match(/^(?:query|mutation) (\w+)/)[1], id]));

const problems = [];
let requests = 0;
async function run(name, variables = {}) {
  requests++;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' },
    body: JSON.stringify({ documentId: idOf[name], variables }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

const app = await run('AppQuery');
const viewer = app.me;
let playlists = viewer.playlists.edges.map((edge) => edge.node);
let pageInfo = viewer.playlists.pageInfo;
let pages = 1;
while (pageInfo.hasNextPage && pages < 20) {
  const next = await run('ViewerPlaylistsPaginationQuery', { id: viewer.id, first: 5, after: pageInfo.endCursor });
  if (next.node.__typename !== 'User' || next.node.id !== viewer.id) {
    problems.push(`node(id: ${viewer.id}) answered ${next.node.__typename} ${next.node.id}`);
  }
  playlists = playlists.concat(next.node.playlists.edges.map((edge) => edge.node));
  pageInfo = next.node.playlists.pageInfo;
  pages++;
}

const longest = playlists.reduce((a, b) => (b.trackCount > a.trackCount ? b : a));
let items = [];
let after = null;
let trackPages = 0;
do {
  const page = await run('PlaylistTracksPaginationQuery', { id: longest.id, first: 100, after });
  if (page.node.__typename !== 'Playlist') {
    problems.push(`node(id: ${longest.id}) answered ${page.node.__typename}`);
  }
  items = items.concat(page.node.tracks.edges);
  after = page.node.tracks.pageInfo.hasNextPage ? page.node.tracks.pageInfo.endCursor : null;
  trackPages++;
} while (after && trackPages < 10);
if (items.length !== 260 || longest.trackCount !== 260) {
  problems.push(`the longest playlist: ${items.length} items of ${longest.trackCount}`);
}

const someTrack = items.find((edge) => edge.node).node;
const refetched = await run('TrackRefetchQuery', { id: someTrack.id });
if (refetched.node.__typename !== 'Track' || refetched.node.name !== someTrack.name || refetched.node.spotifyId !== someTrack.spotifyId) {
  problems.push(`TrackRefetchQuery answered ${JSON.stringify(refetched.node)}`);
}

console.log(JSON.stringify({ playlists: playlists.length, playlistPages: pages, longest: longest.name, items: items.length, trackPages, requests, problems }));
process.exit(problems.length > 0 ? 1 : 0);
