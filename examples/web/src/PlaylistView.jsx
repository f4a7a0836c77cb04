import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CostBadge } from './CostBadge.jsx';
import { describeError } from './errors.js';
import { parseSpotifyRef } from './ids.js';
import { AddTrack, PlaylistHeader, PlaylistTracksPage, RemoveTrack, TRACKS_PAGE_SIZE, Viewer } from './queries.js';

/** One playlist: its header, its tracks with infinite scroll, and (if the viewer may edit it) add and remove. */
export function PlaylistView({ id }) {
  const [header] = useQuery({ query: PlaylistHeader, variables: { id } });
  const [{ data: viewer }] = useQuery({ query: Viewer });
  const [removal, remove] = useMutation(RemoveTrack);
  // The `after` cursor of each page loaded so far: the first page has none.
  const [cursors, setCursors] = useState([null]);

  const playlist = header.data?.playlist;
  if (!playlist) {
    return (
      <section className="playlist">
        {header.fetching ? <p className="note">Loading…</p> : <p className="problem">{describeError(header.error) ?? 'No such playlist'}</p>}
      </section>
    );
  }
  const me = viewer?.me;
  const canEdit = Boolean(me) && (playlist.owner.id === me.id || playlist.collaborative);
  const onRemove = (track) => remove({ playlistId: playlist.id, trackIds: [track.id] });

  return (
    <section className="playlist" aria-label={playlist.name}>
      <div className="playlist-head">
        <h2 data-testid="playlist-name">{playlist.name}</h2>
        <p className="meta">
          <span data-testid="track-count">{playlist.trackCount}</span> tracks · by {playlist.owner.displayName || playlist.owner.id}
          {playlist.public === false ? ' · private' : ''}{playlist.collaborative ? ' · collaborative' : ''}
          {' '}<CostBadge result={header} />
        </p>
        {playlist.description && <p className="description">{playlist.description}</p>}
        {canEdit && <AddTrackForm playlist={playlist} />}
        {removal.error && <p className="problem">{describeError(removal.error)}</p>}
        {removal.data && !removal.error && (
          <p className="note" data-testid="removed">Removed · <CostBadge result={removal} /></p>
        )}
      </div>
      <div className="tracks" data-testid="tracks-scroller">
        <ol className="track-list">
          {cursors.map((after, index) => (
            <TrackPage key={after ?? 'first'} playlistId={playlist.id} after={after} index={index}
                       isLast={index === cursors.length - 1} canEdit={canEdit} onRemove={onRemove}
                       removing={removal.fetching}
                       onMore={(endCursor) => setCursors((all) => (all.includes(endCursor) ? all : [...all, endCursor]))} />
          ))}
        </ol>
      </div>
    </section>
  );
}

function TrackPage({ playlistId, after, index, isLast, canEdit, onRemove, removing, onMore }) {
  const [result] = useQuery({ query: PlaylistTracksPage, variables: { id: playlistId, first: TRACKS_PAGE_SIZE, after } });
  const connection = result.data?.playlist?.tracks;
  if (!connection) {
    return result.fetching
      ? <li className="note loading">Loading tracks…</li>
      : <li className="problem">{describeError(result.error) ?? 'No tracks'}</li>;
  }
  const { hasNextPage, endCursor } = connection.pageInfo;
  return (
    <>
      {connection.edges.map((edge, i) => (
        <TrackRow key={edge.cursor} edge={edge} position={index * TRACKS_PAGE_SIZE + i + 1}
                  canEdit={canEdit} onRemove={onRemove} removing={removing} />
      ))}
      <li className="page-end" aria-hidden="true">
        <span className="note">page {index + 1}</span> <CostBadge result={result} />
      </li>
      {isLast && (hasNextPage
        ? <LoadMore onVisible={() => onMore(endCursor)} />
        : <li className="end" data-testid="end-of-playlist">End of playlist</li>)}
    </>
  );
}

function TrackRow({ edge, position, canEdit, onRemove, removing }) {
  const track = edge.node;
  if (!track) {
    return (
      <li className="track unavailable" data-testid="track-row">
        <span className="pos">{position}</span>
        <span className="title">Not a catalogue track (a local file or an episode)</span>
      </li>
    );
  }
  const year = track.album.releaseDate ? ` (${track.album.releaseDate.slice(0, 4)})` : '';
  return (
    <li className="track" data-testid="track-row" data-track-id={track.spotifyId}>
      <span className="pos">{position}</span>
      <span className="title">
        <span className="name">{track.name}</span>{track.explicit && <abbr className="explicit" title="Explicit">E</abbr>}
        <span className="artists">{track.artists.map((artist) => artist.name).join(', ')}</span>
      </span>
      <span className="album">{track.album.name}{year}</span>
      <span className="duration">{formatDuration(track.durationMs)}</span>
      {canEdit && (
        <button type="button" className="remove" disabled={removing} onClick={() => onRemove(track)}
                title="Remove every occurrence of this track" data-testid="remove-track">Remove</button>
      )}
    </li>
  );
}

/** Asks for the next page when it scrolls into view (inside the track list's own scroll box). */
function LoadMore({ onVisible }) {
  const ref = useRef(null);
  const asked = useRef(false);
  useEffect(() => {
    const observer = new IntersectionObserver((entries) => {
      if (!asked.current && entries.some((entry) => entry.isIntersecting)) {
        asked.current = true;
        onVisible();
      }
    }, { rootMargin: '200px' });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [onVisible]);
  return <li ref={ref} className="note loading" data-testid="load-more">Loading more…</li>;
}

function AddTrackForm({ playlist }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(null);
  const [result, add] = useMutation(AddTrack);
  const onSubmit = (event) => {
    event.preventDefault();
    const id = parseSpotifyRef(text, 'track');
    if (!id) {
      setProblem('Not a track id, spotify:track: URI or open.spotify.com link');
      return;
    }
    setProblem(null);
    add({ playlistId: playlist.id, trackIds: [id] }).then((answer) => {
      if (!answer.error) {
        setText('');
      }
    });
  };
  return (
    <form className="add" onSubmit={onSubmit}>
      <label htmlFor="add-track">Add a track</label>
      <input id="add-track" value={text} onChange={(e) => setText(e.target.value)}
             placeholder="track id, URI or link" autoComplete="off" data-testid="add-track-input" />
      <button type="submit" disabled={result.fetching} data-testid="add-track">Add</button>
      {problem && <span className="problem">{problem}</span>}
      {result.error && <span className="problem">{describeError(result.error)}</span>}
      {result.data?.addTracksToPlaylist && !result.error && (
        <span className="note" data-testid="added">Added · <CostBadge result={result} /></span>
      )}
    </form>
  );
}

function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
