// Shared by the browser tests: Debian's Chromium, headless, with everything that would reach past
// this machine switched off, and a recorder of what each page did (console errors, requests).
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

export const gatewayUrl = required('GATEWAY_URL'); // e.g. http://127.0.0.1:41234
export const screenshotDir = process.env.SCREENSHOT_DIR || join(tmpdir(), 'playlist-gateway-screenshots');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: BrowserIT sets it (docs/frontend.md, "The browser tests")`);
  }
  return value;
}

/** Debian's chromium, never a downloaded one. Playwright gives each launch a new, empty profile directory. */
export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      // Without these Chromium reaches for Google's hosts at start-up; this network refuses them.
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Every request a browser context makes, and every console error and uncaught exception of its pages. */
export function record(context) {
  const seen = { consoleErrors: [], pageErrors: [], requests: [], failed: [] };
  context.on('console', (message) => {
    if (message.type() === 'error') {
      seen.consoleErrors.push(`${message.text()} (${message.location().url})`);
    }
  });
  context.on('weberror', (error) => seen.pageErrors.push(String(error.error())));
  context.on('request', (request) => seen.requests.push({ method: request.method(), url: request.url() }));
  context.on('requestfailed', (request) => seen.failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  seen.leavingLoopback = () => seen.requests.filter(({ url }) => {
    const { protocol, hostname } = new URL(url);
    return !(protocol === 'data:' || protocol === 'blob:' || protocol === 'about:' || LOOPBACK.has(hostname));
  });
  return seen;
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * The example app's built files (the very ones the jar serves) from another origin, as a team hosting
 * its frontend elsewhere would: the page's graphql-endpoint points at the gateway. Resolves to the origin.
 */
export function serveAppElsewhere(port, webRoot) {
  const root = resolve(webRoot);
  const page = readFileSync(join(root, 'index.html'), 'utf8')
    .replace('<meta name="graphql-endpoint" content="/graphql">', `<meta name="graphql-endpoint" content="${gatewayUrl}/graphql">`);
  if (!page.includes(`${gatewayUrl}/graphql`)) {
    throw new Error('index.html has no <meta name="graphql-endpoint" content="/graphql"> to point at the gateway');
  }
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': TYPES['.html'] }).end(page);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done({ origin: `http://127.0.0.1:${port}`, close: () => server.close() }));
  });
}
