import { useEffect, useState } from 'react';
import { fetchMode, gatewayOrigin, sameOrigin } from './gateway.js';
import { ModeBar } from './ModeBar.jsx';
import { Playlists } from './Playlists.jsx';
import { PlaylistView } from './PlaylistView.jsx';

/** The playlist shown, from the URL's hash (#/playlist/<id>), so a reload or a link keeps it. */
function useSelectedPlaylist() {
  const read = () => {
    const match = /^#\/playlist\/(.+)$/.exec(window.location.hash);
    return match ? decodeURIComponent(match[1]) : null;
  };
  const [id, setId] = useState(read);
  useEffect(() => {
    const onChange = () => setId(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return id;
}

export function App() {
  const [mode, setMode] = useState(null);
  const [unreachable, setUnreachable] = useState(null);
  const selected = useSelectedPlaylist();

  useEffect(() => {
    fetchMode().then(setMode, (error) => setUnreachable(error));
  }, []);

  return (
    <div className="app">
      <header className="top">
        <h1>playlist-gateway <small>example app</small></h1>
        {mode && <ModeBar mode={mode} />}
      </header>
      {unreachable ? (
        <p className="problem" role="alert" data-testid="gateway-unreachable">
          Cannot reach the gateway at {gatewayOrigin}
          {sameOrigin ? '' : ': is this page\'s origin listed in the gateway\'s CORS_ORIGINS?'} ({unreachable.message})
        </p>
      ) : mode && (
        <main className="columns">
          <Playlists selectedId={selected} />
          {selected
            ? <PlaylistView key={selected} id={selected} />
            : <section className="playlist empty"><p>Choose a playlist.</p></section>}
        </main>
      )}
    </div>
  );
}
