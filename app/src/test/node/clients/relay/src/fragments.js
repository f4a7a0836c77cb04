// Fragments and queries as a Relay app on this gateway writes them: @connection on both connections,
// @refetchable on Playlist, Track and User (refetched through Query.node), a root query.
import { graphql } from 'relay-runtime';

export const playlistTracks = graphql`
  fragment PlaylistTracks_playlist on Playlist
    @refetchable(queryName: "PlaylistTracksPaginationQuery")
    @argumentDefinitions(first: { type: "Int", defaultValue: 50 }, after: { type: "String" }) {
    id
    name
    trackCount
    tracks(first: $first, after: $after) @connection(key: "PlaylistTracks_tracks") {
      totalCount
      edges {
        cursor
        addedAt
        node {
          id
          ...Track_track
        }
      }
    }
  }
`;

export const track = graphql`
  fragment Track_track on Track @refetchable(queryName: "TrackRefetchQuery") {
    id
    spotifyId
    name
    durationMs
    artists { id name }
    album { id name imageUrl }
  }
`;

export const viewerPlaylists = graphql`
  fragment ViewerPlaylists_user on User
    @refetchable(queryName: "ViewerPlaylistsPaginationQuery")
    @argumentDefinitions(first: { type: "Int", defaultValue: 5 }, after: { type: "String" }) {
    id
    playlists(first: $first, after: $after) @connection(key: "ViewerPlaylists_playlists") {
      edges {
        cursor
        node {
          id
          name
          ...PlaylistTracks_playlist
        }
      }
    }
  }
`;

export const app = graphql`
  query AppQuery {
    me {
      id
      displayName
      ...ViewerPlaylists_user
    }
  }
`;
