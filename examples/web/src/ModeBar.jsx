import { useQuery } from 'urql';
import { signInUrl, signOut } from './gateway.js';
import { Viewer } from './queries.js';

/** Demo mode: a banner, no sign-in. Spotify mode: who is signed in, or "Sign in with Spotify". */
export function ModeBar({ mode }) {
  if (mode.mode === 'demo') {
    return (
      <p className="banner demo" data-testid="demo-banner">
        Demo mode: the bundled offline catalog, no sign-in; every visitor is its demo user.
      </p>
    );
  }
  return <SpotifySession mode={mode} />;
}

function SpotifySession({ mode }) {
  const [{ data }] = useQuery({ query: Viewer });
  const me = data?.me;
  if (!me) {
    return (
      <p className="banner session">
        {/* The href again at the click: the page (its #/playlist/…) may have changed since the render. */}
        <a href={signInUrl(mode)} onClick={(event) => { event.currentTarget.href = signInUrl(mode); }}
           data-testid="sign-in">Sign in with Spotify</a>
      </p>
    );
  }
  const onSignOut = () => signOut(mode).then(() => window.location.reload());
  return (
    <p className="banner session">
      Signed in as {me.displayName || me.id} · <button type="button" onClick={onSignOut}>Sign out</button>
    </p>
  );
}
