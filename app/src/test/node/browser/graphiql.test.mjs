// GraphiQL in demo mode: it loads from the jar with no network, shows the demo banner with no sign-in
// or sign-out controls, runs a query, and shows the response's cost above the editor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gatewayUrl, launch, record, screenshot } from './support.mjs';

let browser;
let page;
let seen;

before(async () => {
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  seen = record(context);
  page = await context.newPage();
  await page.goto(`${gatewayUrl}/graphiql`);
});

after(async () => {
  await browser?.close();
});

test('shows the demo banner and no sign-in or sign-out', async () => {
  const session = page.locator('#session');
  await session.filter({ hasText: 'Demo mode' }).waitFor();
  assert.match(await session.textContent(), /every caller is Demo Listener/);
  assert.equal(await page.getByText('Sign in with Spotify').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
});

test('runs the default query and shows its cost without scrolling', async () => {
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  await result.filter({ hasText: '"displayName": "Demo Listener"' }).waitFor();
  const cost = page.locator('#cost');
  await cost.filter({ hasText: 'Last response:' }).waitFor();
  assert.match(await cost.textContent(), /^Last response: \d+ upstream calls? · \d+ hits? · \d+ miss(es)?/);
  assert.ok(await cost.isVisible());
  const box = await cost.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 800, `in the first screen: ${JSON.stringify(box)}`);
  await screenshot(page, 'graphiql-demo-query');
});

test('made no console error and no request past loopback', () => {
  assert.deepEqual(seen.consoleErrors, []);
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.failed, []);
  assert.deepEqual(seen.leavingLoopback(), []);
});
