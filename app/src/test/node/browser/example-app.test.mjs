// The example app (examples/web) as the jar serves it at /, in demo mode: playlists page by page, the
// 260-item playlist scrolled to its end, a track added and removed, each response's cost shown.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gatewayUrl, launch, record, screenshot } from './support.mjs';

const EVERYTHING_SAVED = 'Everything I Saved in 2024'; // 260 items, one track saved twice
const ROAD_TRIP = 'Road Trip (to fill)'; // the demo user's own, empty
const TRACK_TO_ADD = 'TQMO1kVzxLPjmC3FVPPisB'; // in no playlist yet

let browser;
let context;
let page;
let seen;

before(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  seen = record(context);
  page = await context.newPage();
  await page.goto(`${gatewayUrl}/`);
});

after(async () => {
  await browser?.close();
});

/** "Show more playlists" until the last page is there. */
async function showAllPlaylists() {
  while (await page.getByTestId('playlists-total').count() === 0) {
    const more = page.getByTestId('more-playlists');
    if (await more.count() > 0) {
      await more.click();
    }
    await page.waitForTimeout(50);
  }
}

test('shows the demo-mode banner and no sign-in', async () => {
  await page.getByTestId('demo-banner').waitFor();
  assert.equal(await page.getByTestId('sign-in').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
});

test('lists the viewer\'s playlists a page at a time, each page with its cost', async () => {
  const links = page.getByTestId('playlist-link');
  await links.first().waitFor();
  assert.equal(await links.count(), 5, 'the first page holds five');
  await showAllPlaylists();
  assert.equal(await page.getByTestId('playlists-total').textContent(), '10 playlists');
  assert.equal(await links.count(), 10);
  const badge = page.locator('.playlists [data-testid="cost-badge"]').first();
  assert.match(await badge.textContent(), /^\d+ upstream calls? · \d+ hits? · \d+ miss(es)?/);
  await screenshot(page, 'example-app-playlists');
});

test('opens the 260-item playlist and scrolls to its end', async () => {
  await page.getByTestId('playlist-link').filter({ hasText: EVERYTHING_SAVED }).click();
  await page.getByTestId('playlist-name').filter({ hasText: EVERYTHING_SAVED }).waitFor();
  assert.equal(await page.getByTestId('track-count').textContent(), '260');
  const rows = page.getByTestId('track-row');
  await rows.first().waitFor();
  const scroller = page.getByTestId('tracks-scroller');
  const deadline = Date.now() + 60_000;
  while (await page.getByTestId('end-of-playlist').count() === 0) {
    assert.ok(Date.now() < deadline, `still not at the end after 60 s: ${await rows.count()} rows`);
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(100);
  }
  assert.equal(await rows.count(), 260, 'every item, the track saved twice included');
  const pageBadges = page.locator('.track-list [data-testid="cost-badge"]');
  assert.equal(await pageBadges.count(), 6, 'one cost badge per page of 50');
  await screenshot(page, 'example-app-260-items-end');
});

test('adds a track to a playlist the viewer owns; a reload shows it; then removes it', async () => {
  await page.getByTestId('playlist-link').filter({ hasText: ROAD_TRIP }).click();
  await page.getByTestId('playlist-name').filter({ hasText: ROAD_TRIP }).waitFor();
  await page.getByTestId('end-of-playlist').waitFor();
  const count = page.getByTestId('track-count');
  const rows = page.getByTestId('track-row');
  const before = Number(await count.textContent());
  const added = page.locator(`[data-testid="track-row"][data-track-id="${TRACK_TO_ADD}"]`);
  assert.equal(await added.count(), 0, `${TRACK_TO_ADD} is not in ${ROAD_TRIP} yet`);

  await page.getByTestId('add-track-input').fill(TRACK_TO_ADD);
  await page.getByTestId('add-track').click();
  await added.waitFor();
  assert.equal(await count.textContent(), String(before + 1));
  assert.match(await page.getByTestId('added').textContent(), /Added · \d+ upstream calls? · /);
  assert.equal(await rows.count(), before + 1);
  // The list of playlists shares the normalised Playlist record: its count followed without a request.
  const listed = page.getByTestId('playlist-link').filter({ hasText: ROAD_TRIP }).locator('.count');
  assert.equal(await listed.textContent(), String(before + 1));
  await screenshot(page, 'example-app-track-added');

  // The browser may keep the playlist's public pages (Cache-Control: public, max-age): a playlist this
  // tab changed is revalidated, so a reload shows the change rather than the copy from before it.
  await page.reload();
  await page.getByTestId('end-of-playlist').waitFor();
  await added.waitFor();
  assert.equal(await count.textContent(), String(before + 1));

  await added.getByTestId('remove-track').click();
  await added.waitFor({ state: 'detached' });
  await page.getByTestId('removed').waitFor();
  assert.equal(await count.textContent(), String(before));
  assert.equal(await rows.count(), before);
  await showAllPlaylists();
  assert.equal(await listed.textContent(), String(before));
  await screenshot(page, 'example-app-track-removed');
});

test('sends queries as persisted-query hashes over GET, each query\'s text at most once', async () => {
  const graphql = (from = 0) => seen.requests.slice(from).filter(({ url }) => new URL(url).pathname === '/graphql').map(({ method, url }) => {
    const params = new URL(url).searchParams;
    const extensions = JSON.parse(params.get('extensions') ?? '{}');
    return { method, url, hash: extensions.persistedQuery?.sha256Hash, text: params.has('query') };
  });
  const queries = graphql().filter(({ method }) => method === 'GET');
  assert.ok(queries.length > 0);
  for (const query of queries) {
    assert.ok(query.hash, `a persisted-query hash: ${query.url}`);
  }
  const known = new Set(queries.map(({ hash }) => hash));
  const textsSent = queries.filter(({ text }) => text).map(({ hash }) => hash);
  assert.equal(new Set(textsSent).size, textsSent.length, 'no query text sent twice');

  const before = seen.requests.length;
  await page.reload();
  await page.getByTestId('playlist-link').first().waitFor();
  await page.getByTestId('end-of-playlist').waitFor();
  const afterReload = graphql(before);
  assert.ok(afterReload.length > 0);
  for (const { hash, text, url } of afterReload.filter(({ hash }) => known.has(hash))) {
    assert.equal(text, false, `the gateway knew this hash already: ${url}`);
  }
  assert.ok(graphql().every(({ method, hash }) => method === 'POST' || hash), 'only mutations are POSTs');
});

test('made no console error and no request past loopback', () => {
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.failed, []);
  assert.deepEqual(seen.leavingLoopback(), []);
  assert.ok(seen.requests.length > 10);
});
