import { useState } from 'react';
import { useQuery } from 'urql';
import { CostBadge } from './CostBadge.jsx';
import { describeError } from './errors.js';
import { parseSpotifyRef, playlistHref } from './ids.js';
import { PLAYLISTS_PAGE_SIZE, ViewerPlaylists } from './queries.js';

/**
 * The viewer's playlists, a page at a time. Each page is a query of its own (the cursor of the page
 * before is its `after`), so the normalised cache keeps every page and "Show more" asks only for the next.
 */
export function Playlists({ selectedId }) {
  const [cursors, setCursors] = useState([null]);
  return (
    <nav className="playlists" aria-label="Your playlists">
      <h2>Your playlists</h2>
      {cursors.map((after, index) => (
        <PlaylistsPage key={after ?? 'first'} after={after} selectedId={selectedId}
                       isLast={index === cursors.length - 1}
                       onMore={(endCursor) => setCursors((all) => (all.includes(endCursor) ? all : [...all, endCursor]))} />
      ))}
      <OpenPlaylist />
    </nav>
  );
}

function PlaylistsPage({ after, isLast, onMore, selectedId }) {
  const [result] = useQuery({ query: ViewerPlaylists, variables: { first: PLAYLISTS_PAGE_SIZE, after } });
  const { data, fetching, error } = result;
  if (!data) {
    return fetching ? <p className="note">Loading playlists…</p> : <p className="problem">{describeError(error)}</p>;
  }
  if (!data.me) {
    return <p className="note">Sign in to see your playlists, or open a public one below.</p>;
  }
  const connection = data.me.playlists;
  if (!connection) {
    return <p className="problem">{describeError(error)}</p>;
  }
  return (
    <>
      <ul className="playlist-list">
        {connection.edges.map(({ cursor, node }) => (
          <li key={cursor}>
            <a href={playlistHref(node.id)} aria-current={matches(node, selectedId) ? 'page' : undefined}
               data-testid="playlist-link">
              <span className="name">{node.name}</span>
              <span className="count">{node.trackCount}</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="page-end">
        <CostBadge result={result} />
        {isLast && (connection.pageInfo.hasNextPage
          ? <button type="button" onClick={() => onMore(connection.pageInfo.endCursor)} data-testid="more-playlists">Show more playlists</button>
          : <span className="note" data-testid="playlists-total">{connection.totalCount} playlists</span>)}
      </div>
    </>
  );
}

function matches(playlist, selectedId) {
  return selectedId === playlist.id || selectedId === playlist.spotifyId;
}

/** Any playlist the viewer may read, by id, Spotify URI or link. */
function OpenPlaylist() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(null);
  const onSubmit = (event) => {
    event.preventDefault();
    const id = parseSpotifyRef(text, 'playlist');
    if (!id) {
      setProblem('Not a playlist id, spotify:playlist: URI or open.spotify.com link');
      return;
    }
    setProblem(null);
    window.location.hash = playlistHref(id);
  };
  return (
    <form className="open" onSubmit={onSubmit}>
      <label htmlFor="open-playlist">Open a playlist</label>
      <div className="row">
        <input id="open-playlist" value={text} onChange={(e) => setText(e.target.value)}
               placeholder="id, URI or link" autoComplete="off" />
        <button type="submit">Open</button>
      </div>
      {problem && <p className="problem">{problem}</p>}
    </form>
  );
}
