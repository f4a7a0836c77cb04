// A gateway in Spotify mode (its Spotify addresses a closed local port: nothing here calls them), an
// anonymous visitor: the example app and GraphiQL offer "Sign in with Spotify" and no demo banner.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, record, screenshot } from './support.mjs';

const spotifyGateway = process.env.SPOTIFY_GATEWAY_URL;

let browser;
let context;
let seen;

before(async () => {
  assert.ok(spotifyGateway, 'SPOTIFY_GATEWAY_URL is set by BrowserIT');
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  seen = record(context);
});

after(async () => {
  await browser?.close();
});

test('the example app offers Sign in with Spotify to an anonymous visitor', async () => {
  const page = await context.newPage();
  await page.goto(`${spotifyGateway}/`);
  const signIn = page.getByTestId('sign-in');
  await signIn.waitFor();
  assert.equal(await signIn.textContent(), 'Sign in with Spotify');
  assert.equal(await signIn.getAttribute('href'), `${spotifyGateway}/oauth/login/spotify?returnTo=%2F`);
  assert.equal(await page.getByTestId('demo-banner').count(), 0);
  await page.getByText('Sign in to see your playlists').waitFor();
  await screenshot(page, 'spotify-mode-example-app');
});

test('GraphiQL offers Sign in with Spotify and no demo banner', async () => {
  const page = await context.newPage();
  await page.goto(`${spotifyGateway}/graphiql`);
  const signIn = page.locator('#session a', { hasText: 'Sign in with Spotify' });
  await signIn.waitFor();
  assert.equal(await signIn.getAttribute('href'), '/oauth/login/spotify');
  assert.equal(await page.getByText('Demo mode').count(), 0);
  await screenshot(page, 'spotify-mode-graphiql');
});

test('made no console error and no request past loopback', () => {
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.failed, []);
  assert.deepEqual(seen.leavingLoopback(), []);
});
