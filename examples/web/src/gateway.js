// Where the gateway is, and what it tells a frontend about itself.

/** The GraphQL endpoint, absolute: from <meta name="graphql-endpoint">, relative to this page. */
export const graphqlUrl = new URL(
  document.querySelector('meta[name="graphql-endpoint"]')?.content || '/graphql',
  window.location.href,
).href;

/** The gateway's origin: sign-in, sign-out and /mode live there, next to /graphql. */
export const gatewayOrigin = new URL(graphqlUrl).origin;

/** Whether the page runs on the gateway's own origin (served from the jar, or through Vite's proxy). */
export const sameOrigin = gatewayOrigin === window.location.origin;

/**
 * The gateway's mode: {mode: "demo"} or {mode: "spotify", signInPath, signOutPath}.
 * GET /mode answers it; it never changes while the gateway runs.
 */
export async function fetchMode() {
  const response = await fetch(new URL('/mode', gatewayOrigin), {
    credentials: 'include',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) {
    throw new Error(`GET /mode answered ${response.status}`);
  }
  return response.json();
}

/** Ends the session (Spotify mode): a JSON POST, which the gateway's CSRF rule requires. */
export async function signOut(mode) {
  await fetch(new URL(mode.signOutPath, gatewayOrigin), {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
}

/**
 * Where "Sign in with Spotify" goes. On the gateway's own origin it asks to come back to this page
 * (returnTo: a local path, which is all the gateway accepts); from another origin it lands on the
 * gateway's default page, since the gateway never redirects off its own site.
 */
export function signInUrl(mode, here = window.location) {
  const url = new URL(mode.signInPath, gatewayOrigin);
  if (sameOrigin) {
    url.searchParams.set('returnTo', here.pathname + here.search + here.hash);
  }
  return url.href;
}
