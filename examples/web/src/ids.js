/**
 * What a person pastes for a playlist or track, as the gateway takes it: a bare Spotify id, a
 * Spotify URI (spotify:track:…, the gateway's global id) or an open.spotify.com link. Null when it is none.
 */
export function parseSpotifyRef(text, type) {
  const value = text.trim();
  const link = new RegExp(`^https?://open\\.spotify\\.com/(?:[a-z-]+/)?${type}/([A-Za-z0-9]+)`).exec(value);
  if (link) {
    return link[1];
  }
  if (new RegExp(`^spotify:${type}:[A-Za-z0-9]+$`).test(value) || /^[A-Za-z0-9]+$/.test(value)) {
    return value;
  }
  return null;
}

export function playlistHref(id) {
  return `#/playlist/${encodeURIComponent(id)}`;
}
