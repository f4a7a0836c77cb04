// The same built page served from two other origins: one in the gateway's CORS_ORIGINS (it works as
// it does on the gateway's own origin) and one not (the browser blocks every call to the gateway).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gatewayUrl, launch, record, screenshot, serveAppElsewhere } from './support.mjs';

const webRoot = process.env.WEB_ROOT || '../../../main/resources/web';
const allowedPort = Number(process.env.ALLOWED_ORIGIN_PORT);
const refusedPort = Number(process.env.REFUSED_ORIGIN_PORT);

let browser;
const servers = [];

before(async () => {
  assert.ok(allowedPort && refusedPort, 'ALLOWED_ORIGIN_PORT and REFUSED_ORIGIN_PORT are set by BrowserIT');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  servers.forEach((server) => server.close());
});

/** What a page on `origin` gets when it calls the gateway itself, beside what the app shows. */
function callGateway(page) {
  return page.evaluate(async (url) => {
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      return `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      return `blocked: ${error.message}`;
    }
  }, gatewayUrl);
}

test('a page on an origin in CORS_ORIGINS lists the playlists and opens one', async () => {
  const elsewhere = await serveAppElsewhere(allowedPort, webRoot);
  servers.push(elsewhere);
  const context = await browser.newContext();
  const seen = record(context);
  const page = await context.newPage();
  await page.goto(`${elsewhere.origin}/`);

  await page.getByTestId('demo-banner').waitFor();
  await page.getByTestId('playlist-link').first().waitFor();
  await page.getByTestId('playlist-link').filter({ hasText: 'Morning Commute' }).click();
  await page.getByTestId('track-row').first().waitFor();
  assert.equal(await page.getByTestId('track-count').textContent(), '42');
  assert.match(await callGateway(page), /^HTTP 200: .*"spotify:user:demo-listener"/);
  await screenshot(page, 'cross-origin-allowed');

  const toGateway = seen.requests.filter(({ url }) => url.startsWith(gatewayUrl));
  assert.ok(toGateway.some(({ url }) => new URL(url).pathname === '/graphql'), 'the page called the gateway');
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.failed, []);
  assert.deepEqual(seen.leavingLoopback(), []);
  await context.close();
});

test('a page on an origin not in CORS_ORIGINS is blocked by the browser', async () => {
  const elsewhere = await serveAppElsewhere(refusedPort, webRoot);
  servers.push(elsewhere);
  const context = await browser.newContext();
  const seen = record(context);
  const page = await context.newPage();
  await page.goto(`${elsewhere.origin}/`);

  await page.getByTestId('gateway-unreachable').waitFor();
  assert.equal(await page.getByTestId('playlist-link').count(), 0);
  assert.match(await callGateway(page), /^blocked: /);
  await screenshot(page, 'cross-origin-refused');

  // Chromium says why on the console: the gateway sent no Access-Control-Allow-Origin for this origin.
  assert.ok(seen.consoleErrors.some((text) => /CORS policy/.test(text)), seen.consoleErrors.join('\n'));
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.leavingLoopback(), []);
  await context.close();
});
