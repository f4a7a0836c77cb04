// relay-compiler 21 on the fragments of relay/src (@connection on User.playlists and Playlist.tracks,
// @refetchable on Playlist, Track and User) against the gateway's schema: argv[2] is the schema file
// (schema.graphqls), argv[3] a fresh working folder. Relay persists the operations it generates into
// <folder>/persisted_queries.json (Relay's persisted queries format). Prints a JSON summary line;
// exits non-zero when the compiler refuses the schema or the fragments.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [schema, work] = process.argv.slice(2);
if (!schema || !work) {
  console.error('usage: node relay-compile.mjs <schema.graphqls> <work folder>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(work, { recursive: true });
cpSync(join(here, 'relay'), work, { recursive: true });
// relay-compiler reads a schema only from a file named *.graphql.
copyFileSync(schema, join(work, 'schema.graphql'));
mkdirSync(join(work, 'src/__generated__'), { recursive: true });
writeFileSync(join(work, 'persisted_queries.json'), '{}\n');

const compiler = join(here, 'node_modules/.bin/relay-compiler');
const compile = spawnSync(compiler, [], { cwd: work, encoding: 'utf8' });
process.stdout.write(compile.stdout ?? '');
process.stderr.write(compile.stderr ?? '');

const artifacts = existsSync(join(work, 'src/__generated__')) ? readdirSync(join(work, 'src/__generated__')).sort() : [];
const persisted = JSON.parse(readFileSync(join(work, 'persisted_queries.json'), 'utf8'));
const operations = Object.fromEntries(Object.entries(persisted).map(([id, text]) => [text.match(/^(?:query|mutation) (\w+)/)[1], id]));
const expected = ['AppQuery', 'PlaylistTracksPaginationQuery', 'TrackRefetchQuery', 'ViewerPlaylistsPaginationQuery'];
const missing = expected.filter((name) => !operations[name] || !artifacts.includes(`${name}.graphql.js`));
console.log(JSON.stringify({ exit: compile.status, artifacts, operations, missing }));
process.exit(compile.status === 0 && missing.length === 0 ? 0 : 1);
